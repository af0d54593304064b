import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LABELS, readDatasetFile, type LoadedDataset } from '../../server/src/dataset/schema';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.join(REPO, 'data/seed.json');
const SOURCE_ID = 'source:us-russia-embassy-talks-istanbul';
const COPY = path.join(REPO, 'data/sources/us-russia-embassy-talks-istanbul.txt');
/** the shared original; CI checks it out beside the clone */
const SHARED = path.resolve(REPO, '../shared/seed/us-russia-embassy-talks-istanbul.txt');

function loadSeed(): LoadedDataset {
  const result = readDatasetFile(SEED);
  if (!result.ok)
    throw new Error(
      `data/seed.json does not validate:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  return result.dataset;
}

describe('data/seed.json', () => {
  const result = readDatasetFile(SEED);
  const seed = loadSeed();
  const article = readFileSync(COPY, 'utf8');
  const node = (id: string) => {
    const n = seed.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  };
  const rels = (type: string, source?: string, target?: string) =>
    seed.relationships.filter(
      (r) =>
        r.type === type &&
        (source === undefined || r.source === source) &&
        (target === undefined || r.target === target),
    );

  it('validates with no errors', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('has one source, the article, with outlet and date left null (the file names neither)', () => {
    expect(seed.sources.map((s) => s.id)).toEqual([SOURCE_ID]);
    const source = seed.sources[0]!;
    expect(source.textFile).toBe('sources/us-russia-embassy-talks-istanbul.txt');
    expect(source.outlet).toBeNull();
    expect(source.published).toBeNull();
    expect(source.text).toBe(article);
  });

  it('keeps a byte-exact copy of the shared article', () => {
    const copy = readFileSync(COPY);
    expect(copy.toString('utf8')).toContain('A U.S. delegation led by Sonata Coulter');
    expect(copy.toString('utf8')).toContain('Russia’s U.S. envoy, Alexander Darchiev');
    if (existsSync(SHARED)) {
      expect(copy.equals(readFileSync(SHARED))).toBe(true);
    } else {
      // shared/ is not beside this checkout: only the copy can be checked (CI has shared/)
      expect(copy.length).toBe(2651);
    }
  });

  it('quotes every piece of evidence exactly from the article', () => {
    let quotes = 0;
    for (const r of seed.relationships) {
      for (const ev of r.evidence) {
        expect(ev.source).toBe(SOURCE_ID);
        expect(article.includes(ev.quote), `${r.source} -[${r.type}]-> ${r.target}: ${ev.quote}`).toBe(true);
        quotes++;
      }
    }
    expect(quotes).toBeGreaterThanOrEqual(seed.relationships.length);
  });

  it('gives every stated relationship evidence and every inferred one a reason', () => {
    for (const r of seed.relationships) {
      const what = `${r.source} -[${r.type}]-> ${r.target}`;
      if (r.inferred) expect(r.inferenceReason?.trim(), what).toBeTruthy();
      else {
        expect(r.evidence.length, what).toBeGreaterThan(0);
        expect(r.inferenceReason, what).toBeUndefined();
      }
    }
  });

  it('uses unique ids across nodes and sources, and connects every node', () => {
    const ids = [...seed.sources.map((s) => s.id), ...seed.nodes.map((n) => n.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const linked = new Set(seed.relationships.flatMap((r) => [r.source, r.target]));
    expect(seed.nodes.filter((n) => !linked.has(n.id)).map((n) => n.id)).toEqual([]);
  });

  it('has a rich but honest size', () => {
    expect(seed.nodes.length).toBeGreaterThanOrEqual(25);
    expect(seed.nodes.length).toBeLessThanOrEqual(40);
    expect(seed.relationships.length).toBeGreaterThanOrEqual(40);
    expect(seed.relationships.length).toBeLessThanOrEqual(70);
    expect(new Set(seed.nodes.map((n) => n.label))).toEqual(new Set(LABELS));
  });

  it('models Aleksandr Darchiyev and Alexander Darchiev as one person', () => {
    const darchi = seed.nodes.filter((n) => [n.name, ...n.aliases].some((s) => /darchi/i.test(s)));
    expect(darchi.map((n) => n.id)).toEqual(['person:aleksandr-darchiyev']);
    const names = [darchi[0]!.name, ...darchi[0]!.aliases];
    for (const spelling of ['Aleksandr Darchiyev', 'Alexander Darchiev', 'Darchiyev', 'Darchiev'])
      expect(names).toContain(spelling);
  });

  it('has every named person under a name or alias the article uses', () => {
    for (const p of seed.nodes.filter((n) => n.label === 'Person')) {
      if (p.properties.unnamed === true) continue;
      expect(
        [p.name, ...p.aliases].some((s) => article.includes(s)),
        p.id,
      ).toBe(true);
    }
  });

  it('invents no names the article does not give', () => {
    const json = readFileSync(SEED, 'utf8');
    for (const invented of ['Marco', 'Lavrov', 'Biden', 'Saudi']) expect(json).not.toContain(invented);
    expect(node('person:rubio').name).toBe('Rubio');
  });

  it('records who met whom at the April 10 meeting, with the statement as evidence', () => {
    const meeting = 'meeting:istanbul-april-10';
    const attended = rels('ATTENDED', undefined, meeting);
    expect(attended.map((r) => [r.source, r.properties.role])).toEqual([
      ['person:sonata-coulter', 'head of U.S. delegation'],
      ['person:aleksandr-darchiyev', 'head of Russian delegation'],
    ]);
    for (const r of attended) {
      expect(r.inferred).toBe(false);
      expect(
        r.evidence.some(
          (e) =>
            e.quote.includes('Sonata Coulter') &&
            e.quote.includes('Aleksandr Darchiyev') &&
            e.quote.includes('April 10'),
        ),
      ).toBe(true);
    }
    expect(rels('HELD_IN', meeting).map((r) => r.target)).toEqual(['place:istanbul']);
    expect(rels('LEADS', 'person:sonata-coulter').map((r) => r.target)).toEqual(['agency:us-delegation']);
    expect(rels('LEADS', 'person:aleksandr-darchiyev').map((r) => r.target)).toEqual(['agency:russian-delegation']);
  });

  it('dates the meetings, marking the inferred year', () => {
    const april = node('meeting:istanbul-april-10').properties;
    expect(april).toMatchObject({ date: '2025-04-10', status: 'held', round: 2, dateInferred: true });
    expect(String(april.dateInferenceReason)).toMatch(/second term/);
    const february = node('meeting:february-27').properties;
    expect(february).toMatchObject({ date: '2025-02-27', status: 'held', round: 1, dateInferred: true });
    expect(String(february.dateInferenceReason)).toMatch(/no year/);
    const next = node('meeting:follow-up').properties;
    expect(next).toMatchObject({ date: null, status: 'planned' });
    expect(next.round).toBeUndefined();
    // where the first round was held is not stated
    expect(rels('HELD_IN', 'meeting:february-27').filter((r) => !r.inferred)).toEqual([]);
    expect(rels('FOLLOWS', 'meeting:istanbul-april-10', 'meeting:february-27')).toHaveLength(1);
    expect(rels('FOLLOWS', 'meeting:follow-up', 'meeting:istanbul-april-10')).toHaveLength(1);
  });

  it('gives people, agencies and places only aliases that the article itself uses', () => {
    const invented = seed.nodes
      // (an unnamed person's name and aliases are descriptions, such as "Rubio’s Russian counterpart")
      .filter((n) => ['Person', 'Agency', 'Place'].includes(n.label) && n.properties.unnamed !== true)
      .flatMap((n) => n.aliases.filter((a) => !article.includes(a)).map((a) => `${n.id}: ${a}`));
    expect(invented).toEqual([]);
    const darchiyev = seed.nodes.find((n) => n.aliases.includes('Alexander Darchiev'));
    expect(darchiyev?.properties.identityInferred).toBe(true);
  });

  it('documents every label and relationship type it uses in data/README.md', () => {
    const readme = readFileSync(path.join(REPO, 'data/README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` +\|/gm)].map((m) => m[1]));
    const used = [...new Set(seed.relationships.map((r) => r.type))];
    expect(used.filter((t) => !documented.has(t))).toEqual([]);
    for (const label of LABELS) expect(readme).toContain(`| \`${label}\``);
  });
});
