// The security headers computed once (server/src/security-headers.ts) are the ones `@fastify/helmet` 13.2.0 sent:
// test/fixtures/security-headers.json holds every header, in order, of a page (the index file and a client route),
// API routes (the OpenAPI document, health, a 404 and a 500) over plain HTTP and with PARLEY_HTTPS, captured from
// the app as it was before the change (commit 6e55d08). Only what differs between runs is left out: the date,
// the file's time stamps and the body's length. The app runs without a database (health's ping is a stub).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loadConfig, repoRoot } from '../../server/src/config';
import type { Repositories } from '../../server/src/repositories';
import { computeHeaders, helmetOptions } from '../../server/src/security-headers';

type Captured = Record<string, { status: number; headers: [string, string][] }>;
const before = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'security-headers.json'), 'utf8'),
) as Captured;
const VARYING = new Set(['date', 'last-modified', 'etag', 'content-length']);

const repos = { system: { ping: () => Promise.resolve(true), retryAfterS: () => 1 } } as unknown as Repositories;
const dir = mkdtempSync(path.join(tmpdir(), 'parley-headers-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Parley</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('security headers, computed once', () => {
  it('are what @fastify/helmet sent, header for header, on pages and API routes', async () => {
    const now: Captured = {};
    for (const https of [false, true]) {
      const app = await buildApp({ config: { ...loadConfig({}), PARLEY_HTTPS: https }, repos, staticDir: dir });
      try {
        // the same requests, in the same order, as the capture (the rate limit's count is part of the headers)
        for (const url of ['/', '/s/abc', '/api/openapi.json', '/api/health', '/api/nope', '/api/nodes/x']) {
          const res = await app.inject({ method: 'GET', url });
          const headers = Object.entries(res.headers)
            .filter(([name]) => !VARYING.has(name))
            .map(([name, value]) => [name, String(value)] as [string, string]);
          now[`${https ? 'https' : 'http'} ${url}`] = { status: res.statusCode, headers };
        }
      } finally {
        await app.close();
      }
    }
    expect(Object.keys(before)).toHaveLength(12);
    expect(now).toEqual(before);
  });

  it('helmet runs once, and HSTS and upgrade-insecure-requests come only with PARLEY_HTTPS', () => {
    const plain = computeHeaders(helmetOptions(false));
    const tls = computeHeaders(helmetOptions(true));
    const names = (h: typeof plain) => h.set.map(([n]) => n.toLowerCase());
    expect(names(plain)).not.toContain('strict-transport-security');
    expect(names(tls)).toContain('strict-transport-security');
    const csp = (h: typeof plain) => h.set.find(([n]) => n.toLowerCase() === 'content-security-policy')?.[1] ?? '';
    expect(csp(plain)).not.toMatch(/upgrade-insecure-requests/);
    expect(csp(tls)).toMatch(/upgrade-insecure-requests/);
    expect(plain.remove).toEqual(['X-Powered-By']);
  });
});
