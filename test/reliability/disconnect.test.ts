// A client that goes away (its socket closed) while its read runs on Neo4j stops that read there: the transaction
// leaves SHOW TRANSACTIONS within a bound, far sooner than it would have ended by itself (neo4j/cancel.ts). A
// write whose client goes away runs to its end and commits (all or nothing, never cut half-way). Real Neo4j 5.26
// (through the fault proxy, forwarding), the real app listening on a port, the bulkhead on as when serving.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/src/neo4j/db';
import { cancelled } from '../../server/src/neo4j/errors';
import { proxiedApp, type ProxiedApp } from './_proxy';

/** from the abort until Neo4j no longer lists the read (its own run: tens of seconds, cut by the 15 s timeout) */
const BOUND_MS = 5_000;
const READ_TAG = 'parley-disconnect-read';
const TX_TAG = 'parley-disconnect-read-tx';
const WRITE_TAG = 'parley-disconnect-write';
/** a read of far more than BOUND_MS on its own (6,000,000 rows take a second or more, bulkhead.test.ts) */
const slowRead = (tag: string) =>
  `UNWIND range(1, 200000000) AS i WITH i WHERE i % 7 = 0 RETURN count(*) AS n, '${tag}' AS tag`;
/** a write of two seconds or so, then one node: committed whole, or not at all */
const SLOW_WRITE = `UNWIND range(1, 12000000) AS i WITH i WHERE i % 7 = 0 WITH count(*) AS n
  CREATE (m:ParleyDisconnectTest {token: $token, n: n}) RETURN m.n AS n, '${WRITE_TAG}' AS tag`;

let proxied: ProxiedApp;

let db: Db;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  proxied = await proxiedApp({
    admission: { limit: 6, maxWaitMs: 2_000 },
    plugins: (d) => [
      async (a) => {
        // what a stopped read rejects with, answered as the app answers it (when a socket is still there)
        a.get('/api/test/cancelled', async () => {
          throw cancelled('The client went away; its query was stopped on the database.');
        });
        // an auto-commit read (Db.query) and a read transaction (Db.transaction), as the repositories make them
        a.get('/api/test/slow-read', async () => ({ n: (await d.query(slowRead(READ_TAG)))[0]?.n ?? null }));
        a.get('/api/test/slow-read-tx', async () => ({
          n: (await d.transaction((tx) => tx.run(slowRead(TX_TAG))))[0]?.n ?? null,
        }));
        a.get('/api/test/slow-write', async (req) => {
          const { token } = req.query as { token: string };
          return { n: (await d.query(SLOW_WRITE, { token }, { mode: 'write' }))[0]?.n ?? null };
        });
      },
    ],
  });
  ({ db, app } = proxied);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await db.query('MATCH (m:ParleyDisconnectTest) DELETE m', {}, { mode: 'write' });
  await proxied.close();
});

/** the transactions Neo4j runs whose query text holds `tag` (the tag is a parameter here, so this one is not) */
async function running(tag: string): Promise<string[]> {
  const rows = await db.query(
    'SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery CONTAINS $tag RETURN transactionId',
    { tag },
  );
  return rows.map((r) => String(r.transactionId));
}

async function until(what: string, ms: number, cond: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

/** starts a request and answers a way to drop its connection, as a closed browser tab does */
function request(path: string): { destroy: () => void; answered: () => boolean } {
  let answered = false;
  const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
    answered = true;
    res.resume();
  });
  req.on('error', () => {});
  return { destroy: () => req.destroy(), answered: () => answered };
}

describe('a client that goes away', () => {
  for (const [route, tag] of [
    ['/api/test/slow-read', READ_TAG],
    ['/api/test/slow-read-tx', TX_TAG],
  ] as const) {
    it(`stops its read on Neo4j (${route})`, async () => {
      const cancelled = db.admission.stats.cancelled;
      const client = request(route);
      await until('the read running on Neo4j', 20_000, async () => (await running(tag)).length > 0);
      const ids = await running(tag);
      client.destroy();
      const ms = await until('the read gone from SHOW TRANSACTIONS', BOUND_MS, async () => {
        const now = await running(tag);
        return !now.some((id) => ids.includes(id));
      });
      console.log(`[disconnect] ${route}: ${ids.join(', ')} gone from SHOW TRANSACTIONS ${ms} ms after the abort`);
      expect(client.answered()).toBe(false);
      // it ran (it held a turn), so it was not one of the queued requests the bulkhead drops
      expect(db.admission.stats.cancelled).toBe(cancelled);
      await until('its turn given back', 2_000, () => Promise.resolve(db.admission.load.running === 0));
    });
  }

  it('is answered 499 client_closed_request, not a 400 the database never gave', async () => {
    // Fastify writes nothing (and its onResponse hook does not run) once the socket is gone; a proxy that keeps
    // its side open would pass this on
    const res = await app.inject({ method: 'GET', url: '/api/test/cancelled' });
    expect(res.statusCode).toBe(499);
    expect(res.json()).toEqual({
      error: 'client_closed_request',
      message: 'The client went away; its query was stopped on the database.',
    });
  });

  it('does not cut its write short: the write commits whole', async () => {
    const token = `t${Date.now()}`;
    const client = request(`/api/test/slow-write?token=${token}`);
    await until('the write running on Neo4j', 20_000, async () => (await running(WRITE_TAG)).length > 0);
    client.destroy();
    await until('the write ended', 30_000, async () => (await running(WRITE_TAG)).length === 0);
    const rows = await db.query('MATCH (m:ParleyDisconnectTest {token: $token}) RETURN m.n AS n', { token });
    expect(rows).toEqual([{ n: 1_714_285 }]);
    expect(client.answered()).toBe(false);
  });
});
