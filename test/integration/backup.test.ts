// Issue 12, backups: an online backup of a database holding the seed, a snapshot, Parley's import records and
// values of every Neo4j type is restored into a fresh database, and the two graphs are compared exactly (labels,
// properties with their types, relationships); graph.json reads back through the import engine without a
// problem; a restore refuses a database that is not empty. Then the offline kind: the stopped store is copied,
// copied back into a new data folder, and that Neo4j holds the same graph. Own Neo4j instances, not the run's.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { restoreBackup, restoreOfflineBackup, writeBackup, writeOfflineBackup } from '../../server/src/backup/backup';
import { loadConfig } from '../../server/src/config';
import { readImportFiles } from '../../server/src/import/read';
import { exportGraph } from '../../server/src/neo4j/backup';
import { Db } from '../../server/src/neo4j/db';
import { passwordFileOf, startLocalNeo4j, type LocalNeo4j } from '../../server/src/neo4j/local';
import { startDatabase, type Started } from '../../server/src/start';

const SLOW = 400_000;
const small = { heap: '512m', pageCache: '64m' } as const;
const dbOf = (n: LocalNeo4j) =>
  new Db({ uri: n.uri, user: n.user, password: n.password, database: '', queryTimeoutMs: 60_000 });

/** The whole graph, canonically: every node as its sorted labels and typed properties, every relationship as its
 * type, typed properties and the canonical form of its two ends; both lists sorted. Element ids play no part. */
async function wholeGraph(db: Db): Promise<{ nodes: string[]; relationships: string[] }> {
  const canon = new Map<string, string>();
  const nodes: string[] = [];
  const relationships: string[] = [];
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  await exportGraph(db, {
    schema: () => {},
    node: (n) => {
      const c = JSON.stringify({ labels: [...n.labels].sort(), props: sorted(n.props) });
      canon.set(n.k, c);
      nodes.push(c);
    },
    relationship: (r) => {
      relationships.push(
        JSON.stringify({ type: r.type, a: canon.get(r.a), b: canon.get(r.b), props: sorted(r.props) }),
      );
    },
  });
  return { nodes: nodes.sort(), relationships: relationships.sort() };
}

/** Each property of the probe node with the type Neo4j itself reports (independent of the backup's encoding). */
async function probeTypes(db: Db) {
  const rows = await db.query(
    `MATCH (p:Probe)
     RETURN labels(p) AS labels, [k IN keys(p) | k + ': ' + valueType(p[k]) + ' = ' +
       CASE
         WHEN valueType(p[k]) STARTS WITH 'LIST' THEN reduce(s = '', x IN p[k] | s + toString(x) + ';')
         WHEN valueType(p[k]) STARTS WITH 'POINT' THEN toString(p[k].srid) + ' ' + toString(p[k].x) + ' ' +
           toString(p[k].y) + ' ' + CASE WHEN p[k].srid IN [4979, 9157] THEN toString(p[k].z) ELSE '-' END
         ELSE toString(p[k])
       END] AS typed`,
  );
  return rows.map((r) => ({
    labels: [...(r['labels'] as string[])].sort(),
    typed: [...(r['typed'] as string[])].sort(),
  }));
}

let parent: string;
let src: LocalNeo4j;
let started: Started;
let dst: LocalNeo4j | undefined;
let dstDb: Db | undefined;

beforeAll(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'parley-backup-test-'));
  src = await startLocalNeo4j({ ...small, port: 0, dataDir: path.join(parent, 'src') });
  started = await startDatabase(loadConfig({ NEO4J_URI: src.uri, NEO4J_PASSWORD: src.password }));
  const app = await buildApp({
    config: { ...loadConfig({}), PARLEY_RATE_LIMIT: 100_000 },
    repos: started.repos,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/snapshots',
    payload: {
      format: 'parley-snapshot',
      version: 1,
      title: 'kept by the backup',
      caption: '',
      view: {
        mode: 'graph',
        camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
        viewport: { width: 800, height: 600 },
        filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
        selection: [],
        query: null,
        styles: {},
        legend: [],
      },
      graph: {
        nodes: [
          {
            id: 'person:sonata-coulter',
            label: 'Sonata Coulter',
            kind: 'Person',
            x: 0,
            y: 0,
            size: 8,
            color: '#4e79a7',
          },
        ],
        edges: [],
      },
      sources: [],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  await app.close();
  // a value of every kind Neo4j stores, a node with two labels, one with none, a relationship with properties
  await started.db.query(
    `CREATE (p:Probe:Extra {f: 3.0, i: 3, big: 9007199254740993, neg: -42, nan: 0.0 / 0.0, inf: 1.0 / 0.0,
       d: date('2025-02-27'), dt: datetime('2025-02-27T10:00:00.5[Europe/Istanbul]'),
       dto: datetime('2025-02-27T10:00:00+03:00'), ldt: localdatetime('2025-02-27T10:00:00.123456789'),
       t: time('10:00:00+03:00'), lt: localtime('10:00:01'), dur: duration('P1Y2M3DT4H5.5S'),
       p: point({x: 1.5, y: 2.5}), p3: point({longitude: 28.97, latitude: 41.01, height: 10.0}),
       fl: [1.0, 2.5], il: [1, 2], sl: ['a', 'ü ✓'], bl: [true, false], dl: [date('2025-01-01')], s: ''})
     CREATE ()
     WITH p MATCH (c:Person {id: 'person:sonata-coulter'})
     CREATE (p)-[:PROBES {w: 0.5, n: 7, at: date('2025-03-01')}]->(c)`,
    {},
    { mode: 'write' },
  );
}, SLOW);

afterAll(async () => {
  await dstDb?.close();
  await dst?.stop();
  await started?.stop();
  await src?.stop();
  if (parent) await rm(parent, { recursive: true, force: true });
}, SLOW);

describe('npm run backup / npm run restore', { timeout: SLOW }, () => {
  let before: Awaited<ReturnType<typeof wholeGraph>>;

  it('an online backup restored into a fresh database gives the same graph, exactly', async () => {
    before = await wholeGraph(started.db);
    const dir = path.join(parent, 'online');
    const manifest = await writeBackup(started.db, dir, src.uri);
    expect(manifest.counts?.nodes).toBe(before.nodes.length);
    expect(manifest.counts?.relationships).toBe(before.relationships.length);
    expect(manifest.dataset?.problems).toEqual([]);
    expect(manifest.counts?.byLabel).toMatchObject({ Snapshot: 1, ParleyImport: 1, Person: expect.any(Number) });
    expect(statSync(path.join(dir, 'store.ndjson')).mode & 0o777).toBe(0o600);

    dst = await startLocalNeo4j({ ...small, port: 0 });
    dstDb = dbOf(dst);
    const restored = await restoreBackup(dstDb, dir);
    expect(restored).toEqual({ nodes: before.nodes.length, relationships: before.relationships.length });
    const after = await wholeGraph(dstDb);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.relationships).toEqual(before.relationships);
    // the types as Neo4j reports them, not as the backup encodes them
    const types = await probeTypes(dstDb);
    expect(types).toEqual(await probeTypes(started.db));
    expect(types[0]?.typed).toEqual(
      expect.arrayContaining([
        'f: FLOAT NOT NULL = 3.0',
        'i: INTEGER NOT NULL = 3',
        'big: INTEGER NOT NULL = 9007199254740993',
        expect.stringMatching(/^dt: ZONED DATETIME NOT NULL = 2025-02-27T10:00:00\.5\+03:00\[Europe\/Istanbul\]$/),
        expect.stringMatching(/^dur: DURATION NOT NULL = P1Y2M3DT4H(0M)?5\.5S$/),
        'fl: LIST<FLOAT NOT NULL> NOT NULL = 1.0;2.5;',
      ]),
    );
    // the schema came along: the constraints and the full-text index of the source
    const names = async (db: Db) =>
      (await db.query('backup-constraints'))
        .map((r) => r['name'])
        .concat((await db.query('backup-indexes')).map((r) => r['name']));
    expect(new Set(await names(dstDb))).toEqual(new Set(await names(started.db)));
  });

  it('graph.json is a Parley data set the import engine reads without a problem', async () => {
    const file = path.join(parent, 'online', 'graph.json');
    const set = readImportFiles([{ path: file, name: 'graph.json' }]);
    expect(set.problems).toEqual([]);
    const [model] = await started.db.query(
      `MATCH (n) WHERE n:Person OR n:Agency OR n:Meeting OR n:Issue OR n:Place RETURN count(n) AS n`,
    );
    expect(set.nodes.length).toBe(model?.['n']);
    expect(set.sources.map((s) => s.id)).toEqual(['source:us-russia-embassy-talks-istanbul']);
    expect(set.relationships.length).toBe(61);
  });

  it('refuses to restore into a database that is not empty, and changes nothing', async () => {
    await expect(restoreBackup(dstDb!, path.join(parent, 'online'))).rejects.toThrow(/empty database/);
    const after = await wholeGraph(dstDb!);
    expect(after.nodes).toEqual(before.nodes);
  });

  it('an offline copy of the stopped store, copied into a new data folder, holds the same graph', async () => {
    await started.stop(); // the driver (the Neo4j was started here, not by startDatabase)
    await src.stop();
    const dir = path.join(parent, 'offline');
    await writeOfflineBackup(src.dataDir, dir, passwordFileOf(src.dataDir));
    const target = path.join(parent, 'copy');
    await restoreOfflineBackup(dir, target);
    await expect(restoreOfflineBackup(dir, target)).rejects.toThrow(/already holds a store/);
    expect(existsSync(passwordFileOf(target))).toBe(true);
    const copy = await startLocalNeo4j({ ...small, port: 0, dataDir: target });
    const copyDb = dbOf(copy);
    try {
      expect(copy.password).toBe(src.password);
      const after = await wholeGraph(copyDb);
      expect(after.nodes).toEqual(before.nodes);
      expect(after.relationships).toEqual(before.relationships);
    } finally {
      await copyDb.close();
      await copy.stop();
    }
  });
});
