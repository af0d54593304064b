// The user's own names through the import: a CSV whose header is not Parley's, read through an edited column
// mapping sent with the upload (validated, 400 when wrong, nothing written), and a Parley JSON data set with
// the user's own label and relationship type, loaded through the import engine into the real Neo4j.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportMappingBody, ImportPreviewBody } from '../../contract';
import { runImport } from '../../server/src/import/engine';
import { readImportFiles } from '../../server/src/import/read';
import { createTestApp, type TestApp } from '../_helpers';
import { dbFingerprint } from './import-helpers';

let t: TestApp;
const TOKEN = 'mapping-test-token';

function multipart(files: { name: string; content: string }[], mapping?: unknown) {
  const boundary = '----parleymappingtest';
  const parts: string[] = [];
  if (mapping !== undefined) {
    const value = typeof mapping === 'string' ? mapping : JSON.stringify(mapping);
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${value}\r\n`);
  }
  for (const f of files) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n${f.content}\r\n`,
    );
  }
  parts.push(`--${boundary}--\r\n`);
  return {
    payload: Buffer.from(parts.join('')),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${TOKEN}` },
  };
}

// a spreadsheet's own header: nothing here is named as Parley reads it
const SHEET = 'code,kind,title,nick,internal,shelf\nmap:one,MapBook,Book One,B1,x,3\nmap:two,MapBook,Book Two,,y,4\n';
const SHEET_LINKS = 'from,to,rel,notes\nmap:one,map:two,CITES,see p. 3\n';
const MAPPING: ImportMappingBody = {
  'books.csv': {
    kind: 'nodes',
    columns: {
      code: { to: 'id' },
      kind: { to: 'label' },
      title: { to: 'name' },
      nick: { to: 'aliases' },
      internal: { to: 'ignore' },
      shelf: { to: 'property', name: 'shelfNumber' },
    },
  },
  'cites.csv': {
    kind: 'relationships',
    columns: { from: { to: 'source' }, to: { to: 'target' }, rel: { to: 'type' } },
  },
};
const FILES = [
  { name: 'books.csv', content: SHEET },
  { name: 'cites.csv', content: SHEET_LINKS },
];

async function cleanup() {
  await t.db.query('MATCH (n) WHERE n:MapBook OR n:Gadget OR n:Maker DETACH DELETE n', {}, { mode: 'write' });
}

beforeAll(async () => {
  t = await createTestApp({ config: { PARLEY_TOKEN: TOKEN } });
  await cleanup();
});
afterAll(async () => {
  await cleanup();
  await t.close();
});

describe('an edited column mapping', () => {
  it('is refused without it: the header is not one Parley reads', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/imports?dryRun=1', ...multipart(FILES) });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems[0]).toMatchObject({
      file: 'books.csv',
      message: expect.stringContaining('is not one Parley reads'),
    });
    // the files read come with the 400, with the rule's mapping, for the page to offer to map
    const books = res.json().files.find((f: { file: string }) => f.file === 'books.csv');
    expect(books).toMatchObject({ kind: 'csv', rows: 2 });
    expect(books.mapping[0]).toEqual({ column: 'code', target: { to: 'property', name: 'code' } });
    const cites = res.json().files.find((f: { file: string }) => f.file === 'cites.csv');
    expect(cites.mapping[0]).toEqual({ column: 'from', target: { to: 'property', name: 'from' } });
  });

  it('previews the mapped files, showing each column of the file with what it becomes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/imports?dryRun=1', ...multipart(FILES, MAPPING) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ImportPreviewBody>();
    expect(body.ok).toBe(true);
    expect(body.plan?.labels).toEqual({ MapBook: { created: 2, updated: 0, unchanged: 0, conflicts: 0 } });
    expect(body.plan?.types).toEqual({ CITES: { created: 1, updated: 0, unchanged: 0, conflicts: 0 } });
    const books = body.files.find((f) => f.file === 'books.csv')!;
    expect(books.kind).toBe('nodes-csv');
    expect(books.mapping).toEqual([
      { column: 'code', target: { to: 'id' } },
      { column: 'kind', target: { to: 'label' } },
      { column: 'title', target: { to: 'name' } },
      { column: 'nick', target: { to: 'aliases' } },
      { column: 'internal', target: { to: 'ignore' } },
      { column: 'shelf', target: { to: 'property', name: 'shelfNumber' } },
    ]);
    // the sample shows the file as it is
    expect(books.sample[0]).toEqual({
      code: 'map:one',
      kind: 'MapBook',
      title: 'Book One',
      nick: 'B1',
      internal: 'x',
      shelf: '3',
    });
    // a column left out of the mapping keeps its default (notes → property notes)
    expect(body.files.find((f) => f.file === 'cites.csv')!.mapping).toContainEqual({
      column: 'notes',
      target: { to: 'property', name: 'notes' },
    });
  });

  it('writes with it: ignored columns dropped, a property renamed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/imports', ...multipart(FILES, MAPPING) });
    expect(res.statusCode, res.body).toBe(201);
    const rows = await t.db.query(
      'MATCH (b:MapBook) OPTIONAL MATCH (b)-[c:CITES]->(o) RETURN b.id AS id, b.name AS name, b.aliases AS aliases, b.shelfNumber AS shelf, b.internal AS internal, b.shelf AS rawShelf, o.id AS cites, c.notes AS notes ORDER BY id',
    );
    expect(rows).toEqual([
      {
        id: 'map:one',
        name: 'Book One',
        aliases: ['B1'],
        shelf: 3,
        internal: null,
        rawShelf: null,
        cites: 'map:two',
        notes: 'see p. 3',
      },
      {
        id: 'map:two',
        name: 'Book Two',
        aliases: [],
        shelf: 4,
        internal: null,
        rawShelf: null,
        cites: null,
        notes: null,
      },
    ]);
  });

  it.each([
    ['not JSON', '{', 'is not JSON'],
    [
      'a target the kind has not',
      { 'books.csv': { kind: 'nodes', columns: { code: { to: 'source' } } } },
      'a nodes file has no "source" column',
    ],
    [
      'two columns to one target',
      { 'books.csv': { kind: 'nodes', columns: { code: { to: 'id' }, title: { to: 'id' } } } },
      'both map to id',
    ],
    [
      'a property name that is not an identifier',
      { 'books.csv': { kind: 'nodes', columns: { shelf: { to: 'property', name: 'shelf number' } } } },
      'a property name uses letters, digits and _',
    ],
    ['a file not sent', { 'other.csv': { kind: 'nodes', columns: {} } }, '"other.csv", which was not sent'],
  ])('answers 400 for %s and writes nothing', async (_what, mapping, message) => {
    const before = await dbFingerprint(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/api/imports', ...multipart(FILES, mapping) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining(message) });
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it('says which column a mapping names that the file lacks', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart(FILES, { ...MAPPING, 'cites.csv': { kind: 'relationships', columns: { nope: { to: 'ignore' } } } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().problems[0]).toMatchObject({
      file: 'cites.csv',
      message: expect.stringContaining('names the column "nope", which is not in the header'),
    });
  });
});

describe("a Parley JSON data set with the user's own labels and types", () => {
  it('loads through the import engine, the names escaped, and refuses Parley’s own', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-custom-'));
    const file = path.join(dir, 'gadgets.json');
    const dataset = (label: string) => ({
      version: 1,
      sources: [
        {
          id: 'source:gadget-note',
          name: 'Note',
          text: 'Acme made the Widget.',
          outlet: null,
          published: null,
          description: '',
        },
      ],
      nodes: [
        { id: 'gadget:widget', label, name: 'Widget', aliases: [], description: 'a thing', properties: { weight: 2 } },
        {
          id: 'maker:acme',
          label: 'Maker',
          name: 'Acme',
          aliases: ['ACME Inc'],
          description: 'a maker',
          properties: {},
        },
      ],
      relationships: [
        {
          type: 'madeBy',
          source: 'gadget:widget',
          target: 'maker:acme',
          properties: {},
          evidence: [{ source: 'source:gadget-note', quote: 'Acme made the Widget' }],
          inferred: false,
        },
      ],
    });
    writeFileSync(file, JSON.stringify(dataset('ParleyGadget')));
    const bad = readImportFiles([{ path: file, name: 'gadgets.json' }]);
    expect(bad.problems).toEqual([
      expect.objectContaining({
        file: 'gadgets.json',
        path: 'nodes[0].label',
        message: expect.stringContaining("is Parley's own"),
      }),
    ]);

    writeFileSync(file, JSON.stringify(dataset('Gadget')));
    const set = readImportFiles([{ path: file, name: 'gadgets.json' }]);
    expect(set.problems).toEqual([]);
    const res = await runImport(t.repos.imports, set, {});
    expect(res.status).toBe('committed');
    const rows = await t.db.query(
      "MATCH (g:Gadget {id: 'gadget:widget'})-[r:madeBy]->(m:Maker) RETURN g.weight AS weight, m.aliases AS aliases, r.quotes AS quotes, r.sourceIds AS sourceIds",
    );
    expect(rows).toEqual([
      { weight: 2, aliases: ['ACME Inc'], quotes: ['Acme made the Widget'], sourceIds: ['source:gadget-note'] },
    ]);
    // and the API searches and shows it by its caption
    const hit = await t.app.inject({ method: 'GET', url: '/api/search?q=widget' });
    expect(hit.json().hits.map((h: { id: string }) => h.id)).toContain('gadget:widget');
    await t.db.query("MATCH (s:Source {id: 'source:gadget-note'}) DETACH DELETE s", {}, { mode: 'write' });
  });
});
