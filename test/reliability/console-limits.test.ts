// No request can take the server down (issue 12): a console answer too large to decode is refused while it
// streams (neo4j/bolt-limits.ts), with the event loop free and Node's memory flat meanwhile; a query nesting
// deeper than the parser survives is refused before it reaches Neo4j. Real Neo4j, reached through a TCP proxy
// the test controls (test/_faultproxy.ts), so "nothing reached Neo4j" can be shown with Neo4j frozen.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MAX_NESTING } from '../../server/src/console';
import { loadConfig } from '../../server/src/config';
import { CONSOLE_MESSAGE_BYTES, DEFAULT_MESSAGE_BYTES } from '../../server/src/neo4j/bolt-limits';
import { CONSOLE_MAX_RUNS } from '../../server/src/neo4j/console';
import type { Db } from '../../server/src/neo4j/db';
import { DbError } from '../../server/src/neo4j/errors';
import type { FaultProxy } from '../_faultproxy';
import { proxiedApp, type ProxiedApp } from './_proxy';

const config = () => loadConfig({});
let proxy: FaultProxy;
let db: Db;
let app: FastifyInstance;

let proxied: ProxiedApp;

beforeAll(async () => {
  proxied = await proxiedApp();
  ({ proxy, db, app } = proxied);
});

afterAll(async () => {
  await proxied.close();
});

afterEach(async () => {
  await proxy.setMode('forward');
  for (let i = 0; i < 60 && (db.breaker.isOpen || (await health()).status !== 200); i++) {
    await new Promise((r) => setTimeout(r, 250));
  }
});

async function health() {
  const t0 = Date.now();
  const res = await app.inject({ method: 'GET', url: '/api/health' });
  return { status: res.statusCode, ms: Date.now() - t0 };
}

const consoleQuery = (query: string) => app.inject({ method: 'POST', url: '/api/cypher', payload: { query } });

/**
 * Runs `work` while health is asked every 100 ms and Node's resident memory sampled: the health answers, the
 * largest memory growth seen, and how long the work took.
 */
async function whileWatching<T>(work: () => Promise<T>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  let done = false;
  const answers: { status: number; ms: number }[] = [];
  const watcher = (async () => {
    while (!done) {
      peak = Math.max(peak, process.memoryUsage().rss);
      answers.push(await health());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = Date.now();
  const result = await work();
  const ms = Date.now() - t0;
  done = true;
  await watcher;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, answers, growthMiB: (peak - before) / 1024 / 1024 };
}

describe('console answers too large to decode', () => {
  const tooLarge = (body: { error: string; message: string }) => {
    expect(body.error).toBe('query_too_large');
    expect(body.message).toContain(`larger than ${CONSOLE_MESSAGE_BYTES / 1024} KiB`);
  };
  // 10,000,000: the first 512 KiB of the 50 MB row arrive within a second or two, and the row is refused.
  // 40,000,000: Neo4j builds the whole 200 MB row before its first byte leaves (18.8 s on a quiet machine, 63 s on a
  // loaded one), so what answers first is either the meter (422) or the transaction timeout (504, at most 3 s after
  // it: the client-side backstop). Either way: a clear answer, health answering, Node's memory flat.
  const cases = [
    { n: 10_000_000, statuses: [422] },
    { n: 40_000_000, statuses: [422, 504] },
  ];
  for (const { n, statuses } of cases) {
    it(
      `RETURN range(1, ${n.toLocaleString('en')}): ${statuses.join(' or ')}, health answering, memory flat`,
      {
        timeout: 60_000,
      },
      async () => {
        const w = await whileWatching(() => consoleQuery(`RETURN range(1, ${n}) AS r`));
        const body = w.result.json<{ error: string; message: string }>();
        expect(statuses, JSON.stringify(body)).toContain(w.result.statusCode);
        if (w.result.statusCode === 422) tooLarge(body);
        else expect(body.error).toBe('query_timeout');
        expect(w.ms).toBeLessThan(config().PARLEY_QUERY_TIMEOUT_MS + 5_000);
        // health kept answering, each time within 2 s (a blocked event loop answers none until the end)
        expect(w.answers.length).toBeGreaterThan(0);
        expect(w.answers.filter((a) => a.status !== 200)).toEqual([]);
        expect(Math.max(...w.answers.map((a) => a.ms))).toBeLessThan(2_000);
        // 10,000,000 alone grew Node by 700 MiB before (decoded whole); the meter keeps it flat
        expect(w.growthMiB).toBeLessThan(100);
        process.stderr.write(
          `[console-limits] range(1, ${n}): ${w.result.statusCode} in ${w.ms} ms; ${w.answers.length} health answers, slowest ${Math.max(...w.answers.map((a) => a.ms))} ms; memory +${w.growthMiB.toFixed(0)} MiB\n`,
        );
      },
    );
  }

  it('a row under the limit is answered whole, and the connection pool is fine after refusals', async () => {
    const res = await consoleQuery('RETURN [x IN range(1, 50000) | x % 7] AS r');
    expect(res.statusCode).toBe(200);
    const rows = res.json<{ rows: { r: number[] }[] }>().rows;
    expect(rows[0]?.r.length).toBe(50_000);
    expect(rows[0]?.r[8]).toBe(2);
  });

  it('many rows stream and are cut at the answer cap, never refused', async () => {
    const res = await consoleQuery('UNWIND range(1, 5000) AS i RETURN i, range(1, 2000) AS r');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ rows: unknown[]; summary: { truncated: boolean } }>();
    expect(body.summary.truncated).toBe(true);
    expect(body.rows.length).toBeGreaterThan(100);
  });

  it("Parley's own queries are size-bounded too (a larger limit: one string of 5 MB passes)", async () => {
    const big = 'x'.repeat(5_000_000);
    const rows = await db.query('RETURN $s AS s', { s: big });
    expect(rows[0]?.s).toBe(big);
    const tooBig = Math.ceil(DEFAULT_MESSAGE_BYTES / 5) + 1_000_000; // integers above 65535 take 5 bytes each
    const err = await db.query(`RETURN range(100000, ${100_000 + tooBig}) AS r`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).kind).toBe('memory');
    expect((err as DbError).message).toContain('64 MiB');
  });
});

describe('console queries at once', () => {
  it(`${CONSOLE_MAX_RUNS} run at once; the next waits its turn, then answers 503 console_busy; the rest of Parley is unaffected`, async () => {
    const abort = new AbortController();
    const runaway = 'UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n';
    const holding = Array.from({ length: CONSOLE_MAX_RUNS }, () =>
      app.repos.cypher.run(runaway, {}, { signal: abort.signal, timeoutMs: 60_000 }).catch((e: unknown) => e),
    );
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const w = await whileWatching(() => consoleQuery('RETURN 1 AS x'));
      expect(w.result.statusCode).toBe(503);
      expect(w.result.json()).toMatchObject({ error: 'console_busy' });
      expect(w.answers.filter((a) => a.status !== 200)).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/api/search?q=darchiev' })).statusCode).toBe(200);
    } finally {
      abort.abort();
    }
    for (const h of await Promise.all(holding)) expect((h as DbError).kind).toBe('cancelled');
    // the slots are free again
    expect((await consoleQuery('RETURN 1 AS x')).statusCode).toBe(200);
  });
});

describe('deeply nested queries', () => {
  const nested = (n: number) => 'RETURN ' + '('.repeat(n) + '1' + ')'.repeat(n) + ' AS x';

  it(`${MAX_NESTING} levels run; 10,000 levels are a 400 naming the limit, with nothing sent to Neo4j`, async () => {
    const ok = await consoleQuery(nested(MAX_NESTING));
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ rows: { x: number }[] }>().rows).toEqual([{ x: 1 }]);
    // Neo4j frozen: any request that reached it would wait for the breaker (503), never answer 400
    await proxy.setMode('freeze');
    const t0 = Date.now();
    const res = await consoleQuery(nested(10_000));
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'query_too_deep' });
    expect(res.json<{ message: string }>().message).toContain(`at most ${MAX_NESTING}`);
    expect(db.breaker.isOpen).toBe(false);
  });

  it('fifty of them at once: every one a 400, health answering 200 throughout', async () => {
    const shapes = [nested(10_000), 'RETURN ' + 'NOT '.repeat(10_000) + 'true', 'RETURN ' + '['.repeat(10_000)];
    const w = await whileWatching(() =>
      Promise.all(Array.from({ length: 50 }, (_, i) => consoleQuery(shapes[i % shapes.length]!))),
    );
    expect(w.result.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 400));
    expect(w.answers.filter((a) => a.status !== 200)).toEqual([]);
    expect((await health()).status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/search?q=darchiev' })).statusCode).toBe(200);
  });
});
