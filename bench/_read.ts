/**
 * The reading arms: each API route through HTTP (autocannon at 1, 10 and 50 connections), the same Cypher
 * through the bare driver in a loop (1 and 10 at a time: auto-commit sessions naming the database, records left
 * as the driver gives them), and the database's own time for it (resultAvailableAfter + resultConsumedAfter of
 * each query's summary). Latency percentiles come from every response, not from autocannon's histogram buckets.
 */
import autocannon from 'autocannon';
import { toParams } from '../server/src/neo4j/convert';
import type { Db } from '../server/src/neo4j/db';
import { MET_LIMIT, MET_MEETINGS } from '../contract';
import { toLuceneQuery } from '../server/src/repositories/search';
import { HUBS } from './generate';

/** One Cypher step of a route: a named query and its parameters (from what the earlier steps returned). */
export interface Step {
  query: string;
  params: (prev: Record<string, unknown>) => Record<string, unknown>;
  /** what later steps may use from this one's rows */
  keep?: (rows: Record<string, unknown>[]) => Record<string, unknown>;
}

export interface Route {
  name: string;
  url: string;
  steps: Step[];
}

export interface Figure {
  dataset: string;
  route: string;
  arm: 'http' | 'driver' | 'db';
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** HTTP arm: answers by status, and requests autocannon gave up on (`timeout`, after 10 s) */
  statuses?: Record<string, number>;
  /** mixed arm: when (seconds into the window, at the moment autocannon gave up) each time-out came */
  timeoutsAt?: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

function summarise(
  base: Omit<Figure, 'requests' | 'rps' | 'p50' | 'p95' | 'p99' | 'errors'>,
  latencies: number[],
  seconds: number,
  errors: number,
): Figure {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    ...base,
    requests: sorted.length,
    rps: Math.round(sorted.length / seconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    errors,
  };
}

/** autocannon against one URL; every response's time is kept for the percentiles. */
export async function httpArm(
  dataset: string,
  route: Route,
  base: string,
  connections: number,
  seconds: number,
  warm = true,
): Promise<Figure> {
  if (warm) await autocannon({ url: base + route.url, connections, duration: 0.5 }); // JIT, plans, pool
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const measure = (opts: { duration: number } | { amount: number }) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: base + route.url, connections, ...opts }, (err, res) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res),
      );
      instance.on('response', (_client, statusCode, _bytes, ms) => {
        if (statusCode < 400) latencies.push(ms);
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      });
    });
  let r = await measure({ duration: seconds });
  let elapsed = seconds;
  if (latencies.length < 5) {
    // Responses slower than the window (a loaded machine): autocannon drops what is in flight at the end, so
    // count a fixed number of whole requests instead, however long they take.
    latencies.length = 0;
    for (const k of Object.keys(statuses)) delete statuses[k];
    const t1 = performance.now();
    r = await measure({ amount: Math.max(5, connections) });
    elapsed = (performance.now() - t1) / 1000;
  }
  if (r.timeouts > 0) statuses.timeout = r.timeouts;
  return {
    ...summarise(
      { dataset, route: route.name, arm: 'http', connections },
      latencies,
      elapsed,
      r.errors + r.non2xx + r.timeouts,
    ),
    statuses,
  };
}

/**
 * autocannon with every connection sending `list`'s routes in turn (a mixed load), for `seconds`: one Figure per
 * route (its answers' times and statuses) and one named "all". A connection's answers come in the order it
 * sent its requests, so an answer belongs to the request its connection's iterator points at when it arrives.
 */
export async function mixedArm(
  dataset: string,
  list: Route[],
  base: string,
  connections: number,
  seconds: number,
): Promise<Figure[]> {
  const requests = list.map((r) => ({ method: 'GET' as const, path: r.url }));
  // Warm-up (JIT, plans, pool): one round per connection, every answer awaited (60 s each), so nothing of it is
  // still running on the server when the window opens. (A 1 s `duration` warm-up left its slow cold answers in
  // flight; the window's first requests queued behind them and were counted as time-outs.)
  await autocannon({ url: base, connections, amount: connections * list.length, requests, timeout: 60 });
  const per = list.map(() => ({
    latencies: [] as number[],
    statuses: {} as Record<string, number>,
    timeoutsAt: [] as number[],
  }));
  type Iterating = { requestIterator: { currentRequestIndex: number } };
  const count = (i: number, status: string) => {
    const p = per[i];
    if (p) p.statuses[status] = (p.statuses[status] ?? 0) + 1;
  };
  const t0 = performance.now();
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests,
        setupClient: (client) => {
          const it = (client as unknown as Iterating).requestIterator;
          client.on('response', (statusCode: number, _bytes: number, ms: number) => {
            const i = it.currentRequestIndex;
            if (statusCode < 400) per[i]?.latencies.push(ms);
            count(i, String(statusCode));
          });
          // emitted after the connection was opened again and the next request sent: the one before timed out
          (client as unknown as NodeJS.EventEmitter).on('timeout', () => {
            const i = (it.currentRequestIndex - 1 + list.length) % list.length;
            count(i, 'timeout');
            per[i]?.timeoutsAt.push(Math.round((performance.now() - t0) / 100) / 10);
          });
        },
      },
      (err, res) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)),
    );
  });
  const elapsed = (performance.now() - t0) / 1000;
  const figures = list.map((route, i) => {
    const p = per[i]!;
    const errors = Object.entries(p.statuses)
      .filter(([k]) => k === 'timeout' || Number(k) >= 400)
      .reduce((s, [, n]) => s + n, 0);
    return {
      ...summarise({ dataset, route: route.name, arm: 'http' as const, connections }, p.latencies, elapsed, errors),
      statuses: p.statuses,
      ...(p.timeoutsAt.length > 0 ? { timeoutsAt: p.timeoutsAt } : {}),
    };
  });
  const all: Record<string, number> = {};
  for (const p of per) for (const [k, n] of Object.entries(p.statuses)) all[k] = (all[k] ?? 0) + n;
  figures.push({
    ...summarise(
      { dataset, route: 'all', arm: 'http', connections },
      per.flatMap((p) => p.latencies),
      elapsed,
      r.errors + r.non2xx + r.timeouts,
    ),
    statuses: all,
  });
  return figures;
}

const num = (x: unknown) => (typeof x === 'number' ? x : Number(String(x)));

/** The route's Cypher through the bare driver: `concurrency` loops for `seconds`; returns driver and db figures. */
export async function driverArm(
  dataset: string,
  route: Route,
  db: Db,
  concurrency: number,
  seconds: number,
): Promise<[Figure, Figure]> {
  const database = await db.database();
  const texts = route.steps.map((s) => db.queries.get(s.query).text);
  const once = async () => {
    const session = db.driver.session({ defaultAccessMode: 'READ', database });
    let dbMs = 0;
    try {
      let prev: Record<string, unknown> = {};
      for (const [i, step] of route.steps.entries()) {
        const res = await session.run(texts[i]!, toParams(step.params(prev)) as Record<string, unknown>);
        dbMs += num(res.summary.resultAvailableAfter) + num(res.summary.resultConsumedAfter);
        if (step.keep)
          prev = { ...prev, ...step.keep(res.records.map((r) => r.toObject() as Record<string, unknown>)) };
      }
    } finally {
      await session.close();
    }
    return dbMs;
  };
  for (let i = 0; i < 3; i++) await once().catch(() => 0); // warm-up (a failure shows in the measured loop)
  const latencies: number[] = [];
  const dbTimes: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          dbTimes.push(await once());
          latencies.push(performance.now() - t);
        } catch (err) {
          // said once per arm: a driver arm that only fails (a query's parameters changed) must not pass as 0 req/s
          if (errors++ === 0) process.stderr.write(`[bench] ${dataset} · ${route.name} · driver: ${String(err)}\n`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return [
    summarise({ dataset, route: route.name, arm: 'driver', connections: concurrency }, latencies, elapsed, errors),
    summarise({ dataset, route: route.name, arm: 'db', connections: concurrency }, dbTimes, elapsed, errors),
  ];
}

/** Ids for the routes of a generated data set: a person of degree 20–100 (and a second one), the hub. */
export async function generatedIds(db: Db, quick: boolean) {
  const rows = await db.query(
    `MATCH (p:Person) WHERE p.id STARTS WITH 'person:p'
       AND NOT (p)-[:ATTENDED]->(:Meeting {id: $summit})
     WITH p, COUNT { (p)--() } AS d WHERE 20 <= d <= 100
     RETURN p.id AS id, p.name AS name, d ORDER BY p.id LIMIT 2`,
    { summit: HUBS.summit },
  );
  const [a, b] = rows;
  if (!a || !b) throw new Error('bench: the generated data set has no person of degree 20–100');
  const search = String(a.name).split(' ').slice(0, 2).join(' ');
  return {
    person: String(a.id),
    other: String(b.id),
    hub: HUBS.ministry,
    search,
    lucene: toLuceneQuery(search) ?? '',
    summitPerson: quick ? undefined : 'person:p1', // person:p1 attended the summit (generate.ts: i % 3 === 1)
  };
}

/** A step's kept element id, e.g. after resolve-id. */
export const keepElementId = (as: string) => (rows: Record<string, unknown>[]) => ({ [as]: rows[0]?.elementId });

/** The routes of the API and the Cypher each one runs (as the repositories run it), for one data set. */
/** The full-text index the search repository uses here: Parley's model index (the seed's and the generated data
 * sets' labels are all in it, so the all-labels `parley_search` is not created on the bench's database). */
const SEARCH_INDEX = 'entity_search';

/** who-met-whom's parameters as the meetings repository passes them (bounded: MET_LIMIT people, MET_MEETINGS each) */
const metParams = (p: Record<string, unknown>) => ({
  elementId: p.elementId,
  limit: MET_LIMIT,
  meetings: MET_MEETINGS,
  with: null,
});

export function routes(ids: {
  person: string;
  other: string;
  hub: string | null;
  search: string;
  lucene: string;
  /** someone who attended the summit (2,300 others at M): who-met-whom at its worst; full runs only */
  summitPerson?: string | undefined;
}): Route[] {
  const e = encodeURIComponent;
  const resolve = (id: string, as = 'elementId'): Step => ({
    query: 'resolve-id',
    params: () => ({ id }),
    keep: keepElementId(as),
  });
  const list: Route[] = [
    { name: 'health', url: '/api/health', steps: [] },
    { name: 'schema', url: '/api/schema', steps: [{ query: 'schema-counts', params: () => ({}) }] },
    {
      name: 'search',
      url: `/api/search?q=${e(ids.search)}`,
      steps: [{ query: 'search', params: () => ({ index: SEARCH_INDEX, lucene: ids.lucene, limit: 10 }) }],
    },
    {
      name: 'node',
      url: `/api/nodes/${e(ids.person)}`,
      steps: [
        resolve(ids.person),
        { query: 'node-details', params: (p) => ({ elementId: p.elementId }) },
        { query: 'sources-by-id', params: () => ({ ids: ['source:s0'] }) },
      ],
    },
    {
      name: 'expand (1 hop, degree ≤ 100)',
      url: `/api/nodes/${e(ids.person)}/neighbors?limit=25`,
      steps: [
        resolve(ids.person),
        {
          query: 'neighbors',
          params: (p) => ({ elementId: p.elementId, offset: 0, limit: 25, type: null, label: null }),
        },
      ],
    },
    {
      name: 'expand (2 hops, degree ≤ 100)',
      url: `/api/nodes/${e(ids.person)}/neighbors?limit=25&hops=2`,
      steps: [
        resolve(ids.person),
        {
          query: 'neighbors-two-hops',
          params: (p) => ({ elementId: p.elementId, offset: 0, limit: 25, type: null, label: null }),
        },
      ],
    },
    {
      name: 'path',
      url: `/api/path?from=${e(ids.person)}&to=${e(ids.other)}`,
      steps: [
        resolve(ids.person, 'from'),
        resolve(ids.other, 'to'),
        { query: 'shortest-path', params: (p) => ({ from: p.from, to: p.to, maxHops: 6 }) },
      ],
    },
    {
      name: 'who met whom',
      url: `/api/met?person=${e(ids.person)}`,
      steps: [resolve(ids.person), { query: 'who-met-whom', params: metParams }],
    },
    {
      name: 'graph (500 nodes)',
      url: '/api/graph?limit=500',
      steps: [
        {
          query: 'graph-nodes',
          params: () => ({
            labels: null,
            from: null,
            to: null,
            dateProperty: 'date',
            dateLabels: ['Meeting'],
            limit: 500,
          }),
          keep: (rows) => ({ ids: rows.slice(0, 500).map((r) => (r.n as { elementId: string }).elementId) }),
        },
        { query: 'graph-edges', params: (p) => ({ ids: p.ids, limit: 5000 }) },
      ],
    },
  ];
  if (ids.summitPerson) {
    list.push({
      name: 'who met whom (summit attendee)',
      url: `/api/met?person=${e(ids.summitPerson)}`,
      steps: [resolve(ids.summitPerson), { query: 'who-met-whom', params: metParams }],
    });
  }
  if (ids.hub) {
    for (const offset of [0, 1000]) {
      list.push({
        name: `expand hub page @${offset}`,
        url: `/api/nodes/${e(ids.hub)}/neighbors?limit=25&offset=${offset}`,
        steps: [
          resolve(ids.hub),
          {
            query: 'neighbors',
            params: (p) => ({ elementId: p.elementId, offset, limit: 25, type: null, label: null }),
          },
        ],
      });
    }
  }
  return list;
}
