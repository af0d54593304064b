/** Small pieces of the performance work: the health ping cache, the bench's percentiles and regression flags. */
import { describe, expect, it } from 'vitest';
import { cachedPing } from '../../server/src/repositories';
import { percentile, type Figure } from '../../bench/_read';
import { regressions } from '../../bench/_results';
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
