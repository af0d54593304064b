/**
 * `npm run bench` (full: seed, M and L) and `npm run bench -- --quick` (seed and M, shorter windows; under five
 * minutes on two cores). Starts its own temporary Neo4j with an explicit heap and page cache, loads the seed and
 * the generated data sets (bench/generate.ts), runs the reading arms (bench/_read.ts) and the payload figures,
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
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Graph from 'graphology';
import { chromium } from 'playwright-core';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { resolveJavaHome, startLocalNeo4j } from '../server/src/neo4j/local';
import { toLuceneQuery } from '../server/src/repositories/search';
import { startDatabase, type Started } from '../server/src/start';
import type { Subgraph } from '../contract';
import { loadGenerated } from './_load';
import { loadingTargets, runLoading, type LoadingResults } from './_loading-suite';
import { driverArm, generatedIds, httpArm, routes, type Figure, type Route } from './_read';
import {
  historyDir,
  latestFile,
  markdown,
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
const NAIVE_SECONDS = Number(opt('--naive-seconds') ?? (QUICK ? 5 : 20));
const LOADING_ARMS = opt('--loading-arms')?.split(',');
const HEAP = '1g';
const PAGE_CACHE = '512m';
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

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
    latency('hub page at offset 1000 (degree > 1,000)', 'expand hub page @1000', 30),
    latency('who met whom', 'who met whom', 50),
    latency('path', 'path', 50),
    {
      what: 'M: two-hop expansion p95',
      target: '≤ 60 ms',
      value: 'not measured',
      met: null,
      why: 'no two-hop route: the client expands twice',
    },
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

async function loading(onSize?: (r: LoadingResults, done: SizeName[]) => void): Promise<LoadingResults | undefined> {
  if (flag('--no-loading')) return undefined;
  const t0 = performance.now();
  const r = await runLoading(
    LOADING_SIZES,
    QUICK,
    log,
    NAIVE_SECONDS,
    onSize,
    ...(LOADING_ARMS ? [new Set(LOADING_ARMS)] : []),
  );
  r.notes.push(`The loading arms took ${Math.round((performance.now() - t0) / 1000)} s.`);
  return r;
}

/** `--loading-only`: the loading arms now, the reading figures of the last run kept; saved after each size. */
async function loadingOnly() {
  const r = JSON.parse(readFileSync(latestFile, 'utf8')) as Results;
  const m0 = machine();
  const date = new Date().toISOString();
  // the sizes measured now replace theirs in the last results; the other sizes' figures are kept
  const kept = r.loading;
  const keptSizes = (r.loadingSizes ?? []).filter((x) => !LOADING_SIZES.includes(x as SizeName));
  const store = (now: LoadingResults, done: SizeName[]) => {
    const l: LoadingResults = {
      figures: [...(kept?.figures.filter((f) => keptSizes.includes(f.data)) ?? []), ...now.figures],
      probes: [...(kept?.probes.filter((p) => keptSizes.includes(p.data)) ?? []), ...now.probes],
      runs: {
        ...Object.fromEntries(Object.entries(kept?.runs ?? {}).filter(([k]) => keptSizes.includes(k.split(' ')[0]!))),
        ...now.runs,
      },
      notes: [...(kept?.notes ?? []), ...now.notes],
    };
    done = [...(keptSizes as SizeName[]), ...done];
    r.loading = l;
    r.loadingSizes = done;
    r.loadingRun = { date, machine: { ...m0, load1End: machine().load1 } };
    r.targets = [...targets(r.reading), ...loadingTargets(l, done)];
    const text = JSON.stringify(r, null, 2) + '\n';
    writeFileSync(latestFile, text);
    writeFileSync(path.join(historyDir, `${date.replace(/[:.]/g, '-')}-loading.json`), text);
    if (!flag('--no-readme')) writeReadme(r);
    log(`loading arms (${done.join(', ')}) saved in ${latestFile}`);
  };
  const l = await loading(store);
  if (l) store(l, LOADING_SIZES);
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
  const vers = await versions();
  const local = await startLocalNeo4j({ port: 0, heap: HEAP, pageCache: PAGE_CACHE });
  const datasets: Results['datasets'] = {};
  const reading: Figure[] = [];
  const payloads: Record<string, unknown>[] = [];
  const notes: string[] = [];
  let started: Started | null = null;
  let neo4jVersion = '5.26';
  try {
    const s0 = performance.now();
    started = await startDatabase(loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: local.password }));
    const [ver] = await started.db.query('CALL dbms.components() YIELD versions RETURN versions[0] AS v');
    neo4jVersion = String(ver?.v ?? neo4jVersion);
    const app = await buildApp({
      config: { ...loadConfig({}), PARLEY_RATE_LIMIT: 100_000_000 },
      repos: started.repos,
      staticDir: null,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
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
            for (const c of [1, 10, 50]) reading.push(await httpArm(size, route, base, c, SECONDS));
            if (route.steps.length > 0) {
              for (const c of [1, 10]) reading.push(...(await driverArm(size, route, started.db, c, SECONDS)));
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
      await app.close();
    }
  } finally {
    await started?.db.close();
    await local.stop();
  }
  // the drawing arms (bench/draw.ts; `--no-draw` skips them): S in the quick run, S and M in the full one
  let drawing: Results['drawing'] = [];
  if (!flag('--no-draw')) {
    try {
      const d = await runDraw(
        QUICK
          ? { sizes: ['S'], frames: 20, refreshes: 4, fa2Seconds: 2, readableAt: 'S', readableMaxSeconds: 15 }
          : { sizes: ['S', 'M'], frames: 60, refreshes: 10, fa2Seconds: 5, readableAt: 'M', readableMaxSeconds: 90 },
      );
      saveDraw(d, QUICK, !QUICK && !flag('--no-readme'));
      vers.webglRenderer = d.webglRenderer;
      drawing = [...d.rows, ...d.layout] as unknown as Results['drawing'];
    } catch (err) {
      notes.push(`drawing arms: failed (${String(err).slice(0, 200)})`);
    }
  }
  const load = await loading();
  const extracted = await extraction(notes);
  const before = previous(QUICK ? 'quick' : 'full');
  const results: Results = {
    date: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    seconds: (performance.now() - t0) / 1000,
    machine: { ...m0, load1End: machine().load1 },
    versions: vers,
    neo4j: { heap: HEAP, pageCache: PAGE_CACHE, version: neo4jVersion },
    datasets,
    reading,
    payload: payloads,
    drawing,
    ...(load ? { loading: load, loadingSizes: LOADING_SIZES } : {}),
    ...(extracted ? { extraction: extracted } : {}),
    targets: [...targets(reading), ...(load ? loadingTargets(load, LOADING_SIZES) : [])],
    regressions: before ? regressions(reading, before.reading) : [],
    notes: [
      ...notes,
      'HTTP arms: Parley built with buildApp (no request log, rate limit lifted), autocannon on loopback; every figure shares the two cores with Neo4j and the load generator.',
      'Driver arms: the Cypher the repositories run for the route, in order, one auto-commit session per request naming the database; records are not converted.',
      'Drawing arms (Parley vs bare sigma vs Cytoscape.js in headless Chromium): bench/results/draw.json (draw-quick.json for --quick) and the README block below this one.',
    ],
  };
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
