// Issue 12, logs that can be kept: one line per request (none for health), successful requests beyond the
// per-second budget aggregated into one summary line, errors and slow requests always on their own line, a file
// rotated by size (pino-roll), and never a query string or a token. The app runs without a database (the stub
// answers only what these routes need).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../../server/src/app';
import { ConfigError, loadConfig } from '../../server/src/config';
import { loggerOptions, RequestLogBudget, SLOW_MS, type LoggerOptions } from '../../server/src/logging';
import type { Repositories } from '../../server/src/repositories';

const repos = { system: { ping: () => Promise.resolve(true) } } as unknown as Repositories;

let app: FastifyInstance | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function make(config: Partial<AppConfig>, logger: LoggerOptions) {
  app = await buildApp({ config: { ...loadConfig({}), ...config }, repos, staticDir: null, logger });
  return app;
}
const ok = (route: string, ms = 5) => ({ method: 'GET', path: route, route, status: 200, ms });

describe('the per-second budget', () => {
  it('gives the first N fast successes of a second their own line and counts the rest by route and status', () => {
    let now = 10_000;
    const b = new RequestLogBudget(2, () => now);
    expect([1, 2, 3, 4, 5].map(() => b.admit(ok('/api/search')))).toEqual([true, true, false, false, false]);
    expect(b.admit({ ...ok('/api/nodes/:id', 30), path: '/api/nodes/person:x' })).toBe(false);
    // errors and slow requests always get a line, whatever the budget
    expect(b.admit({ ...ok('/api/search'), status: 404 })).toBe(true);
    expect(b.admit({ ...ok('/api/search'), status: 503 })).toBe(true);
    expect(b.admit(ok('/api/search', SLOW_MS))).toBe(true);
    now += 1_000; // a new second, a new budget
    expect(b.admit(ok('/api/search'))).toBe(true);
    expect(b.takeSummary()).toEqual({
      aggregated: 4,
      routes: [
        { method: 'GET', route: '/api/search', status: 200, count: 3, meanMs: 5, maxMs: 5 },
        { method: 'GET', route: '/api/nodes/:id', status: 200, count: 1, meanMs: 30, maxMs: 30 },
      ],
    });
    expect(b.takeSummary()).toBeNull();
  });

  it('0 logs every request', () => {
    const b = new RequestLogBudget(0, () => 0);
    expect(Array.from({ length: 50 }, () => b.admit(ok('/api/search'))).every(Boolean)).toBe(true);
    expect(b.takeSummary()).toBeNull();
  });
});

describe('the request log of the app', () => {
  it('beyond the budget: one summary line by route pattern, errors on their own, no query string or token', async () => {
    const lines: string[] = [];
    const a = await make({ PARLEY_LOG_PER_SECOND: 1 }, { level: 'info', stream: { write: (l) => void lines.push(l) } });
    for (let i = 0; i < 6; i++) {
      await a.inject({
        method: 'GET',
        url: `/api/openapi.json?q=secret-name-${i}&token=hunter22`,
        headers: { authorization: 'Bearer sekret-token-123' },
      });
    }
    await a.inject({ method: 'GET', url: '/api/nope?token=hunter22' });
    await a.inject({ method: 'GET', url: '/api/health' });
    await a.close();
    app = null;
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = logged.filter((l) => l.msg === 'request');
    const summaries = logged.filter((l) => l.msg === 'requests aggregated');
    // the run may straddle a second: 1 or 2 of the six get their own line, the 404 always does
    expect(requests.filter((l) => l.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(requests.filter((l) => l.status === 200).length).toBeLessThanOrEqual(2);
    expect(requests.filter((l) => l.status === 404)).toEqual([expect.objectContaining({ path: '/api/nope' })]);
    expect(requests.some((l) => l.path === '/api/health')).toBe(false);
    expect(summaries).toHaveLength(1);
    const own = requests.filter((l) => l.status === 200).length;
    expect(summaries[0]).toMatchObject({
      aggregated: 6 - own,
      routes: [{ method: 'GET', route: '/api/openapi.json', status: 200, count: 6 - own }],
    });
    expect(lines.join('\n')).not.toMatch(/secret-name|hunter22|sekret-token/);
  });
});

describe('logging to a file', () => {
  it('is stdout by default, off when silent, and a pino-roll transport with PARLEY_LOG_FILE', () => {
    expect(loggerOptions(loadConfig({}))).toEqual({ level: 'info' });
    expect(loggerOptions(loadConfig({ PARLEY_LOG_LEVEL: 'silent', PARLEY_LOG_FILE: 'x.log' }))).toBe(false);
    expect(loggerOptions(loadConfig({ PARLEY_LOG_FILE: '/var/log/parley/parley.log' }))).toEqual({
      level: 'info',
      transport: {
        target: 'pino-roll',
        options: { file: '/var/log/parley/parley.log', size: '10m', limit: { count: 5 }, mkdir: true },
      },
    });
    expect(() => loadConfig({ PARLEY_LOG_MAX_SIZE: '10 MB' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARLEY_LOG_MAX_SIZE: '10 MB' })).toThrow(/PARLEY_LOG_MAX_SIZE/);
    expect(() => loadConfig({ PARLEY_LOG_FILES: '0' })).toThrow(/PARLEY_LOG_FILES/);
  });

  it('rotates by size and keeps only PARLEY_LOG_FILES rotated files besides the current one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-log-'));
    dirs.push(dir);
    const config = loadConfig({
      PARLEY_LOG_FILE: path.join(dir, 'logs', 'parley.log'),
      PARLEY_LOG_MAX_SIZE: '1k',
      PARLEY_LOG_FILES: '2',
    });
    const opts = loggerOptions(config);
    expect(opts).not.toBe(false);
    const a = await make({ PARLEY_LOG_PER_SECOND: 0 }, opts as LoggerOptions);
    // about 150 bytes a line: 80 lines are 12 KB, a dozen files' worth at 1 KB each. pino-roll looks at the size
    // after each write of the worker, which batches the lines it has: pauses make batches of a few lines.
    for (let i = 0; i < 80; i++) {
      await a.inject({ method: 'GET', url: `/api/openapi.json?token=hunter22-${i}` });
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 30));
    }
    // the transport writes from a worker thread: wait (bounded) until the last line has reached the disk
    const logs = path.join(dir, 'logs');
    const files = () => readdirSync(logs).filter((f) => /^parley\.\d+\.log$/.test(f));
    const text = () =>
      files()
        .map((f) => readFileSync(path.join(logs, f), 'utf8'))
        .join('');
    for (let i = 0; i < 100 && !/"ms":\d+,"msg":"request"\}\n$/.test(text().slice(-200)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 50 && files().length > 3; i++) await new Promise((r) => setTimeout(r, 100));
    const names = files().sort((x, y) => Number(x.split('.')[1]) - Number(y.split('.')[1]));
    expect(names.length).toBe(3);
    // the oldest were removed: the numbers kept are the last three of a dozen or so
    expect(Number(names[0]!.split('.')[1])).toBeGreaterThan(5);
    for (const f of names.slice(0, -1)) {
      const size = readFileSync(path.join(logs, f)).length;
      expect(size).toBeGreaterThanOrEqual(1024);
      expect(size).toBeLessThan(4 * 1024); // the size, overshot by at most one batch of lines
    }
    expect(text()).toMatch(/"path":"\/api\/openapi\.json"/);
    expect(text()).not.toMatch(/hunter22/);
  });
});
