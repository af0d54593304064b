/**
 * The meeting rules of session 3 on small hand-written sentences (not the held-out texts) with exact expected
 * proposals: one meeting per event told of by a verb, a noun's date later in its clause, planned markers before
 * a meeting, nouns that name a process rather than a meeting, dates taken from the sentence before (inferred),
 * relative clauses kept out of the attendees, and coreference of one-word names only when unambiguous.
 */
import { describe, expect, it } from 'vitest';
import { extractProposals } from '../../server/src/extract/pipeline';

type P = ReturnType<typeof extractProposals>;
const attendeesOf = (p: P) => p.meetings.map((m) => [m.status, m.date, m.place, [...m.attendees].sort()] as const);

describe('meetings', () => {
  it('a verb meeting that names someone new is another meeting, not the dated one before it', () => {
    const p = extractProposals({
      text:
        'French President Ana Rojas hosted German Foreign Minister Luis Paredes in Paris on Monday. ' +
        'Paredes later met French Foreign Minister Pedro Soto.',
      published: '2025-04-10',
    });
    expect(attendeesOf(p)).toEqual([
      ['held', '2025-04-07', 'place:paris', ['person:ana-rojas', 'person:luis-paredes']],
      ['held', null, null, ['person:luis-paredes', 'person:pedro-soto']],
    ]);
  });

  it('a call between two people takes the date later in its clause', () => {
    const p = extractProposals({
      text: 'The visit follows a phone call between President Ana Rojas and President Luis Paredes on March 2.',
      published: '2025-03-20',
    });
    expect(attendeesOf(p)).toEqual([['held', '2025-03-02', null, ['person:ana-rojas', 'person:luis-paredes']]]);
  });

  it('"ready to host a new round … between X and Y" is planned, with X and Y, and a relative clause is not the verb meeting’s', () => {
    const p = extractProposals({
      text:
        'Luis Paredes met Foreign Minister Pedro Soto, who said Chile was ready to host a new round of ' +
        'negotiations between Armenia and Azerbaijan.',
    });
    expect(attendeesOf(p)).toEqual([
      ['held', null, null, ['person:luis-paredes', 'person:pedro-soto']],
      ['planned', null, null, ['agency:armenia', 'agency:azerbaijan']],
    ]);
  });

  it('"agreed to meet again" is planned; bare "trade talks between …" with no date or place are no meeting', () => {
    const p = extractProposals({
      text:
        'Trade talks between Lima and Santiago have stalled for months. ' +
        'Rojas and Foreign Minister Luis Paredes agreed to meet again in Lima in the autumn.',
    });
    expect(p.meetings.map((m) => [m.status, m.place])).toEqual([['planned', 'place:lima']]);
  });

  it('a meeting without a date of its own takes the one date of the sentence before, marked inferred', () => {
    const p = extractProposals({
      text: 'On Friday, Foreign Minister Pedro Soto arrived in Lima. Soto met President Luis Paredes.',
      published: '2025-04-12',
    });
    expect(p.meetings).toHaveLength(1);
    const m = p.meetings[0]!;
    expect([m.date, m.dateInferred, m.place]).toEqual(['2025-04-11', true, 'place:lima']);
    expect(m.dateInferenceReason).toMatch(/sentence before/);
    const heldIn = p.relationships.find((r) => r.type === 'HELD_IN')!;
    expect([heldIn.inferred, heldIn.rule]).toEqual([true, 'meeting-place-previous-sentence']);
    expect(heldIn.inferenceReason).toMatch(/sentence before/);
  });

  it('a sentence before that tells of a meeting of its own lends nothing', () => {
    const p = extractProposals({
      text: 'Soto met Rojas in Lima on Friday. Soto later held talks with President Luis Paredes.',
      published: '2025-04-12',
    });
    expect(p.meetings.map((m) => [m.date, m.place])).toEqual([
      ['2025-04-11', 'place:lima'],
      [null, null],
    ]);
  });
});

describe('names', () => {
  it('a family name written first refers to the one person it fits', () => {
    const p = extractProposals({ text: 'Sergei Lavrov met Wang Yi in Beijing. Wang said the talks were useful.' });
    expect(p.entities.filter((e) => e.label === 'Person').map((e) => [e.name, e.aliases])).toEqual([
      ['Sergei Lavrov', []],
      ['Wang Yi', ['Wang']],
    ]);
  });

  it('a surname two people share is left unresolved', () => {
    const p = extractProposals({
      text: 'Ana Costa met Rafael Costa in Lisbon on Monday. Costa said the talks were useful.',
      published: '2025-04-12',
    });
    const people = p.entities.filter((e) => e.label === 'Person');
    expect(people.map((e) => [e.name, e.aliases])).toEqual([
      ['Ana Costa', []],
      ['Rafael Costa', []],
    ]);
  });

  it('a name ending in Sea is a place', () => {
    const p = extractProposals({ text: 'They discussed grain exports through the Black Sea.' });
    expect(p.entities.map((e) => [e.label, e.name])).toContainEqual(['Place', 'Black Sea']);
  });
});

describe('"the ambassador"', () => {
  it('is the one ambassador the article names; what it brings is inferred, with the reason', () => {
    const p = extractProposals({
      text:
        'French Ambassador Claire Martin met German Foreign Minister Jonas Weber in Berlin on Monday. ' +
        'On Tuesday, the ambassador held talks with President Karl Braun.',
      published: '2025-04-10',
    });
    expect(attendeesOf(p)).toEqual([
      ['held', '2025-04-07', 'place:berlin', ['person:claire-martin', 'person:jonas-weber']],
      ['held', '2025-04-08', null, ['person:claire-martin', 'person:karl-braun']],
    ]);
    const second = p.meetings[1]!.key;
    const attended = p.relationships
      .filter((r) => r.type === 'ATTENDED' && r.target === second)
      .map((r) => [r.source, r.inferred, r.inferenceReason ?? null]);
    expect(attended).toEqual([
      [
        'person:claire-martin',
        true,
        '“the ambassador” is taken to be Claire Martin, the only ambassador the article names; the sentence does not name Claire Martin.',
      ],
      ['person:karl-braun', false, null],
    ]);
  });

  it('is left alone when two people of the article are ambassadors', () => {
    const p = extractProposals({
      text:
        'Ambassador Claire Martin met Ambassador Jonas Weber in Berlin on Monday. ' +
        'On Tuesday, the ambassador held talks with President Karl Braun.',
      published: '2025-04-10',
    });
    expect(attendeesOf(p)[1]).toEqual(['held', '2025-04-08', null, ['person:karl-braun']]);
  });
});
