/**
 * ForceAtlas2 measurements (in the bare-sigma page, on graphology only): iterations per second on the main thread
 * (`forceAtlas2(graph, {iterations})`) against the web worker Parley uses (`graphology-layout-forceatlas2/worker`,
 * one iteration per message), both with the settings Parley's layout button uses (client/src/layouts), and the
 * time the worker takes from the benchmark's seeded positions to a readable layout.
 */
import { MultiGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { fa2WorkerSettings } from '../../../client/src/layouts';
import type { DrawData } from './common';

function build(d: DrawData) {
  const g = new MultiGraph();
  for (const n of d.nodes) g.addNode(n.id, { x: n.x, y: n.y });
  for (const e of d.edges) g.addEdge(e.source, e.target);
  return g;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Iterations per second: synchronous for `seconds` (in batches), then the worker for `seconds`. */
export async function fa2Rates(d: DrawData, seconds: number) {
  const g = build(d);
  const settings = fa2WorkerSettings(g);
  let syncIt = 0;
  const t0 = performance.now();
  const batch = d.nodes.length > 20_000 ? 1 : d.nodes.length > 2_000 ? 5 : 50;
  while (performance.now() - t0 < seconds * 1000) {
    forceAtlas2.assign(g, { iterations: batch, settings });
    syncIt += batch;
  }
  const syncS = (performance.now() - t0) / 1000;
  const w = build(d);
  let workerIt = 0;
  const count = () => void workerIt++;
  w.on('eachNodeAttributesUpdated', count);
  const fa2 = new FA2Layout(w, { settings: fa2WorkerSettings(w) });
  const t1 = performance.now();
  fa2.start();
  await sleep(seconds * 1000);
  fa2.stop();
  const workerS = (performance.now() - t1) / 1000;
  fa2.kill();
  return {
    syncItPerS: Math.round((syncIt / syncS) * 10) / 10,
    workerItPerS: Math.round((workerIt / workerS) * 10) / 10,
    barnesHut: settings.barnesHutOptimize,
  };
}

/**
 * How tidy a layout is, whatever its scale: the median length of (a sample of) edges over the median distance of
 * (a sample of) random node pairs. Seeded positions give about 1 (neighbours are as far apart as strangers); a
 * force layout brings it down as linked nodes come together.
 */
function tidiness(g: MultiGraph, pairs: [string, string][], edges: [string, string][]): number {
  const dist = ([a, b]: [string, string]) =>
    Math.hypot(
      (g.getNodeAttribute(a, 'x') as number) - (g.getNodeAttribute(b, 'x') as number),
      (g.getNodeAttribute(a, 'y') as number) - (g.getNodeAttribute(b, 'y') as number),
    );
  const med = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)] ?? 0;
  return med(edges.map(dist)) / Math.max(1e-9, med(pairs.map(dist)));
}

/**
 * The worker from the seeded positions until the layout is readable: sampled every 500 ms; readable when the
 * tidiness (above) has stopped improving — less than 2% better than two seconds before. Gives up after
 * `maxSeconds`.
 */
export async function fa2Readable(d: DrawData, maxSeconds: number) {
  const g = build(d);
  let seed = 1;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const ids = d.nodes.map((n) => n.id);
  const pairs: [string, string][] = [];
  for (let i = 0; i < 2000; i++)
    pairs.push([ids[Math.floor(rand() * ids.length)]!, ids[Math.floor(rand() * ids.length)]!]);
  const edges: [string, string][] = [];
  for (let i = 0; i < 2000 && d.edges.length > 0; i++) {
    const e = d.edges[Math.floor(rand() * d.edges.length)]!;
    edges.push([e.source, e.target]);
  }
  const fa2 = new FA2Layout(g, { settings: fa2WorkerSettings(g) });
  let iterations = 0;
  g.on('eachNodeAttributesUpdated', () => void iterations++);
  const start = tidiness(g, pairs, edges);
  const history: number[] = [start];
  const t0 = performance.now();
  fa2.start();
  let readable: number | null = null;
  while (performance.now() - t0 < maxSeconds * 1000) {
    await sleep(500);
    const t = tidiness(g, pairs, edges);
    history.push(t);
    const before = history[history.length - 5];
    if (before !== undefined && t > before * 0.98) {
      readable = (performance.now() - t0) / 1000;
      break;
    }
  }
  fa2.stop();
  fa2.kill();
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    readableS: readable === null ? null : Math.round(readable * 10) / 10,
    iterations,
    tidinessStart: r2(start),
    tidinessEnd: r2(history[history.length - 1]!),
    gaveUpAfterS: readable === null ? maxSeconds : null,
  };
}
