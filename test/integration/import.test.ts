// The import engine against the run's real Neo4j: the movies graph through the import, idempotent reloads,
// updates that keep aliases and evidence, conflicts, references to stored nodes, and all or nothing when an
// import stops half-way (aborted in-process; the cut connection and the killed loader are in
// import-faults.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { moviesDir } from '../_movies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { ImportFailedError, ImportInvalidError, previewImport, runImport } from '../../server/src/import/engine';
import { readImportFiles } from '../../server/src/import/read';
import type { Db } from '../../server/src/neo4j/db';
import { createRepositories, type Repositories } from '../../server/src/repositories';
import { testDb } from '../_helpers';
import { dbFingerprint } from './import-helpers';

const fx = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'import', name);
const movies = (name: string) => path.join(moviesDir, name);
const files = (...paths: string[]) => readImportFiles(paths.map((p) => ({ path: p, name: path.basename(p) })));

let db: Db;
let repos: Repositories;

async function cleanup() {
  await db.query(
    "MATCH (n) WHERE n.id STARTS WITH 'person:imp-' OR n.id STARTS WITH 'agency:imp-' OR n.id = 'imp-note' OR n:Movie OR (n:Person AND n.id STARTS WITH 'person:' AND n.born IS NOT NULL) DETACH DELETE n",
    {},
    { mode: 'write' },
  );
}

beforeAll(async () => {
  db = testDb();
  repos = createRepositories(db);
  await cleanup();
});
afterAll(async () => {
  await cleanup();
  await db.close();
});

describe('importing files', () => {
  it('previews the two-file CSV with a source text: columns, first rows, and what will be created', async () => {
    const set = files(fx('people.csv'), fx('links.csv'), fx('imp-note.txt'));
    expect(set.problems).toEqual([]);
    const preview = await previewImport(repos.imports, set);
    expect(preview.ok).toBe(true);
    expect(preview.plan?.labels).toEqual({
      Source: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
      Person: { created: 2, updated: 0, unchanged: 0, conflicts: 0 },
      Agency: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
    });
    expect(preview.plan?.types).toEqual({
      MEMBER_OF: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
      COUNTERPART_OF: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
      MET_WITH: { created: 1, updated: 0, unchanged: 0, conflicts: 0 },
    });
    const people = preview.files.find((f) => f.file === 'people.csv');
    expect(people?.columns).toContainEqual({ column: 'born', mapsTo: 'property born (integer)' });
    expect(people?.sample[0]).toMatchObject({ id: 'person:imp-ada', aliases: 'A. Quill;Ada' });
    // a dry run writes nothing
    expect(await db.query("MATCH (n {id: 'person:imp-ada'}) RETURN n")).toEqual([]);
  });

  it('writes them, refers to a stored node by id, and a second run changes nothing', async () => {
    const set = files(fx('people.csv'), fx('links.csv'), fx('imp-note.txt'));
    const res = await runImport(repos.imports, set, { batchSize: 2 });
    expect(res.status).toBe('committed');
    const [ada] = await db.query(
      "MATCH (n:Person {id: 'person:imp-ada'}) RETURN n.name AS name, n.aliases AS aliases, n.born AS born, n.description AS description",
    );
    expect(ada).toEqual({ name: 'Ada Quill', aliases: ['A. Quill', 'Ada'], born: 1970, description: 'A test person' });
    const [met] = await db.query(
      "MATCH (:Person {id: 'person:imp-ada'})-[r:MET_WITH]->(a:Agency {id: 'agency:us-state-department'}) RETURN count(r) AS n",
    );
    expect(met?.n).toBe(1);
    const [member] = await db.query(
      "MATCH (:Person {id: 'person:imp-ada'})-[r:MEMBER_OF]->(:Agency {id: 'agency:imp-office'}) RETURN r.quotes AS quotes, r.sourceIds AS sourceIds, r.date AS date",
    );
    expect(member).toEqual({
      quotes: ['Ada Quill works at the Import Office'],
      sourceIds: ['imp-note'],
      date: '2024-05-01',
    });
    const before = await dbFingerprint(db);
    const again = await runImport(repos.imports, files(fx('people.csv'), fx('links.csv'), fx('imp-note.txt')));
    expect(again.plan.labels.Person).toEqual({ created: 0, updated: 0, unchanged: 2, conflicts: 0 });
    expect(again.plan.types.MEMBER_OF).toEqual({ created: 0, updated: 0, unchanged: 1, conflicts: 0 });
    expect(await dbFingerprint(db)).toEqual(before);
    const records = await repos.imports.list();
    expect(records.find((r) => r.id === res.id)).toMatchObject({
      status: 'committed',
      files: ['people.csv', 'links.csv', 'imp-note.txt'],
    });
  });

  it('updates keep what is stored: aliases and evidence added, a differing value reported and kept (or replaced)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-import-'));
    writeFileSync(
      path.join(dir, 'people2.csv'),
      'id,label,name,aliases,description,born\nperson:imp-ada,Person,Ada Q. Quill,Quill,A test person,1971\n',
    );
    writeFileSync(
      path.join(dir, 'links2.csv'),
      'source,target,type,quote,source_id\nperson:imp-bo,person:imp-ada,COUNTERPART_OF,Bo Rennet is her counterpart,imp-note\n',
    );
    const set2 = () => files(path.join(dir, 'people2.csv'), path.join(dir, 'links2.csv'), fx('imp-note.txt'));
    const preview = await previewImport(repos.imports, set2());
    expect(preview.plan?.labels.Person).toEqual({ created: 0, updated: 1, unchanged: 0, conflicts: 1 });
    expect(preview.plan?.conflicts).toEqual([
      { id: 'person:imp-ada', key: 'born', stored: 1970, incoming: 1971 },
      { id: 'person:imp-ada', key: 'name', stored: 'Ada Quill', incoming: 'Ada Q. Quill' },
    ]);
    await runImport(repos.imports, set2());
    const [kept] = await db.query(
      "MATCH (n:Person {id: 'person:imp-ada'}) RETURN n.name AS name, n.aliases AS aliases, n.born AS born",
    );
    expect(kept).toEqual({ name: 'Ada Quill', aliases: ['A. Quill', 'Ada', 'Quill', 'Ada Q. Quill'], born: 1970 });
    const [rel] = await db.query(
      "MATCH (:Person {id: 'person:imp-bo'})-[r:COUNTERPART_OF]->() RETURN r.quotes AS quotes, r.sourceIds AS sourceIds",
    );
    expect(rel).toEqual({ quotes: ['Bo Rennet is her counterpart'], sourceIds: ['imp-note'] });
    const replaced = await runImport(repos.imports, set2(), { rule: 'replace' });
    const [now] = await db.query(
      "MATCH (n:Person {id: 'person:imp-ada'}) RETURN n.name AS name, n.aliases AS aliases, n.born AS born",
    );
    expect(now).toEqual({ name: 'Ada Q. Quill', aliases: ['A. Quill', 'Ada', 'Quill', 'Ada Quill'], born: 1971 });
    // undo puts the replaced values back
    await repos.imports.rollback(replaced.id, 'undone', null);
    const [back] = await db.query(
      "MATCH (n:Person {id: 'person:imp-ada'}) RETURN n.name AS name, n.aliases AS aliases, n.born AS born",
    );
    expect(back).toEqual(kept);
  });

  it('refuses an end that neither the files nor the database have, and writes nothing', async () => {
    const before = await dbFingerprint(db);
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-import-'));
    writeFileSync(path.join(dir, 'r.csv'), 'source,target,type\nperson:imp-ada,person:nobody-here,KNOWS\n');
    const set = files(path.join(dir, 'r.csv'));
    await expect(runImport(repos.imports, set)).rejects.toBeInstanceOf(ImportInvalidError);
    const preview = await previewImport(repos.imports, files(path.join(dir, 'r.csv')));
    expect(preview.problems).toEqual([
      { file: 'r.csv', line: 2, message: expect.stringContaining('unknown node id "person:nobody-here"') },
    ]);
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('stopped half-way, it undoes everything it wrote', async () => {
    const before = await dbFingerprint(db);
    const controller = new AbortController();
    let batches = 0;
    const run = runImport(repos.imports, files(movies('nodes.csv'), movies('relationships.csv')), {
      batchSize: 20,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'writing' && ++batches === 5) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportFailedError);
    expect(await dbFingerprint(db)).toEqual(before);
    const [failed] = await repos.imports.list(1);
    expect(failed).toMatchObject({ status: 'failed', error: 'the import was stopped before it finished' });
  });

  it('loads the movies graph (its two-file CSV) through the import, exactly', async () => {
    const res = await runImport(repos.imports, files(movies('nodes.csv'), movies('relationships.csv')), {
      batchSize: 50,
    });
    expect(res.plan.labels).toEqual({
      Movie: { created: 38, updated: 0, unchanged: 0, conflicts: 0 },
      Person: { created: 133, updated: 0, unchanged: 0, conflicts: 0 },
    });
    const [counts] = await db.query(
      'MATCH (m:Movie) WITH count(m) AS movies MATCH (:Person)-[r]->(:Movie) RETURN movies, count(r) AS rels',
    );
    expect(counts).toEqual({ movies: 38, rels: 250 });
    const [neo] = await db.query(
      "MATCH (:Person {name: 'Keanu Reeves'})-[r:ACTED_IN]->(:Movie {name: 'The Matrix'}) RETURN r.roles AS roles",
    );
    expect(neo?.roles).toEqual(['Neo']);
    const [matrix] = await db.query(
      "MATCH (m:Movie {id: 'movie:the-matrix'}) RETURN m.released AS released, m.tagline AS tagline",
    );
    expect(matrix).toEqual({ released: 1999, tagline: 'Welcome to the Real World' });
  });
});
