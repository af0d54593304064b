/**
 * `npm run bench:load` (issue 12): Parley under sustained load on a generated graph — search, one-hop expansion,
 * who-met-whom and path, each at 10 and 50 connections with autocannon — with p50/p95/p99, errors, and the
 * resident memory of the server and of Neo4j at the start and at the end (and after each window), to show it
 * flat rather than growing.
 *
 *   full (default): the L data set (100,000 nodes, 500,000 relationships), MIXED: five minutes at 10 connections,
 *                   then five at 50, each connection sending the four routes in turn (search, expansion,
 *                   who-met-whom, path), with percentiles per route and memory sampled every 30 s.
 *                   *Decision*: the issue asks for five minutes; five minutes per route and connection count
 *                   would be 40 minutes of load (after a quarter of an hour of loading L on this machine), so
 *                   each connection count gets one five-minute window of the four routes mixed, which also
 *                   loads the server the way users do (different routes at once) rather than one route alone.
 *   --per-route:    one window per route and connection count instead (40 s each by default at L).
 *   --quick:        the M data set (10,000 nodes, 50,000 relationships), per route, 15 s per window.
 *   --seconds N:    another window length.
 *   --data-dir DIR: keep the Neo4j data folder in DIR (default: a throwaway one); a folder that already holds the
 *                   data set (its `parley-bench-load.json` says which) is used as it is, without loading again.
 *   --prepare:      load the data set into --data-dir and stop (so the load can run ahead of the measuring).
 *
 * Parley runs as its own process (`node --import tsx server/src/index.ts`, as under a supervisor) so its memory
 * is its own and not the load generator's, against a throwaway local Neo4j (1 GiB heap, 512 MiB page cache), on
 * 127.0.0.1 only. The rate limit is lifted for this run only (PARLEY_RATE_LIMIT in the child's environment);
 * the request log is on, at `info`, into a rotated file in the temporary folder (its size is reported).
 * Reuses bench/_load.ts (the data set), bench/_read.ts (the routes, their ids, the HTTP arm) and bench/_util.ts.
 * Results: bench/results/load.json or load-quick.json, and a table on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';
import { loadGenerated } from './_load';
import { generatedIds, httpArm, mixedArm, routes, type Figure } from './_read';
import { rssMiB, startParleyProcess, stopParleyProcess } from './_parley-process';
import { machine, save } from './_util';
import { plan } from './generate';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const secondsArg = argv.indexOf('--seconds');
const MIXED = !QUICK && !argv.includes('--per-route');
const SECONDS = secondsArg >= 0 ? Number(argv[secondsArg + 1]) : QUICK ? 15 : MIXED ? 300 : 40;
const SIZE = QUICK ? 'M' : 'L';
const dataDirArg = argv.indexOf('--data-dir');
const DATA_DIR = dataDirArg >= 0 ? path.resolve(argv[dataDirArg + 1] ?? '') : undefined;
const PREPARE = argv.includes('--prepare');
if (PREPARE && !DATA_DIR) throw new Error('--prepare needs --data-dir');
const MARKER = 'parley-bench-load.json';
const CONNECTIONS = [10, 50];
const ROUTES = ['search', 'expand (1 hop, degree ≤ 100)', 'who met whom', 'path'];
interface Loaded {
  size: string;
  nodes: number;
  relationships: number;
  ms: number;
}
const log = (msg: string) => process.stderr.write(`[bench:load] ${msg}\n`);

function table(figs: Figure[]): string {
  const head = '| route | connections | req/s | p50 ms | p95 ms | p99 ms | errors |';
  const rows = figs.map(
    (f) => `| ${f.route} | ${f.connections} | ${f.rps} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} |`,
  );
  return [head, '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

async function main() {
  const t0 = performance.now();
  const m0 = machine();
  log(`${QUICK ? 'quick' : 'full'} run: ${SIZE}, ${SECONDS} s per window, load ${m0.load1}`);
  const local = await startLocalNeo4j({
    port: 0,
    heap: '1g',
    pageCache: '512m',
    dataDir: DATA_DIR,
    startTimeoutMs: 600_000,
  });
  const logDir = mkdtempSync(path.join(tmpdir(), 'parley-bench-load-'));
  let child: ChildProcess | null = null;
  try {
    // set-up only: a cold JVM on a busy machine can take longer than the default 15 s for its first queries
    const setup = {
      NEO4J_URI: local.uri,
      NEO4J_PASSWORD: local.password,
      PARLEY_LOAD_SEED: 'false',
      PARLEY_QUERY_TIMEOUT_MS: '120000',
    };
    const started = await startDatabase(loadConfig(setup));
    const marker = DATA_DIR ? path.join(DATA_DIR, MARKER) : undefined;
    const kept = marker && existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as Loaded) : undefined;
    let loaded: Loaded;
    if (kept && kept.size === SIZE) {
      loaded = kept;
      log(`data set ${SIZE} already in ${DATA_DIR} (loaded in ${Math.round(loaded.ms / 1000)} s)`);
    } else {
      log(`loading ${SIZE}`);
      loaded = { size: SIZE, ...(await loadGenerated(started.db, plan(SIZE))) };
      if (marker) writeFileSync(marker, JSON.stringify(loaded));
    }
    log(`${loaded.nodes} nodes, ${loaded.relationships} relationships, loaded in ${Math.round(loaded.ms / 1000)} s`);
    const ids = await generatedIds(started.db, true);
    await started.db.close();
    if (PREPARE) return;
    const parley = await startParleyProcess(local.uri, local.password, {
      PARLEY_RATE_LIMIT: '1000000000', // lifted for the bench only
      PARLEY_LOG_LEVEL: 'info',
      PARLEY_LOG_FILE: path.join(logDir, 'parley.log'),
    });
    child = parley.child;
    const memory: { at: string; serverMiB: number | null; neo4jMiB: number | null }[] = [];
    const sample = (at: string) => memory.push({ at, serverMiB: rssMiB(child?.pid), neo4jMiB: rssMiB(local.pid) });
    sample('start');
    const figures: Figure[] = [];
    const errorSamples: { route: string; connections: number; status: number; body: string }[] = [];
    const chosen = routes(ids).filter((r) => ROUTES.includes(r.name));
    const errorSample = async (route: string, url: string, c: number) => {
      // what an error answer says (one request after the window)
      const res = await fetch(parley.base + url).catch((err: unknown) => ({ status: 0, err }));
      const body = 'text' in res ? (await res.text()).slice(0, 200) : String(res.err);
      log(`  then ${route}: ${res.status} ${body}`);
      errorSamples.push({ route, connections: c, status: res.status, body });
    };
    // The first answer of each route from the fresh server and Neo4j (JVM, plans and page cache cold), one at a
    // time, before any window: what the first user after a start waits for, kept out of the windows' figures.
    const firstAnswers: { route: string; ms: number; status: number }[] = [];
    for (const route of chosen) {
      const t = performance.now();
      const res = await fetch(parley.base + route.url, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
      await res?.arrayBuffer();
      firstAnswers.push({ route: route.name, ms: Math.round(performance.now() - t), status: res?.status ?? 0 });
      log(`first answer, ${route.name}: ${res?.status ?? 'none in 60 s'} in ${firstAnswers.at(-1)!.ms} ms`);
    }
    if (MIXED) {
      for (const c of CONNECTIONS) {
        const every = setInterval(() => sample(`@${c}, ${memory.length * 30} s`), 30_000);
        const figs = await mixedArm(SIZE, chosen, parley.base, c, SECONDS).finally(() => clearInterval(every));
        figures.push(...figs);
        sample(`after @${c}`);
        for (const f of figs) {
          const late = f.timeoutsAt?.length ? ` (gave up at ${f.timeoutsAt.join(', ')} s)` : '';
          log(
            `${f.route} @${c}: ${f.rps} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${JSON.stringify(f.statuses)}${late}`,
          );
          const route = chosen.find((r) => r.name === f.route);
          if (f.errors > 0 && route) await errorSample(route.name, route.url, c);
        }
      }
    } else {
      for (const route of chosen) {
        for (const c of CONNECTIONS) {
          const f = await httpArm(SIZE, route, parley.base, c, SECONDS);
          figures.push(f);
          sample(`${route.name} @${c}`);
          log(`${route.name} @${c}: ${f.rps} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${JSON.stringify(f.statuses)}`);
          if (f.errors > 0) await errorSample(route.name, route.url, c);
        }
      }
    }
    sample('end');
    const logBytes = readdirSync(logDir)
      .filter((f) => f.endsWith('.log'))
      .reduce((s, f) => s + statSync(path.join(logDir, f)).size, 0);
    const start = memory[0]!;
    const end = memory[memory.length - 1]!;
    const result = {
      mode: QUICK ? 'quick' : MIXED ? 'full, mixed routes' : 'full, per route',
      dataset: { size: SIZE, nodes: loaded.nodes, relationships: loaded.relationships, loadSeconds: loaded.ms / 1000 },
      secondsPerWindow: SECONDS,
      firstAnswers,
      requests: figures.reduce((s, f) => s + f.requests, 0),
      errors: figures.reduce((s, f) => s + f.errors, 0),
      figures,
      errorSamples,
      memory,
      memoryChangeMiB: {
        server: end.serverMiB !== null && start.serverMiB !== null ? end.serverMiB - start.serverMiB : null,
        neo4j: end.neo4jMiB !== null && start.neo4jMiB !== null ? end.neo4jMiB - start.neo4jMiB : null,
      },
      requestLogKiB: Math.round(logBytes / 1024),
      machineAtEnd: { load1: machine().load1 },
      totalSeconds: Math.round((performance.now() - t0) / 1000),
      notes: [
        'Parley in its own process, Neo4j local (1 GiB heap, 512 MiB page cache), autocannon in the bench process: all three share the machine.',
        'Memory is resident set size (VmRSS) of the server process and of the Neo4j JVM.',
        ...(MIXED
          ? [
              'Mixed: each connection sends search, expansion, who-met-whom and path in turn; figures per route, and "all" for every answer.',
            ]
          : []),
      ],
    };
    save(QUICK ? 'load-quick' : 'load', result);
    process.stdout.write(`\n${table(figures)}\n\n`);
    process.stdout.write(
      `memory (RSS MiB): server ${start.serverMiB} → ${end.serverMiB}, Neo4j ${start.neo4jMiB} → ${end.neo4jMiB}; ` +
        `request log ${result.requestLogKiB} KiB for ${result.requests} requests; ${result.totalSeconds} s in all\n`,
    );
  } finally {
    if (child) await stopParleyProcess(child);
    await local.stop();
    rmSync(logDir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    // Everything the run opened is closed by now (Neo4j, Parley, their pipes, the driver), so the process ends by
    // itself; should anything still hold it 5 s later, say what and end anyway (the figures are saved).
    setTimeout(() => {
      log(`still open 5 s after the run: ${process.getActiveResourcesInfo().join(', ')}; exiting`);
      process.exit(0);
    }, 5_000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
