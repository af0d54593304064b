/**
 * The extraction pipeline on small hand-written texts with exact expected proposals, its evidence rule (every
 * quote is a substring of the source text, checked with the loader's own rule), dates, hostile input, the
 * conversion to a Parley data set, the CLI and the benchmark's scoring.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isQuoteOf, parseDataset, readDatasetFile } from '../../server/src/dataset/schema';
import { main as cli } from '../../server/src/cli/extract';
import { ExtractResponseSchema } from '../../contract';
import { proposalsToDataset } from '../../server/src/extract/dataset';
import { normaliseDate } from '../../server/src/extract/dates';
import { sameNameVariant } from '../../server/src/extract/entities';
import { htmlToText, pdfToText, toArticleText } from '../../server/src/extract/input';
import { extractProposals, matchProposals } from '../../server/src/extract/pipeline';
import { score, seedKey } from '../../bench/extract-score';
import { makePdf } from '../fixtures/extract/pdf';

const SEED_TEXT = readFileSync(path.join(__dirname, '../../data/sources/us-russia-embassy-talks-istanbul.txt'), 'utf8');

const RIYADH =
  'A Ukrainian delegation led by Rustem Umerov met a U.S. delegation headed by Steve Witkoff in Riyadh on March 23. ' +
  'Umerov said the talks on a ceasefire were useful.';

function allQuotes(p: ReturnType<typeof extractProposals>): string[] {
  return [
    ...p.entities.flatMap((e) => e.quotes),
    ...p.relationships.map((r) => r.quote),
    ...p.meetings.flatMap((m) => m.quotes),
  ];
}

describe('extractProposals on a small text', () => {
  const p = extractProposals({ text: RIYADH, published: '2025-03-25' });

  it('proposes exactly the people, agencies, place and issue', () => {
    expect(p.entities.map((e) => [e.key, e.label, e.name, e.aliases])).toEqual([
      ['place:riyadh', 'Place', 'Riyadh', []],
      ['person:rustem-umerov', 'Person', 'Rustem Umerov', ['Umerov']],
      ['person:steve-witkoff', 'Person', 'Steve Witkoff', []],
      ['agency:ukrainian-delegation', 'Agency', 'Ukrainian delegation', []],
      ['agency:u-s-delegation', 'Agency', 'U.S. delegation', []],
      ['issue:ceasefire', 'Issue', 'Ceasefire', ['ceasefire']],
    ]);
  });

  it('proposes one meeting with its date (year from the publication date, inferred), place and attendees', () => {
    expect(p.meetings).toHaveLength(1);
    const m = p.meetings[0]!;
    expect([m.key, m.status, m.date, m.monthDay, m.dateText, m.dateInferred, m.place]).toEqual([
      'meeting:riyadh-2025-03-23',
      'held',
      '2025-03-23',
      '03-23',
      'March 23',
      true,
      'place:riyadh',
    ]);
    expect(m.dateInferenceReason).toMatch(/without a year; 2025 is taken from the article's publication date/);
    expect(m.attendees).toEqual([
      'agency:ukrainian-delegation',
      'person:rustem-umerov',
      'agency:u-s-delegation',
      'person:steve-witkoff',
    ]);
  });

  it('proposes exactly these relationships, each with its sentence', () => {
    expect(p.relationships.map((r) => [r.type, r.source, r.target, r.inferred])).toEqual([
      ['LEADS', 'person:rustem-umerov', 'agency:ukrainian-delegation', false],
      ['LEADS', 'person:steve-witkoff', 'agency:u-s-delegation', false],
      ['STATED', 'person:rustem-umerov', 'meeting:riyadh-2025-03-23', false],
      ['DISCUSSED', 'meeting:riyadh-2025-03-23', 'issue:ceasefire', false],
      ['PARTICIPATED_IN', 'agency:ukrainian-delegation', 'meeting:riyadh-2025-03-23', false],
      ['ATTENDED', 'person:rustem-umerov', 'meeting:riyadh-2025-03-23', false],
      ['PARTICIPATED_IN', 'agency:u-s-delegation', 'meeting:riyadh-2025-03-23', false],
      ['ATTENDED', 'person:steve-witkoff', 'meeting:riyadh-2025-03-23', false],
      ['HELD_IN', 'meeting:riyadh-2025-03-23', 'place:riyadh', false],
    ]);
    const first =
      'A Ukrainian delegation led by Rustem Umerov met a U.S. delegation headed by Steve Witkoff in Riyadh on March 23.';
    expect(p.relationships[0]!.quote).toBe(first);
    expect(p.relationships[2]!.quote).toBe('Umerov said the talks on a ceasefire were useful.');
    expect(p.relationships.find((r) => r.type === 'ATTENDED')!.properties).toEqual({
      role: 'head of Ukrainian delegation',
    });
  });

  it('answers in the shape of the API contract, with the source as given', () => {
    expect(ExtractResponseSchema.safeParse(p).success).toBe(true);
    expect(p.source).toMatchObject({ text: RIYADH, outlet: null, published: '2025-03-25' });
    expect(p.source.name).toBe('Untitled article beginning “A Ukrainian delegation led by Rustem Umerov met…”');
  });
});

describe('within one article', () => {
  it('resolves a surname and a titled surname to the full name', () => {
    const p = extractProposals({
      text: 'Sonata Coulter met Ambassador Ivan Petrov in Vienna on Monday. Later, Coulter said Ambassador Petrov was constructive.',
    });
    const people = p.entities.filter((e) => e.label === 'Person');
    expect(people.map((e) => [e.name, e.aliases])).toEqual([
      ['Sonata Coulter', ['Coulter']],
      ['Ivan Petrov', ['Ambassador Ivan Petrov', 'Petrov', 'Ambassador Petrov']],
    ]);
    expect(p.meetings[0]!.attendees).toEqual(['person:sonata-coulter', 'person:ivan-petrov']);
    expect(people.find((e) => e.name === 'Ivan Petrov')!.properties).toEqual({ title: 'Ambassador' });
  });

  it('merges two spellings of one name and marks the identity inferred', () => {
    expect(sameNameVariant('Aleksandr Darchiyev', 'Alexander Darchiev')).toBe(true);
    expect(sameNameVariant('Sergei Lavrov', 'Sergei Ryabkov')).toBe(false);
    const p = extractProposals({ text: SEED_TEXT });
    const d = p.entities.filter((e) => e.name.includes('Darchi'));
    expect(d.map((e) => e.name)).toEqual(['Aleksandr Darchiyev']);
    expect(d[0]!.aliases).toContain('Alexander Darchiev');
    expect(d[0]!.properties.identityInferred).toBe(true);
  });

  it('reads the seed article as the seed does: its three meetings, the April 10 attendees, no invented year', () => {
    const p = extractProposals({ text: SEED_TEXT });
    expect(p.meetings.map((m) => [m.key, m.status, m.date, m.monthDay, m.round ?? null])).toEqual([
      ['meeting:istanbul-april-10', 'held', null, '04-10', 2],
      ['meeting:february-27', 'held', null, '02-27', 1],
      ['meeting:planned-meeting', 'planned', null, null, null],
    ]);
    expect(p.meetings[0]!.attendees.sort()).toEqual([
      'agency:russian-delegation',
      'agency:u-s-delegation',
      'person:aleksandr-darchiyev',
      'person:sonata-coulter',
    ]);
    expect(p.source.outlet).toBeNull();
    const s = score(p, seedKey(path.join(__dirname, '../../data/seed.json')));
    expect(s.people).toEqual({ tp: 6, fp: 0, fn: 0 });
    expect(s.attendance).toEqual({ tp: 4, fp: 0, fn: 0 });
  });
});

describe('evidence', () => {
  it('every quote of the seed article is a substring of its text (the loader rule)', () => {
    const p = extractProposals({ text: SEED_TEXT });
    expect(allQuotes(p).length).toBeGreaterThan(40);
    for (const q of allQuotes(p)) expect(isQuoteOf(q, p.source.text)).toBe(true);
  });

  const SENTENCES = [
    'Foreign Minister Ana Silva met her Spanish counterpart in Madrid on 2 May 2024.',
    'The Brazilian delegation, led by Paulo Costa, held talks with the Chinese delegation.',
    '“We discussed trade,” Costa told reporters on Tuesday.',
    'A spokesperson for the Foreign Ministry said the next meeting will be held in Lisbon.',
    'Prices rose.',
    'Ms. Silva and Mr. Costa agreed to meet again.',
  ];
  fcTest.prop([fc.array(fc.oneof(fc.constantFrom(...SENTENCES), fc.string({ maxLength: 40 })), { maxLength: 8 })], {
    numRuns: 40,
    seed: 11,
  })('quotes stay substrings and keys stay unique and resolvable, whatever the text', (parts) => {
    const p = extractProposals({ text: parts.join(' ') || 'x', published: '2024-05-05' });
    for (const q of allQuotes(p)) expect(p.source.text.includes(q)).toBe(true);
    const keys = [...p.entities.map((e) => e.key), ...p.meetings.map((m) => m.key)];
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of p.relationships) {
      expect(keys).toContain(r.source);
      expect(keys).toContain(r.target);
      expect(r.inferred === (r.inferenceReason !== undefined)).toBe(true);
    }
    expect(ExtractResponseSchema.safeParse(p).success).toBe(true);
  });
});

describe('dates', () => {
  it('takes the year from the publication date and says so', () => {
    expect(normaliseDate('April 10', '2025-04-12')).toMatchObject({
      date: '2025-04-10',
      monthDay: '04-10',
      inferred: true,
    });
    // a past date more than a month after publication is last year's
    expect(normaliseDate('December 30', '2025-01-03').date).toBe('2024-12-30');
    expect(normaliseDate('January 5', '2024-12-20', true).date).toBe('2025-01-05');
  });
  it('keeps a stated year, and invents none without a publication date', () => {
    expect(normaliseDate('14 January 2025', null)).toMatchObject({ date: '2025-01-14', inferred: false });
    expect(normaliseDate('April 10, 2025', '2026-01-01')).toMatchObject({ date: '2025-04-10', inferred: false });
    expect(normaliseDate('April 10', null)).toMatchObject({ date: null, monthDay: '04-10', inferred: false });
    expect(normaliseDate('on Thursday', null)).toMatchObject({ date: null, weekday: 'thursday' });
  });
  it('counts weekdays back from the publication date (forward for what is to come)', () => {
    // 2025-04-12 is a Saturday
    expect(normaliseDate('on Thursday', '2025-04-12')).toMatchObject({ date: '2025-04-10', inferred: true });
    expect(normaliseDate('on Thursday', '2025-04-12', true).date).toBe('2025-04-17');
    expect(normaliseDate('yesterday', '2025-04-12').date).toBe('2025-04-11');
    expect(normaliseDate('at 10 a.m. on Monday', '2025-04-12')).toMatchObject({ date: '2025-04-07', time: '10 a.m.' });
  });
});

describe('hostile and empty input', () => {
  it('HTML: the main text only; scripts, styles and navigation are dropped, never run', () => {
    const html =
      '<html><head><title>Talks</title><script>globalThis.pwned = true; document.write("EVIL")</script><style>p{}</style></head>' +
      '<body><nav>Home | World</nav><article><h1>Talks in Oslo</h1><p>Jonas Berg met Ana Silva in Oslo on Monday.</p>' +
      '<p onclick="alert(1)">They discussed <b>fisheries</b>.<img src=x onerror="alert(2)"></p></article></body></html>';
    const a = htmlToText(html);
    expect(a.text).toBe('Talks in Oslo\nJonas Berg met Ana Silva in Oslo on Monday.\nThey discussed fisheries.');
    expect(a.title).toBe('Talks');
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    const p = extractProposals({ text: a.text });
    expect(p.meetings.map((m) => m.attendees)).toEqual([['person:jonas-berg', 'person:ana-silva']]);
  });
  it('a text without sentences gets an empty answer that says why', () => {
    const p = extractProposals({ text: '!!! ... 42 ???' });
    expect(p.entities).toEqual([]);
    expect(p.warnings[0]).toMatch(/no sentences/);
  });
  it('a passage of hundreds of words without a stop is refused before parsing, with the reason', () => {
    const p = extractProposals({ text: `${'Ivan Petrov met Ana Silva in Oslo and '.repeat(60)}then left.` });
    expect([p.entities, p.meetings]).toEqual([[], []]);
    expect(p.warnings[0]).toMatch(/passage of 482 words without a full stop or line break/);
  });
  it('another language gets an empty answer that says Parley reads English only', () => {
    const p = extractProposals({
      text: 'Делегации России и США встретились в Стамбуле в четверг для переговоров о работе посольств.',
    });
    expect([p.entities, p.meetings, p.relationships]).toEqual([[], [], []]);
    expect(p.warnings[0]).toMatch(/does not look like English/);
  });
  it('PDF: the text layer; a file that is not a PDF is refused with a reason', async () => {
    const a = await pdfToText(makePdf(['Jonas Berg met Ana Silva in Oslo on Monday.', 'They discussed fisheries.']));
    expect(a.text).toBe('Jonas Berg met Ana Silva in Oslo on Monday.\nThey discussed fisheries.');
    await expect(pdfToText(new TextEncoder().encode('hello'))).rejects.toThrow(/not a PDF/);
    await expect(pdfToText(new TextEncoder().encode('%PDF-1.4 garbage'))).rejects.toThrow(/could not be read/);
    await expect(toArticleText('text', new Uint8Array([0xff, 0xfe, 0x00, 0xd8]))).rejects.toThrow(/not UTF-8/);
  });
});

describe('proposalsToDataset', () => {
  it('turns the seed article’s proposals into a data set the loader accepts', () => {
    const p = extractProposals({ text: SEED_TEXT, title: 'Embassy talks', outlet: 'Example News' });
    const r = proposalsToDataset(p);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dropped).toEqual([]);
    expect(r.dataset.sources[0]).toMatchObject({
      id: 'source:embassy-talks',
      name: 'Embassy talks',
      outlet: 'Example News',
      published: null,
    });
    expect(r.dataset.nodes).toHaveLength(p.entities.length + p.meetings.length);
    expect(r.dataset.relationships.every((x) => x.evidence.every((e) => SEED_TEXT.includes(e.quote)))).toBe(true);
    expect(parseDataset(r.dataset, { baseDir: '.' }).ok).toBe(true);
  });
  it('merges a proposal into an existing node id, keeps that node’s name, and drops what lost an end', () => {
    const p = extractProposals({ text: RIYADH, published: '2025-03-25' });
    const kept = { ...p, entities: p.entities.filter((e) => e.key !== 'issue:ceasefire') };
    const r = proposalsToDataset(kept, {
      merges: { 'person:rustem-umerov': 'person:rustem-umerov-1966' },
      names: { 'person:rustem-umerov-1966': 'Rustem Umerov (minister)' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const node = r.dataset.nodes.find((n) => n.id === 'person:rustem-umerov-1966')!;
    expect([node.name, node.aliases]).toEqual(['Rustem Umerov (minister)', ['Rustem Umerov', 'Umerov']]);
    expect(r.dataset.relationships.some((x) => x.source === 'person:rustem-umerov')).toBe(false);
    expect(r.dropped).toEqual(['meeting:riyadh-2025-03-23 -[DISCUSSED]-> issue:ceasefire: an end was not accepted']);
  });
  it('a tampered quote is refused by the loader’s rule', () => {
    const p = extractProposals({ text: RIYADH });
    p.relationships[0]!.quote = 'A Ukrainian delegation led by Rustem Umerov visited Paris.';
    const r = proposalsToDataset(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/quote not found in the text of source:/);
  });
});

describe('matching against the graph (injected)', () => {
  it('adds the matcher’s answer to each entity, and survives a failing matcher', async () => {
    const p = extractProposals({ text: RIYADH });
    const m = await matchProposals(p, async (c) =>
      c.name === 'Steve Witkoff' ? { id: 'person:witkoff', score: 0.9, reason: 'same name' } : undefined,
    );
    expect(m.entities.filter((e) => e.match).map((e) => [e.key, e.match!.id])).toEqual([
      ['person:steve-witkoff', 'person:witkoff'],
    ]);
    const failing = await matchProposals(p, () => Promise.reject(new Error('down')));
    expect(failing.entities.some((e) => e.match)).toBe(false);
  });
});

describe('npm run extract', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-extract-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the proposals and writes a data file that the loader reads', async () => {
    const article = path.join(dir, 'article.txt');
    const out = path.join(dir, 'proposals.json');
    writeFileSync(article, RIYADH);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await cli([article, '--published', '2025-03-25', '--out', out])).toBe(0);
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toContain('person:rustem-umerov  Rustem Umerov — also “Umerov”');
      expect(printed).toContain('meeting:riyadh-2025-03-23  held, 2025-03-23 (inferred), Riyadh');
      const read = readDatasetFile(out);
      expect(read.ok).toBe(true);
      expect(await cli([article, '--published', '2025-13-01'])).toBe(2);
      expect(await cli([path.join(dir, 'missing.txt')])).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  });
});
