// Overload queues in Parley, not in Neo4j (neo4j/admission.ts): more slow reads at once than the bulkhead's limit
// get 200 or a fast `503 busy` with Retry-After, never a 500, and the breaker does not take the saturation for an
// outage; a client that goes away while queued leaves the queue; and a Neo4j that freezes under that load is
// still reported as `503 database_unavailable` within the breaker's bound. Real Neo4j behind the fault proxy.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/src/neo4j/db';
import type { FaultProxy } from '../_faultproxy';
import { proxiedApp, type ProxiedApp } from './_proxy';

/** the bound faults.test.ts checks a 503 database_unavailable against (2 s, plus room for a loaded machine) */
const BOUND_MS = 2_500;
const LIMIT = 2;
const SLOW = 'UNWIND range(1, 300000) AS i WITH i WHERE i % 7 = 0 RETURN count(*) AS n';
/** a read that holds its turn for a second or more, so a test can see the turns taken (SLOW can end between looks) */
const SLOWER = 'UNWIND range(1, 6000000) AS i WITH i WHERE i % 7 = 0 RETURN count(*) AS n';

let proxied: ProxiedApp;
let proxy: FaultProxy;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  proxied = await proxiedApp({
    admission: { limit: LIMIT, maxWaitMs: 1_000 },
    // a slow read as a route of the app itself: it goes through the bulkhead, the error handler and the hooks
    plugins: (d) => [
      async (a) => {
        a.get('/api/test/slow', async () => ({ n: (await d.query(SLOW))[0]?.n ?? null }));
        a.get('/api/test/slower', async () => ({ n: (await d.query(SLOWER))[0]?.n ?? null }));
      },
    ],
  });
  ({ proxy, db, app } = proxied);
});

afterAll(async () => {
  await proxied.close();
});

afterEach(async () => {
  await proxy.setMode('forward');
  for (let i = 0; i < 60; i++) {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    if (res.statusCode === 200 && !db.breaker.isOpen) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Neo4j did not come back through the proxy within 15 s');
});

interface Answer {
  url: string;
  status: number;
  error: string | undefined;
  retryAfter: string | undefined;
  ms: number;
}

async function get(url: string): Promise<Answer> {
  const t0 = Date.now();
  const res = await app.inject({ method: 'GET', url });
  const body = res.json<{ error?: string }>();
  const retryAfter = res.headers['retry-after'];
  return {
    url,
    status: res.statusCode,
    error: body.error,
    retryAfter: retryAfter as string | undefined,
    ms: Date.now() - t0,
  };
}

/** samples how many calls run at once, until stopped */
function watchRunning() {
  let most = 0;
  const timer = setInterval(() => (most = Math.max(most, db.admission.load.running)), 5);
  return () => (clearInterval(timer), most);
}

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error(`${what}: not within 10 s`);
}

describe('the bulkhead under more slow reads than its limit', () => {
  it('answers 200 or 503 busy with Retry-After, never a 500, and the breaker stays closed', async () => {
    expect((await get('/api/test/slow')).status).toBe(200); // planned once, so the reads below are warm
    const before = { trips: db.breaker.stats.trips, ...db.admission.stats };
    const urls = [
      ...Array.from({ length: 16 }, () => '/api/test/slow'),
      ...Array.from({ length: 4 }, (_, i) => `/api/search?q=darchiev${i}`),
      ...Array.from({ length: 4 }, (_, i) => `/api/nodes/person%3Asonata-coulter/neighbors?limit=5&offset=${i}`),
    ];
    const stop = watchRunning();
    const answers = await Promise.all(urls.map(get));
    const most = stop();
    const odd = answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.error === 'busy'));
    expect(odd).toEqual([]);
    const busy = answers.filter((a) => a.status === 503);
    const { waited, shed } = db.admission.stats;
    console.log(
      `[bulkhead] ${urls.length} at once, limit ${LIMIT}: ${answers.length - busy.length} × 200, ${busy.length} × 503 busy; ${waited - before.waited} waited for a turn, ${shed - before.shed} shed`,
    );
    for (const a of busy) expect(a.retryAfter, a.url).toBe('2');
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(LIMIT); // the first turns ran
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect(db.admission.stats.waited + db.admission.stats.shed).toBeGreaterThan(before.waited + before.shed);
    // every busy answer comes from a shed read, but one shed may answer several requests: concurrent searches
    // share one catalog load (repositories/catalog.ts), and all of them get its 503 busy
    if (busy.length > 0) expect(db.admission.stats.shed - before.shed).toBeGreaterThan(0);
    expect(db.breaker.stats.trips).toBe(before.trips);
    expect(db.admission.load).toEqual({ running: 0, queued: 0 });
  });

  it('a client that goes away while its read is queued leaves the queue', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const cancelled = db.admission.stats.cancelled;
    const holders = Array.from({ length: LIMIT }, () => get('/api/test/slower'));
    await until('the turns taken', () => db.admission.load.running === LIMIT);
    const req = http.get({ host: '127.0.0.1', port, path: '/api/test/slower' });
    req.on('error', () => {});
    await until('the request queued', () => db.admission.load.queued >= 1);
    req.destroy();
    await until('the request out of the queue', () => db.admission.stats.cancelled > cancelled);
    expect(db.admission.stats.cancelled).toBe(cancelled + 1);
    for (const a of await Promise.all(holders)) expect([200, 503]).toContain(a.status);
  });

  it('Neo4j frozen while the bulkhead is full: 503 database_unavailable within the bound, not busy', async () => {
    expect((await get('/api/nodes/person:sonata-coulter')).status).toBe(200);
    const load = Array.from({ length: 8 }, () => get('/api/test/slow'));
    await until('the bulkhead full', () => db.admission.load.running === LIMIT && db.admission.load.queued > 0);
    await proxy.setMode('freeze');
    const r = await get('/api/search?q=darchiev');
    expect([r.status, r.error]).toEqual([503, 'database_unavailable']);
    expect(r.ms, `search took ${r.ms} ms`).toBeLessThan(BOUND_MS);
    for (const a of await Promise.all(load)) {
      expect(a.status === 200 || (a.status === 503 && ['busy', 'database_unavailable'].includes(a.error ?? ''))).toBe(
        true,
      );
    }
  });
});
