/**
 * (Over 400 lines: four arms that share one server start-up, one timer and one result shape; apart they would repeat
 * them.)
 *
 * The loading arms of `npm run bench` (issue 13, "Loading"): the same generated rows, in the neo4j-admin CSV files
 * bench/generate.ts writes, loaded four ways into Neo4j 5.26 started the same way for each (the server entry
 * point with one neo4j.conf: heap, page cache, transaction cap; file URLs for LOAD CSV are allowed in this
 * benchmark's own database only, from the folder of the CSV files):
 *
 * - parley:    the import engine's streamed path (bench/_loader-child.ts, a process of its own: its peak RSS);
 * - naive:     one MERGE per transaction, row after row, for a fixed time (nodes, then relationships);
 * - LOAD CSV:  MERGE per row, `CALL { … } IN TRANSACTIONS`, one pass per node file and per relationship type;
 * - neo4j-admin `database import full` into a fresh database (offline: the physical limit; creates no index).
 *
 * Every JVM arm applies Parley's schema (uniqueness constraints on `id`) before its data. "cold" is the first
 * load into a freshly started JVM; "warm" the same load again after the data was deleted, on the same JVM.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../server/src/config';
import { adminSource, readAdminNodes, readAdminRelationships } from '../server/src/import/admin-csv';
import { csvBatches } from '../server/src/import/csv-stream';
import { Db } from '../server/src/neo4j/db';
import { findFreePort, neo4jJvmFlags, resolveJavaHome } from '../server/src/neo4j/local';
import { escapeName } from '../server/src/neo4j/names';
import { createRepositories } from '../server/src/repositories';

const LIB = path.join(repoRoot, 'server', 'neo4j', 'target', 'lib');
const run = promisify(execFile);

export interface LoadFigure {
  data: string;
  arm: 'parley' | 'naive' | 'LOAD CSV' | 'neo4j-admin';
  run: 'cold' | 'warm' | 'second run';
  batch: number | null;
  nodes: number;
  relationships: number;
  'nodes ms': number;
  'rels ms': number;
  'total s': number;
  'nodes/s': number;
  'rels/s': number;
  note?: string;
}

const LABEL_OF_PREFIX: Record<string, string> = {
  person: 'Person',
  agency: 'Agency',
  meeting: 'Meeting',
  issue: 'Issue',
  place: 'Place',
  source: 'Source',
};
const labelOfId = (id: string) => LABEL_OF_PREFIX[id.slice(0, id.indexOf(':'))] ?? 'Person';
/** the relationship types of bench/generate.ts with their end labels */
const TYPES: [string, string, string][] = [
  ['MEMBER_OF', 'Person', 'Agency'],
  ['ATTENDED', 'Person', 'Meeting'],
  ['HELD_IN', 'Meeting', 'Place'],
  ['DISCUSSED', 'Meeting', 'Issue'],
  ['PARTICIPATED_IN', 'Agency', 'Meeting'],
  ['COUNTERPART_OF', 'Person', 'Person'],
];

export function csvFiles(dir: string) {
  const all = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  return {
    nodes: all.filter((f) => f === 'sources.csv' || f.startsWith('nodes-')).map((f) => path.join(dir, f)),
    relationships: [path.join(dir, 'relationships.csv')],
  };
}

/** The settings every JVM arm runs with (and neo4j-admin's page cache). */
export const NEO4J_SETTINGS = { heap: '1g', pageCache: '512m', txMax: '256m', txTimeout: '10m' };

export interface BenchNeo4j {
  db: Db;
  uri: string;
  /** CPU seconds the Neo4j JVM has used so far (user + system, from /proc): what a load cost it, whatever the load */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

/** Extra JVM flags and neo4j.conf lines for an A/B run (bench/_loading-profile.ts `--jvm=…`, `--conf=…`). */
export interface BenchNeo4jOptions {
  jvm?: readonly string[];
  conf?: readonly string[];
}

/**
 * A Neo4j server (its own entry point and neo4j.conf) on a fresh temporary home, with the local Neo4j's JVM flags
 * (neo4jJvmFlags); LOAD CSV reads `importDir`.
 */
export async function startBenchNeo4j(importDir: string, opts: BenchNeo4jOptions = {}): Promise<BenchNeo4j> {
  const home = mkdtempSync(path.join(tmpdir(), 'parley-bench-neo4j-'));
  const conf = path.join(home, 'conf');
  mkdirSync(conf);
  const port = await findFreePort();
  writeFileSync(
    path.join(conf, 'neo4j.conf'),
    [
      'server.bolt.enabled=true',
      `server.bolt.listen_address=127.0.0.1:${port}`,
      'server.bolt.tls_level=DISABLED',
      'server.http.enabled=false',
      'server.https.enabled=false',
      'dbms.security.auth_enabled=false',
      `server.memory.pagecache.size=${NEO4J_SETTINGS.pageCache}`,
      `db.memory.transaction.max=${NEO4J_SETTINGS.txMax}`,
      `db.transaction.timeout=${NEO4J_SETTINGS.txTimeout}`,
      // for this benchmark's database only: LOAD CSV from the folder of the generated files
      'dbms.security.allow_csv_import_from_file_urls=true',
      `server.directories.import=${importDir}`,
      'db.tx_log.rotation.size=64m',
      'dbms.usage_report.enabled=false',
      ...(opts.conf ?? []),
      '',
    ].join('\n'),
  );
  const java = await resolveJavaHome();
  const child = spawn(
    path.join(java.javaHome, 'bin', 'java'),
    [
      ...neo4jJvmFlags(NEO4J_SETTINGS.heap),
      ...(opts.jvm ?? []),
      '-cp',
      `${LIB}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${conf}`,
    ],
    { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf }, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const uri = `bolt://127.0.0.1:${port}`;
  const db = new Db({ uri, user: 'neo4j', password: '', database: '', queryTimeoutMs: 600_000 });
  const stop = async () => {
    await db.close().catch(() => {});
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(t);
    rmSync(home, { recursive: true, force: true });
  };
  const t0 = Date.now();
  while (!(await db.ping(2_000))) {
    if (child.exitCode !== null || Date.now() - t0 > 240_000) {
      await stop();
      throw new Error('bench: the benchmark Neo4j did not start within 240 s');
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { db, uri, cpuSeconds: () => cpuOf(child.pid), stop };
}

/** Everything deleted (relationships, then nodes), in transactions of 10,000; the schema stays. */
export async function wipe(db: Db) {
  await db.autoCommit('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
  await db.autoCommit('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
}

async function counts(db: Db) {
  const [n] = await db.query('MATCH (n) WHERE NOT n:ParleyInternal RETURN count(n) AS n');
  const [r] = await db.query('MATCH ()-[r]->() RETURN count(r) AS n');
  return { nodes: Number(n?.n ?? 0), relationships: Number(r?.n ?? 0) };
}

function figure(
  data: string,
  arm: LoadFigure['arm'],
  runName: LoadFigure['run'],
  batch: number | null,
  c: { nodes: number; relationships: number },
  nodesMs: number,
  relsMs: number,
  note?: string,
): LoadFigure {
  return {
    data,
    arm,
    run: runName,
    batch,
    nodes: c.nodes,
    relationships: c.relationships,
    'nodes ms': Math.round(nodesMs),
    'rels ms': Math.round(relsMs),
    'total s': Math.round((nodesMs + relsMs) / 100) / 10,
    'nodes/s': Math.round((c.nodes / Math.max(1, nodesMs)) * 1000),
    'rels/s': Math.round((c.relationships / Math.max(1, relsMs)) * 1000),
    ...(note ? { note } : {}),
  };
}

export interface ParleyRun {
  status: string;
  nodes: number;
  relationships: number;
  scanMs: number;
  nodesMs: number;
  relsMs: number;
  writeMs: number;
  firstBatchMs: number;
  medianBatchMs: number;
  maxRssMiB: number;
  cpuS: number;
}

/**
 * Parley's loader in a process of its own (fresh Node), into the benchmark Neo4j. `env` is added to the child's
 * environment; with PARLEY_PROFILE in it (bench/_loading-profile.ts) the child's per-statement lines, on its
 * stderr, are passed through.
 */
export async function parleyArm(
  uri: string,
  dir: string,
  batch: number,
  env: Record<string, string> = {},
): Promise<ParleyRun> {
  const f = csvFiles(dir);
  const child = run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'bench', '_loader-child.ts'),
      String(batch),
      ...f.nodes,
      ...f.relationships,
    ],
    { cwd: repoRoot, env: { ...process.env, ...env, NEO4J_URI: uri }, maxBuffer: 1 << 24, timeout: 3_600_000 },
  );
  if (env.PARLEY_PROFILE) child.child.stderr?.pipe(process.stderr);
  const { stdout } = await child;
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ParleyRun;
}

export function parleyFigure(data: string, runName: LoadFigure['run'], batch: number, r: ParleyRun): LoadFigure {
  return figure(
    data,
    'parley',
    runName,
    batch,
    r,
    r.nodesMs,
    r.relsMs,
    `check pass ${(r.scanMs / 1000).toFixed(1)} s; first batch ${r.firstBatchMs} ms, median ${r.medianBatchMs} ms; loader peak RSS ${r.maxRssMiB} MiB, loader CPU ${r.cpuS} s`,
  );
}

/** LOAD CSV: MERGE on id per row, in transactions of `batch` rows; one pass per node file and relationship type. */
export async function loadCsvArm(db: Db, dir: string, data: string, runName: LoadFigure['run'], batch: number) {
  await createRepositories(db).dataset.applySchema();
  const f = csvFiles(dir);
  const n = Math.max(1, Math.floor(batch));
  const t0 = performance.now();
  for (const file of f.nodes) {
    const name = path.basename(file);
    const label = name === 'sources.csv' ? 'Source' : name.replace(/^nodes-|\.csv$/g, '');
    await db.autoCommit(
      `LOAD CSV WITH HEADERS FROM $url AS row
       CALL { WITH row
         MERGE (n:${escapeName(label)} {id: row.\`id:ID\`})
         SET n.name = row.name, n.description = row.description, n.text = row.text, n.date = row.date,
             n.status = row.status,
             n.aliases = CASE WHEN row.\`aliases:string[]\` IS NULL THEN [] ELSE split(row.\`aliases:string[]\`, ';') END
       } IN TRANSACTIONS OF ${n} ROWS`,
      { url: `file:///${name}` },
    );
  }
  const t1 = performance.now();
  for (const [type, sl, tl] of TYPES) {
    await db.autoCommit(
      `LOAD CSV WITH HEADERS FROM $url AS row
       WITH row WHERE row.\`:TYPE\` = $type
       CALL { WITH row
         MATCH (a:${escapeName(sl)} {id: row.\`:START_ID\`})
         MATCH (b:${escapeName(tl)} {id: row.\`:END_ID\`})
         MERGE (a)-[r:${escapeName(type)} {id: row.id}]->(b)
         SET r.role = row.role, r.inferred = row.\`inferred:boolean\` = 'true', r.inferenceReason = row.inferenceReason,
             r.quotes = coalesce(split(row.\`quotes:string[]\`, ';'), []),
             r.sourceIds = coalesce(split(row.\`sourceIds:string[]\`, ';'), [])
       } IN TRANSACTIONS OF ${n} ROWS`,
      { url: 'file:///relationships.csv', type },
    );
  }
  const t2 = performance.now();
  return figure(
    data,
    'LOAD CSV',
    runName,
    n,
    await counts(db),
    t1 - t0,
    t2 - t1,
    `${TYPES.length} passes over the relationships file, one per type`,
  );
}

/**
 * The naive writer: one MERGE per transaction, each awaited before the next, for `seconds` on the nodes (from an
 * empty database) and `seconds` on the relationships (their nodes loaded, relationships deleted). A rate, not a
 * whole load: at one row per transaction a whole M would take minutes.
 */
export async function naiveArm(db: Db, dir: string, data: string, seconds: number, fill: () => Promise<void>) {
  await createRepositories(db).dataset.applySchema();
  await wipe(db);
  const f = csvFiles(dir);
  let nodes = 0;
  const t0 = performance.now();
  outer: for (const file of f.nodes) {
    for await (const b of csvBatches(path.basename(file), file, 1_000)) {
      for (const node of readAdminNodes(path.basename(file), b).nodes) {
        const props: Record<string, unknown> = {
          ...node.properties,
          name: node.name,
          aliases: node.aliases,
          description: node.description,
        };
        if (adminSource(node)) props.text = node.properties.text;
        await db.query(
          `MERGE (n:${escapeName(node.labels[0]!)} {id: $id}) SET n += $props`,
          { id: node.id, props },
          { mode: 'write' },
        );
        nodes++;
        if (performance.now() - t0 > seconds * 1000) break outer;
      }
    }
  }
  const t1 = performance.now();
  await fill(); // every node present, no relationship
  await db.autoCommit('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
  let rels = 0;
  const t2 = performance.now();
  outer2: for await (const b of csvBatches('relationships.csv', f.relationships[0]!, 1_000)) {
    for (const r of readAdminRelationships('relationships.csv', b).relationships) {
      await db.query(
        `MATCH (a:${escapeName(labelOfId(r.source))} {id: $source}) MATCH (b:${escapeName(labelOfId(r.target))} {id: $target})
         MERGE (a)-[x:${escapeName(r.type)} {id: $key}]->(b)
         SET x += $props, x.quotes = $quotes, x.sourceIds = $sourceIds, x.inferred = $inferred`,
        {
          source: r.source,
          target: r.target,
          key: `${r.source}|${r.type}|${r.target}`,
          props: r.properties,
          quotes: r.evidence.map((e) => e.quote),
          sourceIds: r.evidence.map((e) => e.source),
          inferred: r.inferred,
        },
        { mode: 'write' },
      );
      rels++;
      if (performance.now() - t2 > seconds * 1000) break outer2;
    }
  }
  const t3 = performance.now();
  return figure(
    data,
    'naive',
    'warm',
    1,
    { nodes, relationships: rels },
    t1 - t0,
    t3 - t2,
    `${seconds} s on nodes and ${seconds} s on relationships; the counts are what it wrote in that time`,
  );
}

const DURATION = /((?:\d+h )?(?:\d+m )?(?:\d+s )?\d+ms)/;
function ms(text: string): number {
  let total = 0;
  for (const [, v, u] of text.matchAll(/(\d+)(h|ms|m|s)/g))
    total += Number(v) * ({ h: 3_600_000, m: 60_000, s: 1_000, ms: 1 }[u!] ?? 0);
  return total;
}

/** neo4j-admin database import full into a fresh home: its node phase, and the rest (relationships, linking, counts). */
export async function adminArm(dir: string, data: string, runName: LoadFigure['run']) {
  const home = mkdtempSync(path.join(tmpdir(), 'parley-bench-admin-'));
  try {
    mkdirSync(path.join(home, 'conf'));
    writeFileSync(path.join(home, 'conf', 'neo4j.conf'), `server.memory.pagecache.size=${NEO4J_SETTINGS.pageCache}\n`);
    const f = csvFiles(dir);
    const java = await resolveJavaHome();
    const t0 = performance.now();
    const { stdout, stderr } = await run(
      path.join(java.javaHome, 'bin', 'java'),
      [
        `-Xmx${NEO4J_SETTINGS.heap}`,
        '-cp',
        `${LIB}/*`,
        'org.neo4j.cli.AdminTool',
        'database',
        'import',
        'full',
        'neo4j',
        '--overwrite-destination=true',
        `--report-file=${path.join(home, 'import.report')}`,
        ...f.nodes.map((x) => `--nodes=${x}`),
        ...f.relationships.map((x) => `--relationships=${x}`),
      ],
      {
        env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
        maxBuffer: 1 << 26,
        timeout: 3_600_000,
      },
    );
    const wall = performance.now() - t0;
    const out = `${stdout}\n${stderr}`;
    const phase = (name: string) => ms(new RegExp(`${name} COMPLETED in ${DURATION.source}`).exec(out)?.[1] ?? '0ms');
    const nodesMs = phase('Node import');
    const relsMs = phase('Relationship import') + phase('Relationship linking') + phase('Post processing');
    const imported = /Imported:\s+(\d+) nodes\s+(\d+) relationships/.exec(out);
    const peak = /Peak memory usage: ([\d.]+\w+)/.exec(out)?.[1] ?? '?';
    return figure(
      data,
      'neo4j-admin',
      runName,
      null,
      { nodes: Number(imported?.[1] ?? 0), relationships: Number(imported?.[2] ?? 0) },
      nodesMs,
      relsMs,
      `whole command ${(wall / 1000).toFixed(1)} s (JVM start, checks); peak memory ${peak}; no index or constraint built`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
