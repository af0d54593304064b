// (Over 400 lines: the data-file validator has many rules, one small case each, all on the same fixtures.)
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../contract';
import { explainMissingQuote, formatPath, parseDataset, readDatasetFile } from '../../server/src/dataset/schema';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/datasets');
const fixture = (name: string): string => path.join(FIXTURES, name);

function errorsOf(result: ReturnType<typeof parseDataset>) {
  if (result.ok) throw new Error('expected validation to fail, but the data set was accepted');
  return result.errors;
}

/** writes `content` to a fresh temporary directory and returns the file's path */
function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-dataset-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const ID_MSG = (id: string) =>
  `invalid id ${JSON.stringify(id)}: write "<prefix>:<slug>" in lowercase, e.g. "person:sonata-coulter" ` +
  `(letters prefix, then lowercase letters/digits in words joined by single hyphens)`;
const TYPE_MSG = (t: string) =>
  `invalid relationship type ${JSON.stringify(t)}: use letters, digits and "_", starting with a letter, such as "ATTENDED" or "ACTED_IN"`;
const NO_EVIDENCE_MSG =
  'a relationship needs at least one evidence quote: add {"source": "source:…", "quote": "<exact text>"}, ' +
  'or, if the text only implies the fact, set "inferred": true with an "inferenceReason"';
const NO_REASON_MSG = 'an inferred relationship needs an inferenceReason saying why the fact is implied but not stated';
const CURLY_HINT =
  "it differs from the text only in quotation marks, apostrophes, dashes or whitespace: copy it character for character (keep the text's curly quotes ’ “ ”)";

describe('readDatasetFile on fixtures', () => {
  it('accepts a valid file and resolves textFile relative to the data file', () => {
    const result = readDatasetFile(fixture('valid-minimal.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const { dataset } = result;
    expect(dataset.version).toBe(1);
    expect(dataset.sources.map((s) => s.id)).toEqual(['source:vienna', 'source:inline']);
    expect(dataset.sources[0]!.text).toBe(readFileSync(fixture('sources/vienna.txt'), 'utf8'));
    expect(dataset.sources[0]!.textFile).toBe('sources/vienna.txt');
    expect(dataset.sources[1]!.text).toBe('Jane Roe leads the Foreign Ministry.');
    expect(dataset.sources[1]!.textFile).toBeNull();
    expect(dataset.sources[1]!.published).toBe('2025-04-10');
    expect(dataset.nodes).toHaveLength(6);
    expect(dataset.relationships.map((r) => r.type)).toEqual([
      'ATTENDED',
      'HELD_IN',
      'DISCUSSED',
      'LEADS',
      'COUNTERPART_OF',
    ]);
    expect(dataset.relationships[4]!.inferenceReason).toMatch(/do(es)? not call them counterparts/);
  });

  it('reports a quote that is not an exact substring (straight instead of curly quotes)', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-bad-quote.json')))).toEqual([
      {
        path: 'relationships[0].evidence[0].quote',
        message: `quote not found in the text of source:vienna: ${CURLY_HINT}`,
      },
    ]);
  });

  it('reports a dangling relationship target with a suggestion', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-dangling-target.json')))).toEqual([
      {
        path: 'relationships[1].target',
        message:
          'unknown node id "place:viena": no node has this id (did you mean "place:vienna"?); add the node or fix the id',
      },
    ]);
  });

  it('reports malformed ids and ids whose prefix does not match the label', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-bad-id.json')))).toEqual([
      { path: 'nodes[3].id', message: ID_MSG('Person:John_Doe') },
      {
        path: 'nodes[4].id',
        message: 'a Person node\'s id must start with "person:" (e.g. "person:john-doe"), or change its label',
      },
    ]);
  });

  it('reports ids used twice, across nodes and sources', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-duplicate-id.json')))).toEqual([
      {
        path: 'nodes[3].id',
        message:
          'duplicate id "person:jane-roe": nodes[0] already uses it; ids must be unique across nodes and sources',
      },
      {
        path: 'nodes[4].id',
        message: 'a Place node\'s id must start with "place:" (e.g. "place:vienna"), or change its label',
      },
      {
        path: 'nodes[4].id',
        message:
          'duplicate id "source:vienna": sources[0] already uses it; ids must be unique across nodes and sources',
      },
    ]);
  });

  it("reports relationship types that are not identifiers (a lower-case type is the user's own, and allowed)", () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-bad-type.json')))).toEqual([
      { path: 'relationships[1].type', message: TYPE_MSG('HELD-IN') },
    ]);
  });

  it('requires an inferenceReason on inferred relationships and evidence on the others', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-missing-inference-reason.json')))).toEqual([
      { path: 'relationships[2].inferenceReason', message: NO_REASON_MSG },
      { path: 'relationships[3].evidence', message: NO_EVIDENCE_MSG },
    ]);
  });

  it('collects every error of a file at once, in document order', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-many-errors.json')))).toEqual([
      {
        path: 'sources[0].published',
        message: 'expected a date written YYYY-MM-DD (e.g. "2025-04-10") or null, got "10 April 2025"',
      },
      {
        path: 'nodes[0].properties.name',
        message:
          'property key "name" is reserved ("id", "name", "aliases", "description", "quotes", "sourceIds", "inferred", "inferenceReason" ' +
          'are set from the top-level fields); use the top-level field or rename the property',
      },
      {
        path: 'nodes[2].properties.date',
        message: 'expected a date written YYYY-MM-DD (e.g. "2025-04-10") or null, got "Monday"',
      },
      { path: 'nodes[2].properties.status', message: 'status must be one of "held", "planned", got "done"' },
      {
        path: 'nodes[2].properties.dateInferenceReason',
        message:
          'dateInferred is true, so add properties.dateInferenceReason saying which part of the date is not in the text and how it was inferred',
      },
      {
        path: 'relationships[0].evidence[0].quote',
        message:
          'quote not found in the text of source:vienna: its first 55 characters match the text, then it diverges at "Monday": copy it character for character',
      },
      {
        path: 'relationships[1].note',
        message:
          'unknown field "note": remove it or fix its spelling; allowed fields here: "type", "source", "target", "properties", "evidence", "inferred", ' +
          '"inferenceReason" (put custom data in "properties")',
      },
      {
        path: 'relationships[1].target',
        message: 'unknown node id "place:graz": no node has this id; add the node or fix the id',
      },
      {
        path: 'relationships[2].evidence[0].quote',
        message: `quote not found in the text of source:vienna: ${CURLY_HINT}`,
      },
    ]);
  });

  it('reports a JSON syntax error with its line and column', () => {
    expect(errorsOf(readDatasetFile(fixture('invalid-syntax.json.txt')))).toEqual([
      {
        path: '$',
        message:
          'JSON syntax error at line 6, column 3: expected a value (a trailing comma before "]" is not allowed in JSON)',
        line: 6,
        column: 3,
      },
    ]);
  });
});

describe('readDatasetFile on other syntax problems', () => {
  it.each([
    [
      'a missing comma',
      '{\n  "version": 1\n  "sources": []\n}',
      3,
      3,
      'expected "," between items, or a closing "}" / "]"',
    ],
    ['a comment', '{\n  // note\n  "version": 1\n}', 2, 3, 'comments are not allowed in JSON'],
    [
      'a trailing comma in an object',
      '{\n  "version": 1,\n}',
      3,
      1,
      'expected a double-quoted property name (a trailing comma before "}" is not allowed in JSON)',
    ],
    ['an empty file', '', 1, 1, 'expected a value (a trailing comma before "]" is not allowed in JSON)'],
    [
      'an unterminated string',
      '{\n  "version": 1,\n  "sources": "abc\n}',
      3,
      14,
      'unterminated string: add the closing double quote',
    ],
  ])('reports %s', (_what, content, line, column, message) => {
    expect(errorsOf(readDatasetFile(tempFile('data.json', content)))).toEqual([
      { path: '$', message: `JSON syntax error at line ${line}, column ${column}: ${message}`, line, column },
    ]);
  });

  it('reports keys that appear twice in one object, which JSON.parse would silently drop', () => {
    const file = tempFile('data.json', '{"version": 1, "sources": [], "nodes": [], "relationships": [], "nodes": []}');
    expect(errorsOf(readDatasetFile(file))).toEqual([
      {
        path: 'nodes',
        message: 'duplicate key "nodes" in the same object (JSON keeps only the last one): remove or rename one',
        line: 1,
        column: 65,
      },
    ]);
  });

  it('reports a data file that cannot be read', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'parley-dataset-')), 'nope.json');
    expect(errorsOf(readDatasetFile(missing))).toEqual([
      { path: '$', message: `cannot read the data set file ${missing} (ENOENT): check the path` },
    ]);
  });

  it('accepts a byte-order mark before the JSON', () => {
    const file = tempFile('data.json', '\uFEFF{"version": 1, "sources": [], "nodes": [], "relationships": []}');
    expect(readDatasetFile(file)).toEqual({
      ok: true,
      dataset: { version: 1, sources: [], nodes: [], relationships: [] },
    });
  });
});

describe('parseDataset', () => {
  const baseDir = FIXTURES;
  const source = (over: Record<string, unknown> = {}) => ({
    id: 'source:s',
    name: 'S',
    text: 'Alice met Bob in Paris.',
    outlet: null,
    published: null,
    description: '',
    ...over,
  });
  const node = (id: string, label: string, properties: Record<string, unknown> = {}) => ({
    id,
    label,
    name: id,
    aliases: [],
    description: 'd',
    properties,
  });
  const rel = (over: Record<string, unknown> = {}) => ({
    type: 'MET_WITH',
    source: 'person:alice',
    target: 'person:bob',
    properties: {},
    evidence: [{ source: 'source:s', quote: 'Alice met Bob' }],
    inferred: false,
    ...over,
  });
  const doc = (over: Record<string, unknown> = {}) => ({
    version: 1,
    sources: [source()],
    nodes: [node('person:alice', 'Person'), node('person:bob', 'Person')],
    relationships: [rel()],
    ...over,
  });

  it('accepts a small inline data set', () => {
    expect(parseDataset(doc(), { baseDir }).ok).toBe(true);
  });

  it("accepts the user's own labels and relationship types, with any id prefix but the sources'", () => {
    const d = doc({
      nodes: [node('person:alice', 'Person'), node('film:paris-je-t-aime', 'Film_Studio'), node('person:bob', 'Movie')],
      relationships: [rel(), rel({ type: 'actedIn', target: 'film:paris-je-t-aime' })],
    });
    const r = parseDataset(d, { baseDir });
    expect(r.ok && r.dataset.nodes.map((n) => n.label)).toEqual(['Person', 'Film_Studio', 'Movie']);
  });

  it('refuses labels that are not identifiers or are Parley\'s bookkeeping, and a "source:" id on a custom label', () => {
    const d = doc({
      nodes: [
        node('person:alice', 'Person'),
        node('person:bob', 'Person'),
        node('x:a', 'Film Studio'),
        node('x:b', 'ParleyImport'),
        node('x:c', 'Source'),
        node('source:d', 'Movie'),
      ],
      relationships: [rel({ type: 'PARLEY_LINK' })],
    });
    const errors = errorsOf(parseDataset(d, { baseDir }));
    expect(errors.map((e) => e.path)).toEqual([
      'nodes[2].label',
      'nodes[3].label',
      'nodes[4].label',
      'nodes[5].id',
      'relationships[0].type',
    ]);
    expect(errors[0]!.message).toMatch(/^label "Film Studio" is not a valid label: use letters, digits and "_"/);
    expect(errors[1]!.message).toMatch(/^label "ParleyImport" is Parley's own/);
    expect(errors[3]!.message).toBe(
      '"source:" ids are the sources\' own: give this Movie node another prefix, e.g. "movie:d"',
    );
    expect(errors[4]!.message).toBe('relationship type "PARLEY_LINK" is Parley\'s own: choose another');
  });

  it.each([
    [null, 'a data set must be a JSON object: {"version": 1, "sources": [], "nodes": [], "relationships": []}'],
    [[], 'a data set must be a JSON object: {"version": 1, "sources": [], "nodes": [], "relationships": []}'],
  ])('rejects a document that is not an object (%j)', (input, message) => {
    expect(errorsOf(parseDataset(input, { baseDir }))).toEqual([{ path: '$', message }]);
  });

  it('names missing top-level fields and a wrong version', () => {
    expect(errorsOf(parseDataset({ version: 2, sources: [] }, { baseDir }))).toEqual([
      { path: 'version', message: 'version must be 1 (the only format version)' },
      { path: 'nodes', message: 'missing required field "nodes" (expected an array)' },
      { path: 'relationships', message: 'missing required field "relationships" (expected an array)' },
    ]);
  });

  it('rejects relationships that point at sources and evidence that cites nodes', () => {
    const d = doc({ relationships: [rel({ target: 'source:s', evidence: [{ source: 'person:bob', quote: 'Bob' }] })] });
    expect(errorsOf(parseDataset(d, { baseDir }))).toEqual([
      {
        path: 'relationships[0].target',
        message: '"source:s" is a source, not a node: relationships connect nodes (cite sources in "evidence")',
      },
      {
        path: 'relationships[0].evidence[0].source',
        message: '"person:bob" is a node, not a source: evidence must cite a "source:…" id from "sources"',
      },
    ]);
  });

  it('rejects the same relationship stated twice', () => {
    const d = doc({ relationships: [rel(), rel({ evidence: [{ source: 'source:s', quote: 'in Paris' }] })] });
    expect(errorsOf(parseDataset(d, { baseDir }))).toEqual([
      {
        path: 'relationships[1]',
        message:
          'duplicate relationship person:alice -[MET_WITH]-> person:bob: relationships[0] already states it (the loader would merge them); combine their evidence into one entry',
      },
    ]);
  });

  it('rejects property values Neo4j cannot store and bad property keys', () => {
    const d = doc({
      nodes: [
        node('person:alice', 'Person', { nested: { a: 1 }, mixed: [1, 'a'], 'bad key': 1, ok: ['a', 'b'], n: null }),
        node('person:bob', 'Person'),
      ],
    });
    const errors = errorsOf(parseDataset(d, { baseDir }));
    expect(errors.map((e) => e.path)).toEqual([
      'nodes[0].properties.nested',
      'nodes[0].properties.mixed',
      'nodes[0].properties["bad key"]',
    ]);
    expect(errors[0]!.message).toMatch(/^a property value must be a string, number, boolean or null/);
    expect(errors[2]!.message).toBe(
      'invalid property key "bad key": use letters, digits and "_" only, not starting with a digit (e.g. "dateInferred")',
    );
  });

  it('checks Meeting properties', () => {
    const d = doc({
      nodes: [
        node('person:alice', 'Person'),
        node('person:bob', 'Person'),
        node('meeting:a', 'Meeting', {}),
        node('meeting:b', 'Meeting', { date: '2025-02-29', status: 'held', round: 0 }),
        node('meeting:c', 'Meeting', { date: null, status: 'planned', dateInferred: true, dateInferenceReason: 'x' }),
        node('meeting:d', 'Meeting', {
          date: '2024-02-29',
          status: 'held',
          round: 2,
          dateInferred: true,
          dateInferenceReason: 'year not stated',
        }),
      ],
    });
    expect(errorsOf(parseDataset(d, { baseDir }))).toEqual([
      {
        path: 'nodes[2].properties',
        message: 'a Meeting needs properties.date: "YYYY-MM-DD", or null when the date is not known',
      },
      { path: 'nodes[2].properties', message: 'a Meeting needs properties.status: one of "held", "planned"' },
      {
        path: 'nodes[3].properties.date',
        message: 'expected a date written YYYY-MM-DD (e.g. "2025-04-10") or null, got "2025-02-29"',
      },
      {
        path: 'nodes[3].properties.round',
        message: 'round must be a whole number from 1 up (the round the text states), got number 0',
      },
      {
        path: 'nodes[4].properties.dateInferred',
        message: 'dateInferred is true but date is null: set the inferred date or remove dateInferred',
      },
    ]);
  });

  it('reads textFile relative to baseDir and reports a missing or escaping path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-dataset-'));
    mkdirSync(path.join(dir, 'texts'));
    writeFileSync(path.join(dir, 'texts', 'a.txt'), 'Alice met Bob in Paris.');
    const ok = parseDataset(doc({ sources: [source({ text: undefined, textFile: 'texts/a.txt' })] }), { baseDir: dir });
    expect(ok.ok && ok.dataset.sources[0]!.text).toBe('Alice met Bob in Paris.');

    const missing = parseDataset(doc({ sources: [source({ text: undefined, textFile: 'texts/b.txt' })] }), {
      baseDir: dir,
    });
    expect(errorsOf(missing)).toEqual([
      {
        path: 'sources[0].textFile',
        message: `cannot read the text file ${path.join(dir, 'texts', 'b.txt')} (ENOENT): fix the path (it is relative to the data file's directory, ${dir}) or add the file`,
      },
    ]);

    const escaping = parseDataset(doc({ sources: [source({ text: undefined, textFile: '../a.txt' })] }), {
      baseDir: dir,
    });
    expect(errorsOf(escaping)).toEqual([
      {
        path: 'sources[0].textFile',
        message:
          'invalid textFile "../a.txt": give a relative path inside the data file\'s directory with forward slashes, e.g. "sources/article.txt" (no absolute paths, no "..")',
      },
    ]);

    const both = parseDataset(doc({ sources: [source({ textFile: 'texts/a.txt' })] }), { baseDir: dir });
    expect(errorsOf(both)).toEqual([
      { path: 'sources[0].textFile', message: 'give either "text" or "textFile", not both' },
    ]);
  });

  it('formats paths for odd keys and the root', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['relationships', 3, 'evidence', 0, 'quote'])).toBe('relationships[3].evidence[0].quote');
    expect(formatPath(['nodes', 0, 'properties', 'a b'])).toBe('nodes[0].properties["a b"]');
  });

  it('knows real calendar dates', () => {
    expect(isIsoDate('2025-04-10')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-4-10')).toBe(false);
  });

  test.prop([
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'binary', minLength: 1 }),
    fc.string({ unit: 'binary' }),
  ])('accepts any quote sliced from the text', (before, quote, after) => {
    fc.pre(quote.trim() !== '');
    const text = before + quote + after;
    const result = parseDataset(
      doc({ sources: [source({ text })], relationships: [rel({ evidence: [{ source: 'source:s', quote }] })] }),
      {
        baseDir,
      },
    );
    expect(result.ok).toBe(true);
  });

  test.prop([fc.string({ unit: 'binary', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 })])(
    'rejects any quote that is not in the text, at the quote path',
    (text, quote) => {
      fc.pre(quote.trim() !== '' && !text.includes(quote));
      const result = parseDataset(
        doc({ sources: [source({ text })], relationships: [rel({ evidence: [{ source: 'source:s', quote }] })] }),
        {
          baseDir,
        },
      );
      expect(errorsOf(result)).toEqual([
        {
          path: 'relationships[0].evidence[0].quote',
          message: `quote not found in the text of source:s: ${explainMissingQuote(quote, text)}`,
        },
      ]);
    },
  );

  test.prop([fc.jsonValue()])('never throws on arbitrary JSON and always says where and what', (value) => {
    const result = parseDataset(value, { baseDir });
    for (const e of result.ok ? [] : result.errors) {
      expect(e.path).not.toBe('');
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(typeof result.ok).toBe('boolean');
  });
});
