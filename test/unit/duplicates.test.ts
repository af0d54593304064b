/**
 * The duplicate finder on small hand-written inputs with exact expected outcomes: normalisation, pair scores
 * and reasons, blocking, the extractor's bestMatch and the import's findDuplicatesFor, and merge planning.
 * (Precision and recall on the labelled set are measured by `npm run bench:duplicates`, not asserted here.)
 */
import { describe, expect, it } from 'vitest';
import {
  bestMatch,
  canonToken,
  findDuplicates,
  findDuplicatesFor,
  pairKey,
  parsePersonName,
  planMerge,
  scorePair,
  type DupNode,
} from '../../server/src/duplicates';
import type { StoredNode, StoredRel } from '../../server/src/duplicates/merge-plan';

const person = (id: string, name: string, aliases: string[] = [], neighbours: string[] = []): DupNode => ({
  id,
  labels: ['Person'],
  name,
  aliases,
  neighbours,
});
const agency = (id: string, name: string, aliases: string[] = []): DupNode => ({
  id,
  labels: ['Agency'],
  name,
  aliases,
});
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('normalisation', () => {
  it('folds transliteration variants of one name to one canonical token', () => {
    expect(canonToken('darchiyev')).toBe(canonToken('darchiev'));
    expect(canonToken('yevgeny')).toBe(canonToken('evgeniy'));
    expect(canonToken('khodorkovsky')).toBe(canonToken('hodorkovskiy'));
    expect(canonToken('alexander')).toBe(canonToken('aleksandr'));
    expect(canonToken('sergei')).toBe(canonToken('sergey'));
    expect(canonToken('coulter')).not.toBe(canonToken('colter'));
  });

  it('strips titles, appositions, particles and patronymics, and knows a description from a name', () => {
    expect(parsePersonName('Deputy Foreign Minister Sergei Ryabkov').stripped).toEqual(['sergei', 'ryabkov']);
    expect(parsePersonName('Kremlin spokesman Dmitry Peskov').stripped).toEqual(['dmitry', 'peskov']);
    expect(parsePersonName('Sonata Coulter, Deputy Assistant Secretary of State').stripped).toEqual([
      'sonata',
      'coulter',
    ]);
    expect(parsePersonName('Secretary of State Marco Rubio')).toMatchObject({ surname: 'rubio', nameLike: true });
    expect(parsePersonName('Abdel Fattah el-Sisi').stripped).toEqual(['abd', 'fattah', 'sisi']);
    expect(parsePersonName('Дарчиев Александр Сергеевич')).toMatchObject({
      given: ['aleksandr'],
      surname: canonToken('darchiev'),
    });
    expect(parsePersonName('Russian counterpart of Secretary Rubio').nameLike).toBe(false);
    expect(parsePersonName('spokesperson').nameLike).toBe(false);
  });
});

describe('scorePair', () => {
  it('gives exact scores and reasons on hand-written pairs', () => {
    const cases: [DupNode, DupNode, number, string[]][] = [
      [person('a', 'Aleksandr Darchiyev'), person('b', 'Alexander Darchiev'), 0.97, ['transliteration']],
      [person('a', 'Aleksandr Darchiyev'), person('b', 'Aleksandr Darchiyev'), 0.97, ['same-name']],
      [person('a', 'Sonata Coulter'), person('b', 'SONATA COULTER'), 0.97, ['same-name']],
      [person('a', 'José Ramírez'), person('b', 'Jose Ramirez'), 0.97, ['accents']],
      [person('a', 'Ambassador Darchiyev'), person('b', 'Darchiyev'), 0.97, ['titles']],
      [person('a', 'Ambassador Darchiyev'), person('b', 'Aleksandr Darchiyev'), 0.78, ['surname-only', 'titles']],
      [person('a', 'S. Coulter'), person('b', 'Sonata Coulter'), 0.85, ['initials']],
      [person('a', 'Coulter'), person('b', 'Sonata Coulter'), 0.78, ['surname-only']],
      [person('a', 'Дарчиев Александр'), person('b', 'Aleksandr Darchiyev'), 0.9, ['word-order']],
      [person('a', 'Donald Trump'), person('b', 'Melania Trump'), 0, ['different-given-names']],
      [person('a', 'S. Coulter'), person('b', 'T. Coulter'), 0, ['different-given-names']],
      [person('a', 'Sergei Lavrov'), person('b', 'Sergei Ryabkov'), 0, []],
      // the alias "Trump" fits "Melania Trump" by surname, but the full names differ: capped below proposals
      [
        person('a', 'Donald Trump', ['Trump']),
        person('b', 'Melania Trump'),
        0.5,
        ['surname-only', 'shared-alias', 'different-given-names'],
      ],
      [agency('a', 'State Department'), agency('b', 'U.S. State Department'), 0.8, ['contained-name']],
      [agency('a', 'United States'), agency('b', 'US'), 0.85, ['acronym']],
      [
        agency('a', 'Russian Foreign Ministry'),
        agency('b', 'Ministry of Foreign Affairs of Russia'),
        0.9,
        ['similar-words'],
      ],
      [agency('a', 'U.S. delegation'), agency('b', 'Russian delegation'), 0.3, ['similar-words']],
      [agency('a', 'Moscow'), person('b', 'Moscow'), 0, ['different-labels']],
    ];
    for (const [a, b, score, reasons] of cases) {
      const r = scorePair(a, b);
      expect([a.name, b.name, r.score, codes(r)]).toEqual([a.name, b.name, score, reasons]);
      expect(scorePair(b, a).score).toBe(score); // symmetric
    }
  });

  it('adds shared neighbours, takes off for a direct relationship, and tells meetings apart by date', () => {
    const a = person('a', 'Alexander Darchiev', [], ['m1', 'm2']);
    const b = person('b', 'Aleksandr Darchiyev', [], ['m1', 'm2', 'a']);
    const r = scorePair(a, b);
    expect(r.score).toBe(0.93); // 0.97 + 2 × 0.03 − 0.1
    expect(codes(r)).toEqual(['transliteration', 'shared-neighbours', 'directly-related']);
    const meeting = (id: string, name: string, date: string): DupNode => ({
      id,
      labels: ['Meeting'],
      name,
      properties: { date },
    });
    expect(
      scorePair(meeting('x', 'Istanbul talks', '2025-04-10'), meeting('y', 'Istanbul talks', '2025-02-27')),
    ).toEqual({
      score: 0,
      reasons: [{ code: 'different-dates', text: 'different dates (2025-04-10, 2025-02-27)' }],
    });
    expect(
      scorePair(meeting('x', 'Istanbul talks', '2025-04-10'), meeting('y', 'the Istanbul talks', '2025-04-10')).score,
    ).toBe(1);
  });
});

describe('findDuplicates', () => {
  const nodes = [
    person('p1', 'Aleksandr Darchiyev', ['Darchiyev']),
    person('p2', 'Alexander Darchiev'),
    person('p3', 'Sonata Coulter'),
    person('p4', 'S. Coulter'),
    person('p5', 'Melania Trump'),
    agency('a1', 'Darchiyev'), // same word, other label: never paired with a person
  ];

  it('proposes each pair once, best first, only within a label set, and never a dismissed pair', () => {
    const found = findDuplicates(nodes);
    expect(found.map((c) => [c.a.id, c.b.id, c.score])).toEqual([
      ['p1', 'p2', 0.97],
      ['p3', 'p4', 0.85],
    ]);
    expect(findDuplicates(nodes, { dismissed: new Set([pairKey('p2', 'p1')]) }).map((c) => c.a.id)).toEqual(['p3']);
    expect(findDuplicates(nodes, { limit: 1 })).toHaveLength(1);
    expect(findDuplicates(nodes, { threshold: 0.9 }).map((c) => c.b.id)).toEqual(['p2']);
  });

  it('matches incoming nodes against existing ones, surname-only below a full match (import preview) and finds the best match (extractor)', () => {
    const existing = nodes;
    const incoming = [
      person('new1', 'Ambassador Darchiev'),
      person('p3', 'Sonata Coulter'),
      person('new2', 'Nobody Else'),
    ];
    const out = findDuplicatesFor(incoming, existing);
    expect(out.map((o) => [o.node.id, o.matches.map((m) => [m.node.id, m.score])])).toEqual([
      [
        'new1',
        [
          ['p1', 0.97],
          ['p2', 0.78],
        ],
      ],
      ['p3', [['p4', 0.85]]], // an incoming node with an existing id is that node, not its duplicate
      ['new2', []],
    ]);
    expect(bestMatch({ name: 'Darchiev', label: 'Person' }, existing)).toEqual({
      id: 'p1',
      score: 0.97,
      reason:
        '"Darchiev" and "Darchiyev" are spellings of one name (transliteration); matched through the alias "Darchiyev"',
      reasons: [
        { code: 'transliteration', text: '"Darchiev" and "Darchiyev" are spellings of one name (transliteration)' },
        { code: 'shared-alias', text: 'matched through the alias "Darchiyev"' },
      ],
    });
    expect(bestMatch({ name: 'Darchiev', label: 'Place' }, existing)).toBeNull();
    expect(bestMatch({ name: 'Lavrov', label: 'Person' }, existing)).toBeNull();
  });
});

describe('planMerge', () => {
  const K: StoredNode = {
    elementId: 'k',
    labels: ['Person'],
    properties: {
      id: 'person:k',
      name: 'Aleksandr Darchiyev',
      aliases: ['Darchiyev'],
      description: 'kept',
      tags: ['a'],
    },
  };
  const M: StoredNode = {
    elementId: 'm',
    labels: ['Person'],
    properties: {
      id: 'person:m',
      name: 'Alexander Darchiev',
      aliases: ['Darchiyev', 'A. D.'],
      description: 'other',
      born: 1960,
      tags: ['b'],
    },
  };
  const rel = (elementId: string, type: string, start: string, end: string, properties = {}): StoredRel => ({
    elementId,
    type,
    start,
    end,
    properties,
  });
  const rels = [
    rel('r1', 'ATTENDED', 'k', 'x', { quotes: ['q1'], sourceIds: ['s1'], inferred: false, role: 'head' }),
    rel('r2', 'ATTENDED', 'm', 'x', { quotes: ['q2', 'q1'], sourceIds: ['s2', 's1'], inferred: true, role: 'chief' }),
    rel('r3', 'MET', 'y', 'm', { quotes: ['q3'], sourceIds: ['s3'] }),
    rel('r4', 'COUNTERPART_OF', 'm', 'k'),
    rel('r5', 'SELF', 'm', 'm'),
  ];

  it('keeps every alias, property, relationship and quote, with conflicts recorded', () => {
    const plan = planMerge(K, M, rels);
    expect(plan.keepChanges).toEqual([
      { key: 'aliases', before: ['Darchiyev'], hadBefore: true, after: ['Darchiyev', 'Alexander Darchiev', 'A. D.'] },
      { key: 'born', before: null, hadBefore: false, after: 1960 },
      { key: 'mergedIds', before: null, hadBefore: false, after: ['person:m'] },
      {
        key: 'mergedValues',
        before: null,
        hadBefore: false,
        after: JSON.stringify({ description: [{ from: 'person:m', value: 'other' }] }),
      },
      { key: 'tags', before: ['a'], hadBefore: true, after: ['a', 'b'] },
    ]);
    expect(plan.create).toEqual([
      { from: ['r3'], type: 'MET', start: 'y', end: 'k', properties: { quotes: ['q3'], sourceIds: ['s3'] } },
      { from: ['r5'], type: 'SELF', start: 'k', end: 'k', properties: {} },
    ]);
    expect(plan.update).toEqual([
      {
        elementId: 'r1',
        from: ['r2'],
        changes: [
          {
            key: 'mergedValues',
            before: null,
            hadBefore: false,
            after: JSON.stringify({ role: [{ from: 'r2', value: 'chief' }] }),
          },
          { key: 'quotes', before: ['q1'], hadBefore: true, after: ['q1', 'q2'] },
          { key: 'sourceIds', before: ['s1'], hadBefore: true, after: ['s1', 's2'] },
        ],
      },
    ]);
    expect(plan.dropped).toEqual(['r4']);
    expect(plan.mergedRels.map((r) => r.elementId)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(() => planMerge(K, K, [])).toThrow(/cannot be merged into itself/);
  });
});
