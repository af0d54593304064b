// Issue 12: the real server (server/src/index.ts) as a child process. SIGTERM under load and with a console
// query in flight stops it within 10 s with exit code 0, every request answered (none a 500); and a Neo4j
// that is down at boot is named in the log while the server waits for it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDb, testEnv } from '../_helpers';
import { repoRoot } from '../../server/src/config';

function startServer(env: Record<string, string>) {
  // node itself (not the tsx wrapper), so the signal reaches the server's own handler
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'src', 'index.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const waitFor = async (re: RegExp, ms: number): Promise<RegExpExecArray> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = re.exec(stderr);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not log ${String(re)} within ${ms} ms; it logged:\n${stderr}`);
  };
  return { child, exited, waitFor, log: () => stderr };
}

const kill = (c: ChildProcess) => {
  if (c.exitCode === null) c.kill('SIGKILL');
};

describe('the server process', () => {
  it('SIGTERM under load, with a console query in flight: searches answered, none a 500, exit 0 within 10 s', async () => {
    const s = startServer({ ...testEnv(), PARLEY_LOAD_SEED: 'false' });
    try {
      const m = await s.waitFor(/ready in [\d.]+ s: http:\/\/localhost:(\d+)/, 120_000);
      const base = `http://127.0.0.1:${m[1]}`;
      expect((await fetch(`${base}/api/search?q=darchiev`)).status).toBe(200);
      // a console query that keeps Neo4j busy past the shutdown's grace period (it would run to the 15 s timeout)
      const slow = fetch(`${base}/api/cypher`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n',
        }),
      })
        .then(async (r) => `${r.status} ${(await r.json().catch(() => ({}))).error ?? ''}`)
        .catch((e: unknown) => `no answer: ${String((e as { cause?: unknown }).cause ?? e)}`);
      // load: 20 clients asking again and again until the server goes away
      let stop = false;
      const statuses: number[] = [];
      const client = async () => {
        while (!stop) {
          try {
            statuses.push((await fetch(`${base}/api/search?q=lavrov`)).status);
          } catch {
            return; // connection refused or closed: the server stopped accepting
          }
        }
      };
      const clients = Array.from({ length: 20 }, client);
      // SIGTERM only once the console query runs in Neo4j: sent but not yet read by the server, its connection
      // is idle to Node and is closed at once by server.close() (a reset, not an answer; seen once in CI).
      const db = testDb();
      try {
        const until = Date.now() + 30_000;
        for (;;) {
          const { rows } = await db.autoCommit(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH 'UNWIND range(1, 100000000000)' RETURN count(*) AS n",
          );
          if (Number(rows[0]?.['n'] ?? 0) > 0) break;
          if (Date.now() > until)
            throw new Error(`the console query never ran in Neo4j; the server logged:\n${s.log()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await db.close();
      }
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      s.child.kill('SIGTERM');
      const { code, at } = await s.exited;
      stop = true;
      await Promise.all(clients);
      expect(code, s.log()).toBe(0);
      expect(at - t0, s.log()).toBeLessThan(10_000);
      process.stderr.write(`[shutdown] SIGTERM with a console query in flight: exited in ${at - t0} ms\n`);
      const slowStatus = await slow;
      // The console query in flight is answered before the process goes: 503 once the grace period is over.
      expect(slowStatus, s.log()).toBe('503 database_unavailable');
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((st) => st >= 500 && st !== 503)).toEqual([]);
      expect(s.log()).toMatch(/SIGTERM: stopped in [\d.]+ s/);
    } finally {
      kill(s.child);
    }
  });

  it('Neo4j down at boot: the server says what it waits for, and SIGTERM stops it', async () => {
    // a port with nothing listening
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const s = startServer({ NEO4J_URI: `bolt://127.0.0.1:${port}` });
    try {
      await s.waitFor(
        new RegExp(
          `waiting for Neo4j at bolt://127\\.0\\.0\\.1:${port} to answer \\(\\d+ s so far; giving up after 120 s\\)`,
        ),
        60_000,
      );
      s.child.kill('SIGTERM');
      const { code } = await s.exited;
      expect(code).not.toBe(0);
    } finally {
      kill(s.child);
    }
  });
});
