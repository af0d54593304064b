/**
 * `npm run bench:explore` (issue 13, "L is usable without loading it whole"): memory of the tab and of the server
 * while a person explores a large generated database in the real explorer. `-- --sizes M` (default) or `M,L`.
 *
 * Per size: a throwaway local Neo4j (1 GiB heap, 512 MiB page cache) gets the generated data set
 * (bench/generate.ts, seeded) through Parley's own loader on its fast path: the neo4j-admin CSV files the generator
 * writes, read as streams and written in batches of 10,000 (the import engine's streamed path, as
 * `npm run load -- --stream` runs it; L in about a minute on a quiet machine, against many minutes for the
 * MERGE-per-batch set-up loader, bench/_load.ts, used before). Parley runs as its own process (built client, as `npm start` serves it) so its
 * resident memory is its own; headless Chromium (1440×900) opens `/`, which answers the overview of the most
 * connected entities ("N of M shown"); then eight expansions (the first eight nodes of the overview, as a
 * double-click does) and five nodes' details. After each phase: the tab's JS heap after a forced GC
 * (`performance.memory` with precise memory info) and the server's and Neo4j's RSS (/proc VmRSS). Also the time
 * of GET /api/graph/overview, first (the degree ranking is computed) and again (it is kept). Run `npm run build`
 * first. Results: bench/results/explore.json for M (the default), explore-<sizes>.json for other sizes (`--sizes L`:
 * explore-l.json), and a table on stdout.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { OverviewResponse } from '../contract';
import { loadConfig, repoRoot } from '../server/src/config';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { openImport, runOpened } from '../server/src/import/open';
import type { Db } from '../server/src/neo4j/db';
import { createRepositories } from '../server/src/repositories';
import { startDatabase } from '../server/src/start';
import { rssMiB, startParleyProcess, stopParleyProcess } from './_parley-process';
import { machine, save } from './_util';
import { plan, writeCsv, type SizeName } from './generate';

const log = (msg: string) => process.stderr.write(`[bench:explore] ${msg}\n`);

/** The bits of the explorer's test hook (`?testhook=1`) used here. */
interface Hooked {
  __parley?: { visibleNodeIds(): string[]; expand(id: string): Promise<void> };
}

interface Sample {
  at: string;
  shown: number;
  tabHeapMiB: number;
  serverMiB: number | null;
  neo4jMiB: number | null;
}

/** The data set through Parley's loader, streamed path (see the top); the CSV files are removed afterwards. */
async function loadWithParley(db: Db, size: SizeName) {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-explore-'));
  try {
    const g0 = performance.now();
    await writeCsv(plan(size), dir);
    log(`${size}: CSV files written in ${Math.round((performance.now() - g0) / 1000)} s; loading`);
    const t0 = performance.now();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => ({ path: path.join(dir, f), name: f }));
    const opened = await openImport(files, { streamAboveBytes: -1 });
    if (!opened.streamed || opened.scan.problems.length > 0)
      throw new Error(
        `the generated files have problems: ${JSON.stringify(opened.streamed ? opened.scan.problems.slice(0, 3) : [])}`,
      );
    const result = await runOpened(createRepositories(db).imports, opened, { batchSize: 10_000 });
    if (result.status !== 'committed') throw new Error(`the load failed: ${result.error ?? result.status}`);
    return {
      nodes: opened.scan.counts.nodes + opened.scan.sources.length, // sources are nodes too (as bench/scan.ts)
      relationships: opened.scan.counts.relationships,
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function exploreSize(size: SizeName) {
  const atStart = machine().load1;
  const local = await startLocalNeo4j({ port: 0, heap: '1g', pageCache: '512m' });
  let child: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--enable-precise-memory-info', '--js-flags=--expose-gc', '--enable-unsafe-swiftshader'],
  });
  try {
    const setup = {
      NEO4J_URI: local.uri,
      NEO4J_PASSWORD: local.password,
      PARLEY_LOAD_SEED: 'false',
      PARLEY_QUERY_TIMEOUT_MS: '600000',
    };
    const started = await startDatabase(loadConfig(setup));
    const loaded = await loadWithParley(started.db, size);
    log(
      `${size}: loaded ${loaded.nodes} nodes, ${loaded.relationships} relationships in ${Math.round(loaded.ms / 1000)} s`,
    );
    await started.db.close();
    const afterLoading = machine().load1;
    const parley = await startParleyProcess(local.uri, local.password, {
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_QUERY_TIMEOUT_MS: '120000',
    });
    child = parley.child;
    const timed = async () => {
      const t0 = performance.now();
      const o = (await (await fetch(`${parley.base}/api/graph/overview`)).json()) as OverviewResponse;
      return { ms: Math.round(performance.now() - t0), o };
    };
    const first = await timed();
    const again = await timed();
    log(`${size}: overview ${first.o.nodes.length} of ${first.o.total}: ${first.ms} ms, then ${again.ms} ms`);
    const serverIdle = rssMiB(child.pid);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(300_000);
    const samples: Sample[] = [];
    const sample = async (at: string) => {
      const tabHeapMiB = await page.evaluate(() => {
        (window as unknown as { gc?: () => void }).gc?.();
        const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
        return m ? Math.round((m.usedJSHeapSize / 2 ** 20) * 10) / 10 : NaN;
      });
      const shown = await page.evaluate(() => (window as unknown as Hooked).__parley?.visibleNodeIds().length ?? 0);
      samples.push({ at, shown, tabHeapMiB, serverMiB: rssMiB(child?.pid), neo4jMiB: rssMiB(local.pid) });
      log(`${size} ${at}: ${JSON.stringify(samples[samples.length - 1])}`);
    };
    const t0 = performance.now();
    await page.goto(`${parley.base}/?testhook=1`);
    await page
      .getByRole('status')
      .filter({ hasText: / shown/ })
      .waitFor();
    await page.waitForFunction(() => ((window as unknown as Hooked).__parley?.visibleNodeIds().length ?? 0) > 0);
    const openMs = Math.round(performance.now() - t0);
    await sample('overview open');
    for (const n of first.o.nodes.slice(0, 8))
      await page.evaluate((id) => (window as unknown as Hooked).__parley!.expand(id), n.id);
    await sample('after 8 expansions');
    for (const n of first.o.nodes.slice(8, 13)) {
      const res = await fetch(`${parley.base}/api/nodes/${encodeURIComponent(n.id)}`);
      await res.arrayBuffer();
    }
    const note = await page
      .getByRole('status')
      .filter({ hasText: / shown/ })
      .innerText();
    await sample('after 5 details');
    await page.close();
    return {
      size,
      dataset: {
        nodes: loaded.nodes,
        relationships: loaded.relationships,
        loadSeconds: Math.round(loaded.ms / 1000),
        loader: "Parley's import engine, streamed path, batches of 10,000",
      },
      load1: { atStart, afterLoading, atEnd: machine().load1 },
      overview: { shown: first.o.nodes.length, total: first.o.total, firstMs: first.ms, againMs: again.ms },
      openMs,
      note,
      serverIdleMiB: serverIdle,
      samples,
    };
  } finally {
    await browser.close();
    if (child) await stopParleyProcess(child);
    await local.stop();
  }
}

async function main(argv: string[]) {
  if (!existsSync(path.join(repoRoot, 'dist', 'client', 'index.html'))) throw new Error('run `npm run build` first');
  const i = argv.indexOf('--sizes');
  const sizes = (i >= 0 ? argv[i + 1]! : 'M').split(',') as SizeName[];
  const m0 = machine();
  const t0 = performance.now();
  const runs = [];
  for (const size of sizes) runs.push(await exploreSize(size));
  const result = {
    machine: m0,
    loadAtEnd: machine().load1,
    seconds: Math.round((performance.now() - t0) / 1000),
    runs,
  };
  // M alone is the README's figure (explore.json); other sizes get a file of their own (`--sizes L`: explore-l.json)
  save(sizes.join(',') === 'M' ? 'explore' : `explore-${sizes.join('-').toLowerCase()}`, result);
  for (const r of runs) {
    process.stdout.write(
      `\n${r.size}: ${r.dataset.nodes} nodes / ${r.dataset.relationships} relationships; overview ${r.overview.shown} of ${r.overview.total} ` +
        `(${r.overview.firstMs} ms, then ${r.overview.againMs} ms); page open to the note ${r.openMs} ms; "${r.note}"\n` +
        '| at | shown | tab JS heap MiB | server RSS MiB | Neo4j RSS MiB |\n| --- | --- | --- | --- | --- |\n' +
        r.samples.map((s) => `| ${s.at} | ${s.shown} | ${s.tabHeapMiB} | ${s.serverMiB} | ${s.neo4jMiB} |`).join('\n') +
        '\n',
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
