/**
 * `npm run bench` (full: seed, M and L) and `npm run bench -- --quick` (seed and M, shorter windows; under five
 * minutes on two cores, see QUICK BUDGET below). Starts its own temporary Neo4j with an explicit heap and page
 * cache, loads the seed and the generated data sets (bench/generate.ts), starts Parley's server as `npm start` does
 * (its own process), runs the reading arms (bench/_read.ts) and the payload figures,
 * prints a table, writes bench/results/run.json (and a copy in bench/results/history/), flags anything more than
 * 10% slower than the previous run of the same mode, and rewrites the README's "Performance" section between its
 * markers. Other flags: `--sizes seed,M,L` (which data sets), `--seconds N` (per measurement), `--no-readme`,
 * `--readme-only` (rewrite the README section from the last results without measuring).
 * Traffic goes to 127.0.0.1 only. The loading arms (bench/_loading-suite.ts: Parley's loader, a naive writer,
 * LOAD CSV, neo4j-admin) run after the reading arms, on Neo4j servers of their own: `--loading-sizes S,M,L,XL`
 * (default S quick, M,L full), `--naive-seconds N`, `--no-loading`, and `--loading-only` (only the loading arms;
 * the reading figures of the last run are kept in run.json and the README). The extraction arm (bench/extract.ts:
 * precision and recall per kind on the evaluation set, and the time to read a 1,000-word article; no database)
 * runs last: `--no-extract` skips it, `--extract-only` runs only it and keeps the other figures of the last run.
 * `--no-loading`, `--no-draw` and `--no-extract` keep the last results' figures of what they skip (with their date).
 *
 * QUICK BUDGET (`--quick`, at most 240 s on a quiet two-core machine; the 2026-12-02 13:27 run took 310 s at load
 * 1.6–2.6 before these cuts; every log line carries the seconds since the start and run.json `phases` the seconds
 * of each phase, so a phase over its budget shows):
 *   setup       40 s  JVM start (the Chromium version probe meanwhile), seed, Parley's process and its start-up
 *                     planning (waited for, at most 30 s, so it is not measured as traffic)
 *   reading    100 s  seed: 9 routes × (0.5 s warm-up, HTTP 1 and 10 connections, driver 10) ≈ 4 s;
 *                     M: load ≈ 10 s, 11 routes × (0.5 s warm-up, HTTP 1, 10, 50, driver 1 and 10) ≈ 6 s
 *                     (was: a warm-up per window, 50 connections and driver at 1 on the seed too)
 *   drawing     40 s  S only, 12 frames and 3 refreshes per arm (was 20 and 4)
 *   loading     50 s  S on one Neo4j: Parley cold and warm, LOAD CSV, a 3 s naive writer (was 5 s), no
 *                     neo4j-admin (a JVM of its own; no target reads it at S); M and L figures are kept
 *   extraction  10 s  three warm readings
 * What the README's targets table needs is all measured at M (HTTP at 1 connection for the p95s, HTTP and driver at
 * 10 for the ratios) or kept from the loading runs; the quick run drops none of it.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import Graph from 'graphology';
import { chromium } from 'playwright-core';
import { loadConfig } from '../server/src/config';
import { resolveJavaHome, startLocalNeo4j } from '../server/src/neo4j/local';
import { toLuceneQuery } from '../server/src/repositories/search';
import { startDatabase, type Started } from '../server/src/start';
import type { Subgraph } from '../contract';
import { loadGenerated } from './_load';
import { startParleyProcess } from './_parley-process';
import { loadingTargets, runLoading, type LoadingResults } from './_loading-suite';
import { driverArm, generatedIds, httpArm, routes, type Figure, type Route } from './_read';
import {
  historyDir,
  latestFile,
  markdown,
  mergeLoading,
  previous,
  readingTable,
  regressions,
  save,
  writeReadme,
  type Results,
  type Target,
} from './_results';
import { plan, type SizeName } from './generate';
import { runDraw } from './draw';
import { extractionTable, measureExtraction } from './extract';
import { saveDraw } from './draw/report';

const run = promisify(execFile);
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const SIZES = (opt('--sizes') ?? (QUICK ? 'seed,M' : 'seed,M,L')).split(',');
const SECONDS = Number(opt('--seconds') ?? (QUICK ? 1 : 5));
const LOADING_SIZES = (opt('--loading-sizes') ?? (QUICK ? 'S' : 'M,L')).split(',') as SizeName[];
const NAIVE_SECONDS = Number(opt('--naive-seconds') ?? (QUICK ? 3 : 20));
// quick: no neo4j-admin arm (a JVM of its own, half a minute; no target reads it); `--loading-arms` brings it back
const LOADING_ARMS = opt('--loading-arms')?.split(',') ?? (QUICK ? ['parley', 'warm', 'loadcsv', 'naive'] : undefined);
const HEAP = '1g';
const PAGE_CACHE = '512m';
const T0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench +${Math.round((performance.now() - T0) / 1000)} s] ${msg}\n`);

/**
 * The HTTP windows of a data set: 1, 10 and 50 connections; the quick run leaves out 50 on the seed (no target
 * reads the seed: its figures are those of a 32-node graph).
 */
const httpConnections = (size: string) => (QUICK && size === 'seed' ? [1, 10] : [1, 10, 50]);
/** The driver loops: 1 and 10 at a time; the quick run's seed only 10 (the ratio's half; its DB column stays empty). */
const driverConnections = (size: string) => (QUICK && size === 'seed' ? [10] : [1, 10]);

/** Once per route before its windows (not before each): JIT, plans, the server's pool at the most connections. */
async function warmUp(url: string, connections: number) {
  await autocannon({ url, connections, duration: QUICK ? 0.5 : 1 });
}

async function stopChild(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    arch: os.arch(),
    load1: os.loadavg()[0]?.toFixed(2),
  };
}

async function versions() {
  const out: Record<string, string> = {
    node: process.version,
    java: 'unknown',
    chromium: 'unknown',
    webglRenderer: 'unknown',
  };
  try {
    const java = await resolveJavaHome();
    const { stderr } = await run(`${java.javaHome}/bin/java`, ['-version']);
    out.java = stderr.split('\n')[0]?.trim() ?? String(java.version);
  } catch (err) {
    out.java = `not found (${String(err)})`;
  }
  const exe = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
  try {
    out.chromium = (await run(exe, ['--version'])).stdout.trim();
    const browser = await chromium.launch({
      executablePath: exe,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 1 });
      out.webglRenderer = await page.evaluate(() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        if (!gl) return 'no WebGL2';
        const ext = gl.getExtension('WEBGL_debug_renderer_info');
        return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      });
    } finally {
      await browser.close();
    }
  } catch (err) {
    out.chromium += ` (WebGL probe failed: ${String(err).slice(0, 120)})`;
  }
  return out;
}

/** Bytes per node and edge of /api/graph, and the client's work: JSON.parse and a graphology graph. */
async function payload(dataset: string, base: string) {
  const res = await fetch(`${base}/api/graph?limit=5000`);
  const text = await res.text();
  const t0 = performance.now();
  const body = JSON.parse(text) as Subgraph;
  const t1 = performance.now();
  const g = new Graph({ multi: true, type: 'directed' });
  for (const n of body.nodes) g.mergeNode(n.id, { label: n.name, x: 0, y: 0, size: 6 });
  for (const e of body.edges) g.mergeEdgeWithKey(e.id, e.source, e.target, { type: e.type });
  const t2 = performance.now();
  const nodeBytes = Buffer.byteLength(JSON.stringify(body.nodes));
  const edgeBytes = Buffer.byteLength(JSON.stringify(body.edges));
  return {
    data: dataset,
    nodes: body.nodes.length,
    edges: body.edges.length,
    'KiB total': Math.round(Buffer.byteLength(text) / 1024),
    'bytes/node': Math.round(nodeBytes / Math.max(1, body.nodes.length)),
    'bytes/edge': Math.round(edgeBytes / Math.max(1, body.edges.length)),
    'JSON.parse ms': Math.round(t1 - t0),
    'graphology build ms': Math.round(t2 - t1),
  };
}

function targets(figs: Figure[]): Target[] {
  const f = (route: string, arm: Figure['arm'], c: number) =>
    figs.find((x) => x.dataset === 'M' && x.route === route && x.arm === arm && x.connections === c);
  const latency = (what: string, route: string, ms: number): Target => {
    const x = f(route, 'http', 1);
    const p95 = x && typeof x.p95 === 'number' && Number.isFinite(x.p95) ? x.p95 : null;
    return {
      what: `M: ${what} p95 (HTTP, 1 connection)`,
      target: `≤ ${ms} ms`,
      value: p95 === null ? 'not measured' : `${p95} ms`,
      met: p95 === null ? null : p95 <= ms,
      ...(p95 !== null && p95 > ms ? { why: `${(p95 / ms).toFixed(1)}× the target` } : {}),
    };
  };
  const out = [
    latency('search', 'search', 20),
    latency('one-hop expansion (degree ≤ 100)', 'expand (1 hop, degree ≤ 100)', 30),
    latency('two-hop expansion (degree ≤ 100)', 'expand (2 hops, degree ≤ 100)', 60),
    latency('hub page at offset 1000 (degree > 1,000)', 'expand hub page @1000', 30),
    latency('who met whom', 'who met whom', 50),
    latency('path', 'path', 50),
  ];
  for (const route of new Set(figs.filter((x) => x.dataset === 'M' && x.arm === 'driver').map((x) => x.route))) {
    const h = f(route, 'http', 10);
    const d = f(route, 'driver', 10);
    if (!h || !d || h.requests === 0 || d.requests === 0) continue;
    const r = h.rps / Math.max(1, d.rps);
    out.push({
      what: `M: ${route}, API req/s ÷ bare driver req/s (10 at a time)`,
      target: '≥ 0.5',
      value: r.toFixed(2),
      met: r >= 0.5,
      ...(r < 0.5 ? { why: `${(0.5 / r).toFixed(1)}× short` } : {}),
    });
  }
  return out;
}

/** `--readme-only`: the README section (and targets) again from bench/results/run.json, without measuring. */
function readmeOnly() {
  const r = JSON.parse(readFileSync(latestFile, 'utf8')) as Results;
  r.targets = [...targets(r.reading), ...(r.loading ? loadingTargets(r.loading, r.loadingSizes ?? []) : [])];
  writeFileSync(latestFile, JSON.stringify(r, null, 2) + '\n');
  writeReadme(r);
  log(`README rewritten from ${latestFile}`);
}

async function loading(
  onSize?: (r: LoadingResults, done: SizeName[], seconds: number) => void,
): Promise<{ results: LoadingResults; seconds: number } | undefined> {
  if (flag('--no-loading')) return undefined;
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  const r = await runLoading(
    LOADING_SIZES,
    QUICK,
    log,
    NAIVE_SECONDS,
    onSize && ((now, done) => onSize(now, done, seconds())),
    ...(LOADING_ARMS ? [new Set(LOADING_ARMS)] : []),
  );
  return { results: r, seconds: seconds() };
}

/** `--loading-only`: the loading arms now, the reading figures of the last run kept; saved after each size. */
async function loadingOnly() {
  const r = JSON.parse(readFileSync(latestFile, 'utf8')) as Results;
  const m0 = machine();
  const date = new Date().toISOString();
  const last = { ...r };
  // the sizes measured now replace theirs in the last results; the other sizes' figures are kept
  const store = (now: LoadingResults, done: SizeName[], seconds: number) => {
    const run = { date, machine: { ...m0, load1End: machine().load1 }, seconds };
    Object.assign(r, mergeLoading(last, now, done, run));
    delete r.loadingRun;
    r.targets = [...targets(r.reading), ...(r.loading ? loadingTargets(r.loading, r.loadingSizes ?? []) : [])];
    const text = JSON.stringify(r, null, 2) + '\n';
    writeFileSync(latestFile, text);
    writeFileSync(path.join(historyDir, `${date.replace(/[:.]/g, '-')}-loading.json`), text);
    if (!flag('--no-readme')) writeReadme(r);
    log(`loading arms (${done.join(', ')}) saved in ${latestFile}`);
  };
  const l = await loading(store);
  if (l) store(l.results, LOADING_SIZES, l.seconds);
}

/** The extraction arm, or undefined with `--no-extract` (a failure becomes a note). */
async function extraction(notes: string[]): Promise<Results['extraction']> {
  if (flag('--no-extract')) return undefined;
  try {
    log('extraction arm');
    const e = await measureExtraction({ quick: QUICK });
    process.stdout.write(`\n${extractionTable(e.rows)}\n\n${e.summary}\n`);
    return { rows: e.rows, timing: e.timing, summary: e.summary };
  } catch (err) {
    notes.push(`extraction arm: failed (${String(err).slice(0, 200)})`);
    return undefined;
  }
}

/** `--extract-only`: the extraction arm now, the other figures of the last run kept. */
async function extractOnly() {
  const r = JSON.parse(readFileSync(latestFile, 'utf8')) as Results;
  const m0 = machine();
  const e = await extraction(r.notes);
  if (!e) return;
  r.extraction = e;
  r.extractionRun = { date: new Date().toISOString(), machine: m0 };
  writeFileSync(latestFile, JSON.stringify(r, null, 2) + '\n');
  if (!flag('--no-readme')) writeReadme(r);
  log(`extraction arm saved in ${latestFile}`);
}

async function main() {
  if (flag('--readme-only')) return readmeOnly();
  if (flag('--loading-only')) return loadingOnly();
  if (flag('--extract-only')) return extractOnly();
  const t0 = performance.now();
  const m0 = machine();
  log(`${QUICK ? 'quick' : 'full'} run: ${SIZES.join(', ')}; ${SECONDS} s per measurement; load ${m0.load1}`);
  // the browser's versions are probed while the JVM starts
  const [vers, local] = await Promise.all([
    versions(),
    startLocalNeo4j({ port: 0, heap: HEAP, pageCache: PAGE_CACHE }),
  ]);
  const datasets: Results['datasets'] = {};
  const reading: Figure[] = [];
  const payloads: Record<string, unknown>[] = [];
  const notes: string[] = [];
  let started: Started | null = null;
  let child: ChildProcess | null = null;
  const phases: Record<string, number> = { setup: 0 };
  let neo4jVersion = '5.26';
  try {
    const s0 = performance.now();
    started = await startDatabase(loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: local.password }));
    const [ver] = await started.db.query('CALL dbms.components() YIELD versions RETURN versions[0] AS v');
    neo4jVersion = String(ver?.v ?? neo4jVersion);
    // Parley as `npm start` runs it (server/src/index.ts in a process of its own: answers not checked against the
    // contract, the breaker on, one log line per request up to PARLEY_LOG_PER_SECOND), the rate limit lifted
    const parley = await startParleyProcess(local.uri, local.password, { PARLEY_RATE_LIMIT: '1000000000' });
    child = parley.child;
    const base = parley.base;
    // its start plans the import statements in the background (start.ts): measured after that, not during it
    for (const until = performance.now() + 60_000; performance.now() < until;) {
      if (/warm-up/.test(parley.said())) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    log(`Parley started (${parley.said().match(/ready in [\d.]+ s/)?.[0] ?? 'ready'})`);
    phases.setup = (performance.now() - t0) / 1000;
    try {
      for (const size of SIZES) {
        let ids;
        if (size === 'seed') {
          datasets.seed = { nodes: 32, relationships: 61, setupMs: Math.round(performance.now() - s0) };
          ids = {
            person: 'person:sonata-coulter',
            other: 'place:istanbul',
            hub: null,
            search: 'darchiev',
            lucene: toLuceneQuery('darchiev') ?? '',
          };
        } else {
          log(`loading ${size}`);
          const loaded = await loadGenerated(started.db, plan(size as SizeName));
          datasets[size] = { nodes: loaded.nodes, relationships: loaded.relationships, setupMs: loaded.ms };
          ids = await generatedIds(started.db, QUICK);
        }
        for (const route of routes(ids) as Route[]) {
          try {
            await warmUp(base + route.url, Math.max(...httpConnections(size)));
            for (const c of httpConnections(size)) reading.push(await httpArm(size, route, base, c, SECONDS, false));
            if (route.steps.length > 0) {
              for (const c of driverConnections(size))
                reading.push(...(await driverArm(size, route, started.db, c, SECONDS)));
            }
          } catch (err) {
            notes.push(`${size} ${route.name}: the measurement failed (${String(err).slice(0, 160)})`);
            log(`${size} ${route.name}: FAILED ${String(err).slice(0, 200)}`);
          }
          const h = reading.filter((x) => x.dataset === size && x.route === route.name && x.arm === 'http');
          log(`${size} ${route.name}: ${h.map((x) => `${x.rps} req/s @${x.connections}`).join(', ')}`);
        }
        if (size !== 'seed')
          payloads.push(await payload(size, base).catch((err: unknown) => ({ data: size, error: String(err) })));
      }
    } finally {
      await stopChild(child);
    }
  } finally {
    await started?.db.close();
    await local.stop();
  }
  phases.reading = (performance.now() - t0) / 1000 - phases.setup;
  // `--no-draw`, `--no-loading`, `--no-extract`: the figures of the last run that had them are kept, with its date
  const last = existsSync(latestFile) ? (JSON.parse(readFileSync(latestFile, 'utf8')) as Results) : null;
  const lastRun = (run: Results['loadingRun']) =>
    run ?? (last ? { date: last.date, machine: last.machine } : undefined);
  // the drawing arms (bench/draw.ts; `--no-draw` skips them): S in the quick run, S and M in the full one
  let drawing: Results['drawing'] = [];
  let drawingRun: Results['drawingRun'];
  if (!flag('--no-draw')) {
    const d0 = performance.now();
    try {
      const d = await runDraw(
        QUICK
          ? { sizes: ['S'], frames: 12, refreshes: 3, fa2Seconds: 2, readableAt: 'S', readableMaxSeconds: 15 }
          : { sizes: ['S', 'M'], frames: 60, refreshes: 10, fa2Seconds: 5, readableAt: 'M', readableMaxSeconds: 90 },
      );
      saveDraw(d, QUICK, !QUICK && !flag('--no-readme'));
      vers.webglRenderer = d.webglRenderer;
      drawing = [...d.rows, ...d.layout] as unknown as Results['drawing'];
    } catch (err) {
      notes.push(`drawing arms: failed (${String(err).slice(0, 200)})`);
    }
    phases.drawing = (performance.now() - d0) / 1000;
  } else if (last && last.drawing.length > 0) {
    drawing = last.drawing;
    drawingRun = lastRun(last.drawingRun);
    if (vers.webglRenderer === 'unknown') vers.webglRenderer = last.versions.webglRenderer ?? 'unknown';
  }
  const loadStart = machine().load1;
  const load = await loading();
  if (load) phases.loading = load.seconds;
  const e0 = performance.now();
  const extracted = await extraction(notes);
  if (extracted) phases.extraction = (performance.now() - e0) / 1000;
  const keptExtraction = !extracted && flag('--no-extract') && last?.extraction ? last : null;
  const before = previous(QUICK ? 'quick' : 'full');
  const date = new Date().toISOString();
  const results: Results = {
    date,
    mode: QUICK ? 'quick' : 'full',
    seconds: (performance.now() - t0) / 1000,
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
    machine: { ...m0, load1End: machine().load1 },
    versions: vers,
    neo4j: { heap: HEAP, pageCache: PAGE_CACHE, version: neo4jVersion },
    datasets,
    reading,
    payload: payloads,
    drawing,
    ...(drawingRun ? { drawingRun } : {}),
    // the loading sizes measured now, and the other sizes' figures of the last run (with when they were measured)
    ...mergeLoading(last, load?.results, LOADING_SIZES, {
      date,
      machine: { ...m0, load1: loadStart, load1End: machine().load1 },
      ...(load ? { seconds: load.seconds } : {}),
    }),
    ...(extracted ? { extraction: extracted } : {}),
    ...(keptExtraction?.extraction
      ? {
          extraction: keptExtraction.extraction,
          ...(lastRun(keptExtraction.extractionRun) ? { extractionRun: lastRun(keptExtraction.extractionRun)! } : {}),
        }
      : {}),
    targets: [],
    regressions: before ? regressions(reading, before.reading) : [],
    notes: [
      ...notes,
      'HTTP arms: Parley as `npm start` runs it (server/src/index.ts in a process of its own: answers not checked against the contract, the breaker on, request log at info to stdout), rate limit lifted, autocannon in the bench process on loopback; every figure shares the two cores with Neo4j and the load generator.',
      'Driver arms: the Cypher the repositories run for the route, in order, one auto-commit session per request naming the database, in the bench process; records are not converted.',
      'Drawing arms (Parley vs bare sigma vs Cytoscape.js in headless Chromium): bench/results/draw.json (draw-quick.json for --quick) and the README block below this one.',
    ],
  };
  results.targets = [
    ...targets(reading),
    ...(results.loading ? loadingTargets(results.loading, results.loadingSizes ?? []) : []),
  ];
  const file = save(results);
  process.stdout.write(`\n${readingTable(reading)}\n\n${markdown(results).split('**Targets**')[1] ?? ''}\n`);
  if (!flag('--no-readme')) writeReadme(results);
  log(`saved ${file}; ${Math.round(results.seconds)} s in all`);
  for (const r of results.regressions) log(`SLOWER: ${r}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
