/**
 * `npm run bench:draw` (S and M; `--quick`: S only, under two minutes; `--sizes S,M,L`): the drawing arms of
 * issue 13 in headless Chromium (playwright-core driving /usr/bin/chromium, never a downloaded browser), with a
 * fixed viewport of 1280×800 at pixel ratio 1 and fixed positions from the seeded generator (bench/draw/data.ts):
 *
 * - Parley: the explorer's drawing path (SigmaContainer + DataController + ReducersController, its settings, and
 *   its label placer: SIGMA_SETTINGS' label drawing plus `avoidNodes`, as GraphCanvas sets them);
 * - bare sigma v3 with the same graph, settings, colours and sizes, no React and no reducers;
 * - Cytoscape.js with the same graph and positions (preset layout), canvas renderer.
 *
 * Each figure ends with one pixel read back from every canvas, so the GPU work is done when the clock stops.
 * Measured: time to the first picture (from the parsed data), frame time of a scripted pan/zoom (each frame
 * rendered synchronously), time to the next picture after every node moved, and the tab's JS heap after a
 * forced GC; ForceAtlas2 iterations per second, synchronous against the worker, and the worker's time to a
 * readable layout. Per size (`sizePlan`): S the given frames and refreshes; M a quarter and half of them; L 5 frames,
 * 2 refreshes, no edge-picking arm and a time cap of 360 s per arm (bench/draw/measure.ts: an arm that runs out
 * of time stops and its row says so). Writes bench/results/draw.json and the README's drawing block (between
 * `draw:start` and `draw:end`); `--tag x` writes bench/results/draw-x.json only. `runDraw()` is what
 * `npm run bench` calls.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { drawData } from './draw/data';
import { ARMS, EXTRA_ARMS, measureSize, type Arm, type SizePlan } from './draw/measure';
import { drawMarkdown, saveDraw, type DrawResults, type DrawRow } from './draw/report';
import type { SizeName } from './generate';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench:draw] ${msg}\n`);
export { ARMS, EXTRA_ARMS, type Arm } from './draw/measure';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  '--enable-unsafe-swiftshader',
];

function serve(root: string, dataDir: string): Promise<{ server: Server; base: string }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = url.pathname.startsWith('/data/') ? null : path.normalize(url.pathname).replace(/^([/\\])+/, '');
    const file = rel === null ? path.join(dataDir, path.basename(url.pathname)) : path.join(root, rel);
    if (!file.startsWith(rel === null ? dataDir : root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': file.endsWith('.json') ? 'application/json' : (types[path.extname(file)] ?? 'text/plain'),
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

export interface DrawOptions {
  sizes: SizeName[];
  /** pan/zoom frames per arm at S (M: a quarter, at least 10) */
  frames?: number;
  /** refreshes per arm at S (M: half, at least 3) */
  refreshes?: number;
  /** pan/zoom frames and refreshes per arm at L and above (default 5 and 2) */
  largeFrames?: number;
  largeRefreshes?: number;
  /** seconds each arm may spend at one size (default: none at S and M, 360 at L and above) */
  capSeconds?: number;
  /** seconds of each ForceAtlas2 rate measurement */
  fa2Seconds?: number;
  /** the size at which the time to a readable layout is measured (null: none) */
  readableAt?: SizeName | null;
  readableMaxSeconds?: number;
  /** a subset of the arms (default: all of ARMS; at L and above, all but the edge-picking arm) */
  arms?: readonly Arm[];
  /** skip the ForceAtlas2 measurements */
  noLayout?: boolean;
}

/**
 * What each size runs. Software WebGL (SwiftShader) takes seconds per frame from M up: fewer frames there, same
 * script. At L a frame takes tens of seconds and Cytoscape.js may not finish its first picture: 5 frames and 2
 * refreshes, one warm-up frame, the arms of the targets only, and a time cap per arm.
 */
export function sizePlan(size: SizeName, opts: DrawOptions): SizePlan {
  const frames = opts.frames ?? 60;
  const refreshes = opts.refreshes ?? 10;
  const cap = opts.capSeconds ?? null;
  if (size === 'S') return { frames, refreshes, warmUp: 2, capSeconds: cap, arms: opts.arms ?? ARMS };
  if (size === 'M')
    return {
      frames: Math.max(10, Math.round(frames / 4)),
      refreshes: refreshes > 0 ? Math.max(3, Math.round(refreshes / 2)) : 0,
      warmUp: 2,
      capSeconds: cap,
      arms: opts.arms ?? ARMS,
    };
  return {
    frames: opts.largeFrames ?? 5,
    refreshes: opts.largeRefreshes ?? 2,
    warmUp: 1,
    capSeconds: opts.capSeconds ?? 360,
    arms: opts.arms ?? ARMS.filter((a) => a !== 'sigma, with edge picking'),
  };
}

export async function runDraw(opts: DrawOptions): Promise<DrawResults> {
  const t0 = performance.now();
  const load0 = os.loadavg()[0]!;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-draw-'));
  const out = path.join(tmp, 'pages');
  const dataDir = path.join(tmp, 'data');
  const frames = opts.frames ?? 60;
  const refreshes = opts.refreshes ?? 10;
  // the load average through the run (every 30 s): on these shared machines it says how far to trust the times
  const loads: number[] = [load0];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 30_000);
  sampler.unref(); // a failure before the run's `finally` (the page build) must not keep the process alive
  const plans: Record<string, SizePlan> = {};
  log(`building the pages; load ${load0.toFixed(1)}`);
  await build({ configFile: path.join(here, 'draw', 'vite.config.ts'), build: { outDir: out }, logLevel: 'warn' });
  mkdirSync(dataDir);
  const drawCounts = new Map<string, { nodes: number; edges: number }>();
  for (const size of opts.sizes) {
    const g0 = performance.now();
    const d = drawData(size);
    drawCounts.set(size, { nodes: d.nodes.length, edges: d.edges.length });
    writeFileSync(path.join(dataDir, `${size}.json`), JSON.stringify(d));
    log(`generated ${size} in ${Math.round(performance.now() - g0)} ms`);
  }
  const { server, base } = await serve(out, dataDir);
  const exe = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
  const launch = () => chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  let chromiumVersion = 'unknown';
  const rows: DrawRow[] = [];
  const layout: DrawResults['layout'] = [];
  const notes: string[] = [];
  let renderer = 'unknown';
  try {
    for (const size of opts.sizes) {
      const sp = sizePlan(size, opts);
      plans[size] = sp;
      log(
        `${size}: ${sp.frames} frames, ${sp.refreshes} refreshes, cap ${sp.capSeconds === null ? 'none' : `${sp.capSeconds} s`}, ${sp.arms.join(' / ')}`,
      );
      const m = await measureSize(launch, base, size, sp, log);
      const counts = drawCounts.get(size)!;
      for (const row of m.rows) rows.push({ ...row, nodes: counts.nodes, edges: counts.edges });
      if (m.renderer !== 'unknown') renderer = m.renderer;
      notes.push(...m.notes);
      if (size === 'L' || size === 'XL' || opts.noLayout) continue; // FA2 at L: see the README (minutes per readable layout)
      const browser = await launch();
      chromiumVersion = browser.version();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      page.setDefaultTimeout(900_000);
      try {
        await page.goto(`${base}/sigma.html`);
        await page.waitForFunction(() => window.__draw?.ready === true);
        await page.evaluate((s) => window.__draw!.load(s), size);
        const rates = await page.evaluate(
          async ([s, secs]) => {
            const d = (await (await fetch(`/data/${s}.json`)).json()) as never;
            const f = window.__draw!.extra!['fa2Rates'] as unknown as (d: never, s: number) => Promise<unknown>;
            return f(d, secs);
          },
          [size, opts.fa2Seconds ?? 5] as const,
        );
        const entry: DrawResults['layout'][number] = { size, ...(rates as object) } as never;
        if (opts.readableAt === size) {
          const readable = await page.evaluate(
            async ([s, max]) => {
              const d = (await (await fetch(`/data/${s}.json`)).json()) as never;
              const f = window.__draw!.extra!['fa2Readable'] as unknown as (d: never, m: number) => Promise<unknown>;
              return f(d, max);
            },
            [size, opts.readableMaxSeconds ?? 120] as const,
          );
          Object.assign(entry, readable as object);
        }
        layout.push(entry);
        log(`${size} ForceAtlas2: ${JSON.stringify(entry)}`);
      } catch (err) {
        notes.push(`${size} ForceAtlas2: failed (${String(err).slice(0, 200)})`);
      } finally {
        await browser.close();
      }
    }
    if (chromiumVersion === 'unknown') {
      const b = await launch();
      chromiumVersion = b.version();
      await b.close();
    }
  } finally {
    clearInterval(sampler);
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  loads.push(os.loadavg()[0]!);
  const sorted = [...loads].sort((a, b) => a - b);
  const l2 = (v: number) => Math.round(v * 100) / 100;
  return {
    date: new Date().toISOString(),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      load1Start: Math.round(load0 * 100) / 100,
      load1End: Math.round(os.loadavg()[0]! * 100) / 100,
      load1During: {
        min: l2(sorted[0]!),
        median: l2(sorted[Math.floor(sorted.length / 2)]!),
        max: l2(sorted[sorted.length - 1]!),
        samples: loads.length,
      },
    },
    chromium: chromiumVersion,
    webglRenderer: renderer,
    viewport: '1280×800, deviceScaleFactor 1',
    frames,
    refreshes,
    plans,
    rows,
    layout,
    notes,
  };
}

async function main(argv: string[]) {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--readme-only')) {
    const { readFileSync } = await import('node:fs');
    const { writeDrawReadme } = await import('./draw/report');
    writeDrawReadme(JSON.parse(readFileSync(path.join(here, 'results', 'draw.json'), 'utf8')) as DrawResults);
    log('README drawing block rewritten from bench/results/draw.json');
    return;
  }
  const quick = argv.includes('--quick');
  const sizes = (opt('--sizes') ?? (quick ? 'S' : 'S,M')).split(',') as SizeName[];
  // arm names hold ", " ("sigma, with edge picking"): arms are separated by a comma with no space after it
  const arms = opt('--arms')?.split(/,(?! )/) as Arm[] | undefined;
  const known: readonly string[] = [...ARMS, ...EXTRA_ARMS];
  for (const a of arms ?? [])
    if (!known.includes(a)) throw new Error(`unknown arm ${JSON.stringify(a)}: ${known.join(' / ')}`);
  // an L-only run is a side run of its own (bench/results/draw-l.json), never the S and M figures of draw.json
  const tag = opt('--tag') ?? (sizes.every((s) => s === 'L' || s === 'XL') ? sizes.join('-').toLowerCase() : undefined);
  const num = (name: string) => (opt(name) === undefined ? undefined : Number(opt(name)));
  const large = { largeFrames: num('--frames-l'), largeRefreshes: num('--refreshes-l'), capSeconds: num('--cap-s') };
  const results = await runDraw({
    sizes,
    ...(arms ? { arms } : {}),
    ...Object.fromEntries(Object.entries(large).filter(([, v]) => v !== undefined)),
    noLayout: argv.includes('--no-layout'),
    frames: Number(opt('--frames') ?? (quick ? 20 : 60)),
    refreshes: Number(opt('--refreshes') ?? (quick ? 4 : 10)),
    fa2Seconds: quick ? 2 : 5,
    readableAt: quick ? 'S' : sizes.includes('M') ? 'M' : null,
    readableMaxSeconds: quick ? 15 : 90,
  });
  // `--tag x`: a side run (bench/results/draw-x.json, README untouched), e.g. one change checked on two arms
  const file = tag ? saveDraw(results, true, false, tag) : saveDraw(results, quick);
  process.stdout.write(`\n${drawMarkdown(results)}\n`);
  log(`saved ${file}; ${results.seconds} s in all`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
