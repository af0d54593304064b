/**
 * `npm run bench:draw` (S and M; `--quick`: S only, under two minutes; `--sizes S,M,L`): the drawing arms of
 * issue 13 in headless Chromium (playwright-core driving /usr/bin/chromium, never a downloaded browser), with a
 * fixed viewport of 1280×800 at pixel ratio 1 and fixed positions from the seeded generator (bench/draw/data.ts):
 *
 * - Parley: the explorer's drawing path (SigmaContainer + DataController + ReducersController, its settings);
 * - bare sigma v3 with the same graph, settings, colours and sizes, no React and no reducers;
 * - Cytoscape.js with the same graph and positions (preset layout), canvas renderer.
 *
 * Each figure ends with one pixel read back from every canvas, so the GPU work is done when the clock stops.
 * Measured: time to the first picture (from the parsed data), frame time of a scripted pan/zoom (each frame
 * rendered synchronously), time to the next picture after every node moved, and the tab's JS heap after a
 * forced GC; ForceAtlas2 iterations per second, synchronous against the worker, and the worker's time to a
 * readable layout. Writes bench/results/draw.json and the README's drawing block (between `draw:start` and
 * `draw:end`). `runDraw()` is what `npm run bench` calls.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { drawData } from './draw/data';
import { drawMarkdown, saveDraw, type DrawResults, type DrawRow } from './draw/report';
import type { SizeName } from './generate';

const here = path.dirname(fileURLToPath(import.meta.url));
const log = (msg: string) => process.stderr.write(`[bench:draw] ${msg}\n`);
export const ARMS = ['parley', 'sigma', 'sigma, with edge picking', 'cytoscape'] as const;
export type Arm = (typeof ARMS)[number];

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

/** The arms: a name, its page. */
export const ARM_PAGES: Record<Arm, string> = {
  parley: 'parley.html',
  sigma: 'sigma.html',
  'sigma, with edge picking': 'sigma.html?edgeEvents=1',
  cytoscape: 'cytoscape.html',
};

async function openArm(browser: Browser, base: string, arm: Arm): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(900_000);
  page.on('pageerror', (err) => log(`${arm}: page error ${err.message}`));
  await page.goto(`${base}/${ARM_PAGES[arm]}`);
  await page.waitForFunction(() => window.__draw?.ready === true);
  return page;
}

/**
 * Every arm at one size, each on its own page, interleaved so that the machine's changing load falls on all arms
 * alike: first pictures one after the other, then rounds of a few pan/zoom frames and one refresh per arm.
 */
async function measureSize(
  browser: Browser,
  base: string,
  size: string,
  frames: number,
  refreshes: number,
  arms: readonly Arm[] = ARMS,
) {
  const pages = new Map<Arm, Page>();
  const rows: DrawRow[] = [];
  const notes: string[] = [];
  let renderer = 'unknown';
  const acc = new Map<
    Arm,
    { first: number; js: number[]; total: number[]; refresh: number[]; refreshJs: number[]; heap0: number }
  >();
  try {
    for (const arm of arms) {
      const page = await openArm(browser, base, arm);
      pages.set(arm, page);
      const counts = await page.evaluate((s) => window.__draw!.load(s), size);
      const heap0 = await page.evaluate(() => window.__draw!.heapMB());
      await page.bringToFront();
      const first = await page.evaluate(() => window.__draw!.first());
      log(`${size} ${arm}: first picture ${r1(first)} ms (${counts.nodes} nodes, ${counts.edges} edges)`);
      acc.set(arm, { first, js: [], total: [], refresh: [], refreshJs: [], heap0 });
      renderer = await page.evaluate(() => window.__draw!.renderer());
      // warm-up: JIT and shader compilation
      await page.evaluate(() => window.__draw!.panZoom(2, 0, 40));
    }
    const rounds = Math.max(refreshes, Math.ceil(frames / 5));
    const per = Math.max(1, Math.round(frames / rounds));
    for (let r = 0; r < rounds; r++) {
      for (const arm of arms) {
        const page = pages.get(arm)!;
        const a = acc.get(arm)!;
        await page.bringToFront();
        if (a.total.length < frames) {
          const f = await page.evaluate(([n, st, of]) => window.__draw!.panZoom(n, st, of), [
            per,
            a.total.length,
            frames,
          ] as const);
          a.js.push(...f.js);
          a.total.push(...f.total);
        }
        if (a.refresh.length < refreshes) {
          const f = await page.evaluate(() => window.__draw!.refresh(1));
          a.refresh.push(...f.total);
          a.refreshJs.push(...f.js);
        }
      }
      log(`${size}: round ${r + 1} of ${rounds}`);
    }
    for (const arm of arms) {
      const page = pages.get(arm)!;
      const a = acc.get(arm)!;
      const heap = await page.evaluate(() => window.__draw!.heapMB());
      rows.push({
        size,
        arm,
        nodes: 0,
        edges: 0,
        firstMs: r1(a.first),
        panZoomJsMedianMs: r1(median(a.js)),
        panZoomMedianMs: r1(median(a.total)),
        panZoomP95Ms: r1(p95(a.total)),
        refreshJsMedianMs: r1(median(a.refreshJs)),
        refreshMedianMs: r1(median(a.refresh)),
        refreshP95Ms: r1(p95(a.refresh)),
        frames: a.total.length,
        refreshes: a.refresh.length,
        heapMB: r1(heap - a.heap0),
      });
    }
  } catch (err) {
    notes.push(`${size}: failed (${String(err).slice(0, 200)})`);
    log(`${size}: FAILED ${String(err).slice(0, 300)}`);
  } finally {
    for (const p of pages.values()) await p.close();
  }
  return { rows, renderer, notes };
}

export interface DrawOptions {
  sizes: SizeName[];
  /** pan/zoom frames per arm */
  frames?: number;
  refreshes?: number;
  /** seconds of each ForceAtlas2 rate measurement */
  fa2Seconds?: number;
  /** the size at which the time to a readable layout is measured (null: none) */
  readableAt?: SizeName | null;
  readableMaxSeconds?: number;
  /** a subset of the arms (default: all) */
  arms?: readonly Arm[];
  /** skip the ForceAtlas2 measurements */
  noLayout?: boolean;
}

export async function runDraw(opts: DrawOptions): Promise<DrawResults> {
  const t0 = performance.now();
  const load0 = os.loadavg()[0]!;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-draw-'));
  const out = path.join(tmp, 'pages');
  const dataDir = path.join(tmp, 'data');
  const frames = opts.frames ?? 60;
  const refreshes = opts.refreshes ?? 10;
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
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  const rows: DrawRow[] = [];
  const layout: DrawResults['layout'] = [];
  const notes: string[] = [];
  let renderer = 'unknown';
  try {
    for (const size of opts.sizes) {
      // software WebGL (SwiftShader) takes seconds per frame from M up: fewer frames there, same script
      const big = size !== 'S';
      const m = await measureSize(
        browser,
        base,
        size,
        big ? Math.max(10, Math.round(frames / 4)) : frames,
        big && refreshes > 0 ? Math.max(3, Math.round(refreshes / 2)) : refreshes,
        opts.arms ?? ARMS,
      );
      const counts = drawCounts.get(size)!;
      for (const row of m.rows) rows.push({ ...row, nodes: counts.nodes, edges: counts.edges });
      renderer = m.renderer;
      notes.push(...m.notes);
      if (size === 'L' || opts.noLayout) continue; // FA2 at L: see the README (minutes per readable layout)
      const page = await openArm(browser, base, 'sigma');
      await page.bringToFront();
      try {
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
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const chromiumVersion = browser.version();
  return {
    date: new Date().toISOString(),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      load1Start: Math.round(load0 * 100) / 100,
      load1End: Math.round(os.loadavg()[0]! * 100) / 100,
    },
    chromium: chromiumVersion,
    webglRenderer: renderer,
    viewport: '1280×800, deviceScaleFactor 1',
    frames,
    refreshes,
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
  const arms = opt('--arms')?.split(',') as Arm[] | undefined;
  const tag = opt('--tag');
  const results = await runDraw({
    sizes,
    ...(arms ? { arms } : {}),
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
