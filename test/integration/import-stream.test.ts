// The streamed path of the import engine writes what the whole-set path writes: the generated S data set
// (1,000 nodes, ~4,800 relationships with evidence, in the neo4j-admin CSV files the benchmark also gives
// LOAD CSV and neo4j-admin) imported streamed in small batches, then undone, then imported whole: the two
// databases are equal, and each undo puts back the database as it was. The preview of the streamed path
// counts what the import then creates.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plan, writeCsv } from '../../bench/generate';
import { openImport, previewOpened, runOpened } from '../../server/src/import/open';
import type { Db } from '../../server/src/neo4j/db';
import { createRepositories, type Repositories } from '../../server/src/repositories';
import type { ImportsRepository } from '../../server/src/repositories/imports';
import { testDb } from '../_helpers';
import { dbFingerprint } from './import-helpers';

let db: Db;
let repos: Repositories;
const dir = mkdtempSync(path.join(tmpdir(), 'parley-stream-db-'));
const S = plan('S');

beforeAll(async () => {
  db = testDb();
  repos = createRepositories(db);
  await writeCsv(S, dir);
});
afterAll(async () => {
  await db.close();
});

const input = () => readdirSync(dir).map((name) => ({ path: path.join(dir, name), name }));

describe('the streamed import path', () => {
  it('previews, writes and undoes exactly what the whole-set path does', { timeout: 600_000 }, async () => {
    const before = await dbFingerprint(db);
    const streamed = await openImport(input(), { streamAboveBytes: -1 });
    expect(streamed.streamed).toBe(true);
    const preview = await previewOpened(repos.imports, streamed);
    expect(preview.problems).toEqual([]);
    const created = Object.values(preview.plan!.labels).reduce((n, c) => n + c.created, 0);
    expect(created).toBe(S.nodes);

    const a = await runOpened(repos.imports, streamed, { batchSize: 700 });
    expect(a.status).toBe('committed');
    expect(Object.values(a.plan.labels).reduce((n, c) => n + c.created, 0)).toBe(S.nodes);
    expect(a.plan.types).toEqual(preview.plan!.types);
    const [people] = await db.query("MATCH (p:Person) WHERE p.id =~ 'person:p[0-9]+' RETURN count(p) AS n");
    expect(Number(people?.n)).toBe(S.people);
    const [quoted] = await db.query(
      "MATCH (:Person {id: 'person:p0'})-[r:MEMBER_OF]->(:Agency {id: 'agency:a0'}) RETURN r.quotes AS q, r.sourceIds AS s",
    );
    expect(quoted?.q).toEqual(['The official is a member of the agency.']);
    const afterStreamed = await dbFingerprint(db);
    await repos.imports.rollback(a.id, 'undone', null);
    expect(await dbFingerprint(db)).toEqual(before);

    const whole = await openImport(input(), { streamAboveBytes: Infinity });
    expect(whole.streamed).toBe(false);
    const b = await runOpened(repos.imports, whole, { batchSize: 5_000 });
    expect(b.status).toBe('committed');
    expect(await dbFingerprint(db)).toEqual(afterStreamed);
    await repos.imports.rollback(b.id, 'undone', null);
    expect(await dbFingerprint(db)).toEqual(before);
  });
});

describe('the streamed path against what is stored', () => {
  it('refuses an id stored under another label (the check a first load into an empty database skips)', async () => {
    const id = `stream-other-label-${Date.now()}`;
    await db.query('CREATE (:Person {id: $id, name: $id})', { id }, { mode: 'write' });
    const own = mkdtempSync(path.join(tmpdir(), 'parley-stream-label-'));
    writeFileSync(path.join(own, 'nodes.csv'), `id,label,name\n${id},Agency,Some agency\n`);
    try {
      const opened = await openImport([{ path: path.join(own, 'nodes.csv'), name: 'nodes.csv' }], {
        streamAboveBytes: -1,
      });
      const preview = await previewOpened(repos.imports, opened);
      expect(preview.problems.map((p) => p.message)).toEqual([
        `the id ${JSON.stringify(id)} is already in the database as a Person node, not Agency: use its label or another id`,
      ]);
    } finally {
      await db.query('MATCH (n:Person {id: $id}) DETACH DELETE n', { id }, { mode: 'write' });
    }
  });

  it('a first load creates without reading; a node stored meanwhile fails the batch, which leaves nothing', async () => {
    const id = `stream-fresh-${Date.now()}`;
    const node = (nid: string) => ({
      id: nid,
      labels: ['Person'],
      name: 'Fresh',
      aliases: [],
      description: null,
      properties: {},
      at: { file: 'test' },
    });
    const count = async (nid: string) =>
      Number((await db.query('MATCH (n:Person {id: $nid}) RETURN count(n) AS n', { nid }))[0]?.n);
    const records = async (imp: string) =>
      Number((await db.query('MATCH (c:ParleyCreated {importId: $imp}) RETURN count(c) AS n', { imp }))[0]?.n);
    await repos.imports.ensureIdConstraints(['Person']);
    const imp = `imp-fresh-${Date.now()}`;
    // nothing stored: created, recorded for the undo, undone
    const res = await repos.imports.writeNodes(imp, 'Person', [node(id)], 'keep', { fresh: true });
    expect(res.changes.map((c) => c.change.outcome)).toEqual(['created']);
    expect(await count(id)).toBe(1);
    expect(await records(imp)).toBe(1);
    await repos.imports.rollback(imp, 'undone', null);
    expect(await count(id)).toBe(0);
    // stored since the check: the uniqueness constraint refuses the batch, and its transaction leaves nothing
    await db.query('CREATE (:Person {id: $id, name: $id})', { id }, { mode: 'write' });
    try {
      const imp2 = `${imp}-2`;
      await expect(
        repos.imports.writeNodes(imp2, 'Person', [node(`${id}-other`), node(id)], 'keep', { fresh: true }),
      ).rejects.toThrow(/already exists|constraint/i);
      expect(await count(id)).toBe(1);
      expect(await count(`${id}-other`)).toBe(0);
      expect(await records(imp2)).toBe(0);
    } finally {
      await db.query('MATCH (n:Person {id: $id}) DETACH DELETE n', { id }, { mode: 'write' });
    }
  });

  it('a first load writes new relationships without reading, but reads a key met twice and one between stored nodes', async () => {
    const before = await dbFingerprint(db);
    const [stored] = await db.query(
      `MATCH (a:Person)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL AND NOT b:ParleyInternal
       RETURN a.id AS a, type(r) AS type, b.id AS b LIMIT 1`,
    );
    expect(stored).toBeDefined();
    const { a, type, b } = stored as { a: string; type: string; b: string };
    const between = async () =>
      Number(
        (
          await db.query(`MATCH ({id: $a})-[r]->({id: $b}) WHERE type(r) = $type RETURN count(r) AS n`, { a, b, type })
        )[0]?.n,
      );
    const storedBefore = await between();
    const p = `stream-rels-${Date.now()}`;
    const own = mkdtempSync(path.join(tmpdir(), 'parley-stream-rels-'));
    writeFileSync(
      path.join(own, 'nodes.csv'),
      `id,label,name\n${p}-1,Person,One\n${p}-2,Person,Two\n${p}-3,Person,Three\n`,
    );
    // with batches of 2 rows, the KNOWS key met twice falls in two batches; the stored pair is read, not doubled
    writeFileSync(
      path.join(own, 'rels.csv'),
      `source,target,type,weight\n${p}-1,${p}-2,KNOWS,1\n${p}-2,${p}-3,KNOWS,2\n${a},${b},${type},\n${p}-1,${p}-2,KNOWS,9\n${p}-3,${p}-1,KNOWS,3\n`,
    );
    const opened = await openImport(
      ['nodes.csv', 'rels.csv'].map((name) => ({ path: path.join(own, name), name })),
      { streamAboveBytes: -1 },
    );
    const preview = await previewOpened(repos.imports, opened);
    // which batches went without a read (fresh) and how many relationships each held
    const batches: { fresh: boolean; n: number }[] = [];
    const spy: ImportsRepository = {
      ...repos.imports,
      writeRelationships: (...args: Parameters<ImportsRepository['writeRelationships']>) => {
        batches.push({ fresh: args[5]?.fresh ?? false, n: args[3].length });
        return repos.imports.writeRelationships(...args);
      },
    };
    const run = await runOpened(spy, opened, { batchSize: 2 });
    expect(run.status).toBe('committed');
    // what the preview said is created (its batches of 5,000 fold the key met twice into one row; these of 2 meet
    // it twice, so the run also counts it once as unchanged, its second weight kept out by the rule)
    expect(preview.plan!.types.KNOWS).toMatchObject({ created: 3 });
    expect(run.plan.types.KNOWS).toMatchObject({ created: 3, updated: 0, unchanged: 1 });
    // 2-3 and 3-1 without a read; the key met twice (both times) and the stored pair with one
    expect(batches.filter((x) => x.fresh).reduce((s, x) => s + x.n, 0)).toBe(2);
    expect(batches.filter((x) => !x.fresh).reduce((s, x) => s + x.n, 0)).toBe(3);
    // every relationship it created is in its undo record, fresh or not
    const recorded = await db.query(
      "MATCH (c:ParleyCreated {importId: $id, kind: 'relationship'}) RETURN c.rows AS rows",
      { id: run.id },
    );
    const keys = recorded.flatMap((r) => (JSON.parse(String(r.rows)) as { key: string }[]).map((x) => x.key)).sort();
    expect(keys).toEqual([`${p}-1|KNOWS|${p}-2`, `${p}-2|KNOWS|${p}-3`, `${p}-3|KNOWS|${p}-1`]);
    const knows = await db.query(
      `MATCH (x:Person)-[r:KNOWS]->(y:Person) WHERE x.id STARTS WITH $p RETURN x.id AS x, y.id AS y, r.weight AS w ORDER BY x, y`,
      { p },
    );
    // the key met twice is one relationship; the rule (keep) leaves the first weight
    expect(knows.map((r) => [r.x, r.y, Number(r.w)])).toEqual([
      [`${p}-1`, `${p}-2`, 1],
      [`${p}-2`, `${p}-3`, 2],
      [`${p}-3`, `${p}-1`, 3],
    ]);
    expect(await between()).toBe(storedBefore);
    await repos.imports.rollback(run.id, 'undone', null);
    expect(await dbFingerprint(db)).toEqual(before);
  });

  it('a relationship stored since the check fails its first-load batch, which leaves nothing', async () => {
    const p = `stream-race-${Date.now()}`;
    await db.query(
      "CREATE (:Person {id: $p + '-1', name: 'One'})-[:KNOWS {id: $p + '-1|KNOWS|' + $p + '-2'}]->(:Person {id: $p + '-2', name: 'Two'}), (:Person {id: $p + '-3', name: 'Three'})",
      { p },
      { mode: 'write' },
    );
    const rel = (source: string, target: string) => ({
      type: 'KNOWS',
      source: `${p}-${source}`,
      target: `${p}-${target}`,
      properties: {},
      evidence: [],
      inferred: false,
      inferenceReason: null,
      at: { file: 'test' },
    });
    const count = async () =>
      Number(
        (
          await db.query('MATCH (x:Person)-[r:KNOWS]->(:Person) WHERE x.id STARTS WITH $p RETURN count(r) AS n', {
            p,
          })
        )[0]?.n,
      );
    const imp = `imp-race-${Date.now()}`;
    try {
      // another import wrote 1→2 after this one's check: the batch (with a new 3→1) is refused whole
      await expect(
        repos.imports.writeRelationships(imp, 'Person', 'Person', [rel('3', '1'), rel('1', '2')], 'keep', {
          fresh: true,
        }),
      ).rejects.toThrow(
        /1 relationship\(s\) lost an end node while writing, found an end id on two stored nodes, or were stored since the check/,
      );
      expect(await count()).toBe(1);
      const [records] = await db.query('MATCH (c:ParleyCreated {importId: $imp}) RETURN count(c) AS n', { imp });
      expect(Number(records?.n)).toBe(0);
      // an end gone since the check: refused the same way
      await expect(
        repos.imports.writeRelationships(imp, 'Person', 'Person', [rel('3', 'gone')], 'keep', { fresh: true }),
      ).rejects.toThrow(/1 relationship\(s\) lost an end node/);
      // and a batch of new ones is written
      await repos.imports.writeRelationships(imp, 'Person', 'Person', [rel('3', '1')], 'keep', { fresh: true });
      expect(await count()).toBe(2);
      await repos.imports.rollback(imp, 'undone', null);
      expect(await count()).toBe(1);
    } finally {
      await db.query('MATCH (n:Person) WHERE n.id STARTS WITH $p DETACH DELETE n', { p }, { mode: 'write' });
    }
  });

  it("the import's warm-up leaves the database as it was", { timeout: 300_000 }, async () => {
    const before = await dbFingerprint(db);
    expect(await repos.imports.warmUp()).toBeGreaterThanOrEqual(0);
    expect(await dbFingerprint(db)).toEqual(before);
  });
});
