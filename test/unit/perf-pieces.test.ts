/** Small pieces of the performance work: the health ping cache, the bench's percentiles and regression flags. */
import { describe, expect, it } from 'vitest';
import { cachedPing } from '../../server/src/repositories';
import { percentile, type Figure } from '../../bench/_read';
import { markdown, mergeLoading, regressions, type Results } from '../../bench/_results';
import type { LoadFigure, ParleyRun } from '../../bench/_loading';
import { loadingTargets } from '../../bench/_loading-suite';
import { nodes, plan, relationships, sources } from '../../bench/generate';

describe('cachedPing', () => {
  it('asks the database at most once per second, and shares a ping under way', async () => {
    let calls = 0;
    let t = 0;
    const ping = cachedPing({ ping: () => Promise.resolve(++calls % 2 === 1) }, 1_000, () => t);
    expect(await Promise.all([ping(), ping()])).toEqual([true, true]);
    t = 999;
    expect(await ping()).toBe(true);
    expect(calls).toBe(1);
    t = 1_000;
    expect(await ping()).toBe(false);
    expect(calls).toBe(2);
  });
});

describe('bench figures', () => {
  it('percentile is the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 95), percentile(xs, 99), percentile(xs, 100)]).toEqual([
      50, 95, 99, 100,
    ]);
    expect(percentile([7], 95)).toBe(7);
  });

  it('flags what is more than 10% slower than the previous run, nothing else', () => {
    const f = (rps: number, p95: number): Figure => ({
      dataset: 'M',
      route: 'search',
      arm: 'http',
      connections: 10,
      requests: 100,
      rps,
      p50: 1,
      p95,
      p99: 1,
      errors: 0,
    });
    expect(regressions([f(95, 10)], [f(100, 10)])).toEqual([]);
    expect(regressions([f(89, 10)], [f(100, 10)])).toEqual(['M · search · http@10: 89 req/s, was 100 (−11%)']);
    expect(regressions([f(100, 12)], [f(100, 10)])).toEqual(['M · search · http@10: p95 12 ms, was 10 (+20%)']);
  });
});

describe('loading figures across runs', () => {
  const fig = (data: string, arm: LoadFigure['arm']): LoadFigure => ({
    data,
    arm,
    run: 'warm',
    batch: 10_000,
    nodes: 1,
    relationships: 1,
    'nodes ms': 1,
    'rels ms': 1,
    'total s': 1,
    'nodes/s': 1,
    'rels/s': 1,
  });
  // results written before `loadingFrom`: M and L from one --loading-only run, its timing noted three times
  const earlier: Results = {
    date: '2026-12-02T13:27:00.000Z',
    mode: 'quick',
    seconds: 300,
    machine: { load1: '1.6', load1End: '2.5', cores: 2 },
    versions: { node: 'v20', java: '17', chromium: 'c', webglRenderer: 'r' },
    neo4j: { heap: '1g', pageCache: '512m', version: '5.26' },
    datasets: {},
    reading: [],
    payload: [],
    drawing: [],
    targets: [],
    regressions: [],
    notes: [],
    loading: {
      figures: [fig('M', 'parley'), fig('L', 'parley')],
      probes: [],
      runs: {},
      notes: ['The loading arms took 1212 s.', 'The loading arms took 1214 s.', 'L: the loading arms failed (x)'],
    },
    loadingSizes: ['M', 'L'],
    loadingRun: { date: '2026-12-02T12:06:00.000Z', machine: { load1: '44.29', load1End: '17.22' } },
  };
  const now = { figures: [fig('S', 'parley'), fig('S', 'naive')], probes: [], runs: {}, notes: [] };
  const run = { date: '2026-12-02T15:00:00.000Z', machine: { load1: '1.1', load1End: '1.3' }, seconds: 61 };

  it('a run of S keeps the M and L figures and says when each was measured; notes do not pile up', () => {
    const merged = mergeLoading(earlier, now, ['S'], run);
    expect(merged.loadingSizes).toEqual(['M', 'L', 'S']);
    expect(merged.loading!.figures.map((f) => `${f.data} ${f.arm}`)).toEqual([
      'M parley',
      'L parley',
      'S parley',
      'S naive',
    ]);
    expect(merged.loading!.notes).toEqual(['L: the loading arms failed (x)']);
    expect(merged.loadingFrom).toEqual({ M: earlier.loadingRun, L: earlier.loadingRun, S: run });
    // the README says it once per run
    const text = markdown({ ...earlier, ...merged, date: run.date, loadingRun: undefined });
    expect(text).toContain(
      '**Loading** (M, L: measured 2026-12-02 12:06 UTC, not in the last run; load 44.29 at the start and 17.22 at the end; S: measured in the last run, the loading arms took 61 s;',
    );
    expect(text.match(/took/g)).toHaveLength(1);
    // measured again, a size replaces all of its figures
    const again = mergeLoading({ ...earlier, ...merged }, { ...now, figures: [fig('M', 'naive')] }, ['M'], run);
    expect(again.loadingSizes).toEqual(['L', 'S', 'M']);
    expect(again.loading!.figures.map((f) => `${f.data} ${f.arm}`)).toEqual([
      'L parley',
      'S parley',
      'S naive',
      'M naive',
    ]);
  });

  it('--no-loading keeps every size of the last run as it was', () => {
    const kept = mergeLoading(earlier, undefined, ['S'], run);
    expect(kept.loadingSizes).toEqual(['M', 'L']);
    expect(kept.loading!.figures).toEqual(earlier.loading!.figures);
    expect(kept.loadingFrom).toEqual({ M: earlier.loadingRun, L: earlier.loadingRun });
    expect(mergeLoading(null, undefined, ['S'], run)).toEqual({});
  });
});

describe('the loading targets', () => {
  const run = (maxRssMiB: number, status = 'committed'): ParleyRun => ({
    status,
    nodes: 1,
    relationships: 1,
    scanMs: 1_000,
    nodesMs: 1,
    relsMs: 1,
    writeMs: 9_000,
    firstBatchMs: 1,
    medianBatchMs: 1,
    maxRssMiB,
    cpuS: 1,
  });
  const xlRow = (runs: Record<string, ParleyRun>) =>
    loadingTargets({ figures: [], probes: [], runs, notes: [] }, ['XL']).find((t) => t.what.startsWith('XL'))!;

  it('says XL is met only when it committed and its loader memory stayed within 1.25× L’s (1.9× M’s)', () => {
    expect(xlRow({ 'L cold 10000': run(471), 'XL cold 10000': run(825) })).toMatchObject({
      met: false,
      value: '10 s, committed, loader peak RSS 825 MiB (L: 471 MiB, 1.75×)',
    });
    expect(xlRow({ 'L cold 10000': run(471), 'XL cold 10000': run(520) }).met).toBe(true);
    expect(xlRow({ 'L cold 10000': run(471), 'XL cold 10000': run(520, 'failed') }).met).toBe(false);
    expect(xlRow({ 'M cold 10000': run(302), 'XL cold 10000': run(570) }).met).toBe(true);
    expect(xlRow({ 'M cold 10000': run(302), 'XL cold 10000': run(580) })).toMatchObject({
      met: false,
      why: "the loader's memory grows with the file: over 1.9× M's",
    });
    expect(xlRow({ 'XL cold 10000': run(400) }).met).toBeNull();
    expect(xlRow({}).met).toBeNull();
  });
});

describe('the data generator', () => {
  it('gives S its sizes, one id per node, valid ends, quotes found in their source, and hubs', () => {
    const p = plan('S');
    const texts = new Map([...sources(p)].map((s) => [s.id, s.text]));
    const ids = new Set([...nodes(p)].map((n) => n.id));
    expect(ids.size + texts.size).toBe(1_000);
    const degree = new Map<string, number>();
    const keys = new Set<string>();
    let count = 0;
    for (const r of relationships(p)) {
      count++;
      expect(ids.has(r.source) && ids.has(r.target)).toBe(true);
      for (const e of r.evidence) expect(texts.get(e.source)).toContain(e.quote);
      if (r.inferred) expect(r.inferenceReason).toBeTruthy();
      else expect(r.evidence.length).toBeGreaterThan(0);
      keys.add(`${r.source}|${r.type}|${r.target}`);
      for (const end of [r.source, r.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    }
    expect(keys.size).toBe(count); // no duplicate relationship
    expect(count).toBeGreaterThan(4_500);
    expect(count).toBeLessThan(5_500);
    expect(degree.get('agency:a0')).toBeGreaterThan(200);
    expect(degree.get('meeting:m0')).toBeGreaterThan(200);
  });

  it('is the same for the same seed and differs for another', () => {
    const p = plan('S');
    const a = JSON.stringify([...relationships(p, 1)].slice(0, 50));
    expect(JSON.stringify([...relationships(p, 1)].slice(0, 50))).toBe(a);
    expect(JSON.stringify([...relationships(p, 2)].slice(0, 50))).not.toBe(a);
  });
});
