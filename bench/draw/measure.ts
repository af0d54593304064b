/**
 * One size of the drawing benchmark (bench/draw.ts): every arm in a browser of its own (so an arm that runs out of
 * time can be stopped by closing its browser, which ends its renderer and GPU processes, and no arm's memory or
 * GPU process is shared with another's), interleaved so that the machine's changing load falls on all arms alike:
 * first pictures one after the other, then rounds of a few pan/zoom frames and one refresh per arm.
 *
 * A time cap (`capSeconds`, none at S and M, 360 s at L by default) bounds each arm's own time at the size (its
 * data loaded into the tab, first picture, warm-up, frames and refreshes): once it is spent the arm stops, its
 * browser is closed, and its row keeps what it measured, with `gaveUpAfterS` and where it stopped. An arm that
 * never drew its first picture gets `firstOverS` (the first picture took longer than that), and the JS heap of a
 * stopped arm is the one read after its first picture and warm-up (its tab is gone by the end).
 */
import type { Browser, Page } from 'playwright-core';
import type { DrawRow } from './report';

export const ARMS = ['parley', 'sigma', 'sigma, with edge picking', 'cytoscape'] as const;
/**
 * Arms run only when asked for (`--arms`): bare sigma with sigma's own label drawing instead of Parley's label
 * placer (client/src/graph/labels.ts, which the other sigma arms share through SIGMA_SETTINGS), to show what the
 * placer costs per frame.
 */
export const EXTRA_ARMS = ['sigma, its own labels'] as const;
export type Arm = (typeof ARMS)[number] | (typeof EXTRA_ARMS)[number];

/** The arms: a name, its page. */
export const ARM_PAGES: Record<Arm, string> = {
  parley: 'parley.html',
  sigma: 'sigma.html',
  'sigma, with edge picking': 'sigma.html?edgeEvents=1',
  'sigma, its own labels': 'sigma.html?labels=sigma',
  cytoscape: 'cytoscape.html',
};

export interface SizePlan {
  frames: number;
  refreshes: number;
  /** pan/zoom frames of warm-up (JIT, shaders) after the first picture */
  warmUp: number;
  /** seconds each arm may spend at this size (null: no cap) */
  capSeconds: number | null;
  arms: readonly Arm[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};
export const r1 = (x: number) => Math.round(x * 10) / 10;

interface ArmRun {
  arm: Arm;
  browser: Browser | null;
  page: Page | null;
  spentMs: number;
  /** what the arm was doing when it stopped (time cap or failure); null while it runs */
  stopped: string | null;
  first: number;
  firstOverS?: number;
  js: number[];
  total: number[];
  refresh: number[];
  refreshJs: number[];
  heap0: number;
  /** the heap after the first picture and the warm-up: the figure of an arm stopped later, whose tab is gone */
  heapDrawn: number;
}

const TIMEOUT = Symbol('timeout');

export async function measureSize(
  launch: () => Promise<Browser>,
  base: string,
  size: string,
  plan: SizePlan,
  log: (msg: string) => void,
): Promise<{ rows: DrawRow[]; renderer: string; notes: string[] }> {
  const rows: DrawRow[] = [];
  const notes: string[] = [];
  let renderer = 'unknown';
  const runs: ArmRun[] = [];
  const capMs = plan.capSeconds === null ? Infinity : plan.capSeconds * 1000;

  const stop = async (a: ArmRun, why: string) => {
    a.stopped = why;
    const b = a.browser;
    a.browser = null;
    a.page = null;
    if (b) await b.close().catch(() => {});
  };
  /** One step of an arm within its time cap; undefined when the arm has stopped (now or before). */
  const step = async <T>(a: ArmRun, what: string, f: (page: Page) => Promise<T>): Promise<T | undefined> => {
    if (a.stopped !== null || !a.page) return undefined;
    const left = capMs - a.spentMs;
    if (left <= 0) {
      await stop(a, `time cap before ${what}`);
      return undefined;
    }
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const work = f(a.page);
    work.catch(() => {}); // after a time-out the browser is closed under it
    try {
      const r = await Promise.race([
        work,
        new Promise<typeof TIMEOUT>((resolve) => {
          if (Number.isFinite(left)) timer = setTimeout(() => resolve(TIMEOUT), left);
        }),
      ]);
      a.spentMs += performance.now() - t0;
      if (r === TIMEOUT) {
        log(`${size} ${a.arm}: gave up after ${Math.round(a.spentMs / 1000)} s, during ${what}`);
        await stop(a, `time cap during ${what}`);
        return undefined;
      }
      return r;
    } catch (err) {
      a.spentMs += performance.now() - t0;
      log(`${size} ${a.arm}: FAILED during ${what}: ${String(err).slice(0, 300)}`);
      await stop(a, `failed during ${what} (${String(err).slice(0, 160)})`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    for (const arm of plan.arms) {
      const a: ArmRun = {
        arm,
        browser: null,
        page: null,
        spentMs: 0,
        stopped: null,
        first: NaN,
        js: [],
        total: [],
        refresh: [],
        refreshJs: [],
        heap0: NaN,
        heapDrawn: NaN,
      };
      runs.push(a);
      const t0 = performance.now();
      try {
        a.browser = await launch();
        const page = await a.browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
        page.setDefaultTimeout(3_600_000);
        page.on('pageerror', (err) => log(`${arm}: page error ${err.message}`));
        await page.goto(`${base}/${ARM_PAGES[arm]}`);
        await page.waitForFunction(() => window.__draw?.ready === true);
        a.page = page;
      } catch (err) {
        await stop(a, `failed to open (${String(err).slice(0, 160)})`);
        continue;
      } finally {
        a.spentMs += performance.now() - t0;
      }
      const counts = await step(a, 'loading the data', (p) => p.evaluate((s) => window.__draw!.load(s), size));
      if (!counts) continue;
      a.heap0 = (await step(a, 'reading the heap', (p) => p.evaluate(() => window.__draw!.heapMB()))) ?? NaN;
      await a.page?.bringToFront();
      const before = a.spentMs;
      const first = await step(a, 'the first picture', (p) => p.evaluate(() => window.__draw!.first()));
      if (first === undefined) {
        if (a.stopped?.startsWith('time cap')) a.firstOverS = Math.round((capMs - before) / 1000);
        continue;
      }
      a.first = first;
      log(`${size} ${arm}: first picture ${r1(first)} ms (${counts.nodes} nodes, ${counts.edges} edges)`);
      // within the cap too: a page still busy drawing (Cytoscape.js at L) answers only when it is done
      renderer =
        (await step(a, 'reading the renderer', (p) => p.evaluate(() => window.__draw!.renderer()))) ?? renderer;
      await step(a, 'the warm-up', (p) => p.evaluate((n) => window.__draw!.panZoom(n, 0, 40), plan.warmUp));
      a.heapDrawn = (await step(a, 'reading the heap', (p) => p.evaluate(() => window.__draw!.heapMB()))) ?? NaN;
    }
    const rounds = Math.max(plan.refreshes, Math.ceil(plan.frames / 5));
    const per = Math.max(1, Math.round(plan.frames / rounds));
    for (let r = 0; r < rounds; r++) {
      for (const a of runs) {
        if (a.stopped !== null) continue;
        await a.page?.bringToFront();
        const n = Math.min(per, plan.frames - a.total.length);
        if (n > 0) {
          const f = await step(a, 'the pan/zoom frames', (p) =>
            p.evaluate(([k, st, of]) => window.__draw!.panZoom(k, st, of), [n, a.total.length, plan.frames] as const),
          );
          if (f) {
            a.js.push(...f.js);
            a.total.push(...f.total);
          }
        }
        if (a.refresh.length < plan.refreshes) {
          const f = await step(a, 'the refreshes', (p) => p.evaluate(() => window.__draw!.refresh(1)));
          if (f) {
            a.refresh.push(...f.total);
            a.refreshJs.push(...f.js);
          }
        }
      }
      log(`${size}: round ${r + 1} of ${rounds}`);
    }
    for (const a of runs) {
      // the heap is read whatever the cap (it is not a figure the cap bounds)
      const heap = a.page ? await a.page.evaluate(() => window.__draw!.heapMB()).catch(() => NaN) : a.heapDrawn;
      const row: DrawRow = {
        size,
        arm: a.arm,
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
      };
      if (a.stopped !== null) {
        row.gaveUpAfterS = Math.round(a.spentMs / 1000);
        row.stopped = a.stopped;
        if (a.firstOverS !== undefined) row.firstOverS = a.firstOverS;
        notes.push(
          `${size} ${a.arm}: stopped after ${row.gaveUpAfterS} s (${a.stopped}); measured: ` +
            (Number.isFinite(a.first) ? `first picture ${Math.round(a.first)} ms, ` : 'no first picture, ') +
            `${a.total.length} of ${plan.frames} pan/zoom frames, ${a.refresh.length} of ${plan.refreshes} refreshes`,
        );
      }
      rows.push(row);
    }
  } finally {
    for (const a of runs) if (a.browser) await a.browser.close().catch(() => {});
  }
  return { rows, renderer, notes };
}
