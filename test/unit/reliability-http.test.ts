// Issue 12, items 5, 6 and logging: deeply nested JSON is a 400 naming the limit (never a 500), the security
// headers fit plain HTTP unless PARLEY_HTTPS says otherwise, unknown Host headers are refused (DNS rebinding),
// and the log has one line per request without query strings or tokens. The app runs without a database: all
// of this happens before any repository is called (the stub throws if one is).
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, MAX_JSON_DEPTH, type AppConfig } from '../../server/src/app';
import { allowedHosts, ConfigError, loadConfig } from '../../server/src/config';
import { jsonDepthError } from '../../server/src/json-depth';
import type { Repositories } from '../../server/src/repositories';

const repos = new Proxy(
  { system: { ping: () => Promise.resolve(true) } },
  {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      if (typeof key === 'symbol' || key === 'getter' || key === 'setter' || key === 'then') return undefined;
      return new Proxy(
        {},
        {
          get: () => () => {
            throw new Error(`the test app has no repository "${key}"`);
          },
        },
      );
    },
  },
) as unknown as Repositories;

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function make(config: Partial<AppConfig> = {}, lines?: string[]) {
  const base = loadConfig({});
  app = await buildApp({
    config: { ...base, ...config },
    repos,
    staticDir: null,
    ...(lines ? { logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } } : {}),
  });
  return app;
}

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('JSON nesting depth', () => {
  it('measures the text, skipping strings and escapes', () => {
    expect(jsonDepthError(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBeNull();
    expect(jsonDepthError(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toMatch(/more than 64 levels/);
    expect(jsonDepthError(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }), 2)).toBeNull();
    expect(jsonDepthError('{"a":{"b":{}}}', 2)).toMatch(/more than 2 levels/);
  });

  it('console params nested 3,000 deep: 400 naming the limit', async () => {
    const a = await make();
    const body = `{"query":"RETURN $p AS p","params":{"p":${nested(3_000)}}}`;
    const res = await a.inject({
      method: 'POST',
      url: '/api/cypher',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/more than 64 levels/) });
  });

  it('a snapshot whose view.styles nest 5,000 deep: 400 naming the limit', async () => {
    const a = await make();
    const styles = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
    const body = `{"version":1,"title":"t","view":{"styles":${styles}},"graph":{"nodes":[],"edges":[]}}`;
    const res = await a.inject({
      method: 'POST',
      url: '/api/snapshots',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(/nested more than 64 levels/);
  });

  it('prototype-poisoned JSON is still refused', async () => {
    const a = await make();
    const res = await a.inject({
      method: 'POST',
      url: '/api/cypher',
      headers: { 'content-type': 'application/json' },
      payload: '{"query":"RETURN 1","__proto__":{"x":1}}',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('security headers over plain HTTP and over https', () => {
  it('plain HTTP (the default): no HSTS, no upgrade-insecure-requests', async () => {
    const res = await (await make()).inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).not.toMatch(/upgrade-insecure-requests/);
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'self'/);
  });

  it('PARLEY_HTTPS=true: both on', async () => {
    const res = await (await make({ PARLEY_HTTPS: true })).inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
  });
});

describe('allowed hosts (DNS rebinding)', () => {
  it('answers localhost, 127.0.0.1 and [::1] with any port; refuses another name with 421', async () => {
    const a = await make();
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:8080', 'LOCALHOST']) {
      expect((await a.inject({ method: 'GET', url: '/api/openapi.json', headers: { host } })).statusCode, host).toBe(
        200,
      );
    }
    const res = await a.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'rebind.attacker.example:8080' },
    });
    expect(res.statusCode).toBe(421);
    expect(res.json()).toMatchObject({
      error: 'host_not_allowed',
      message: expect.stringMatching(/rebind\.attacker\.example.*PARLEY_ALLOWED_HOSTS/),
    });
  });

  it('HOST adds its own name; PARLEY_ALLOWED_HOSTS replaces the list; * turns the check off', async () => {
    expect(allowedHosts({ HOST: 'parley.lan', PARLEY_ALLOWED_HOSTS: undefined })).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'parley.lan',
    ]);
    expect(allowedHosts({ HOST: '0.0.0.0', PARLEY_ALLOWED_HOSTS: undefined })).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
    ]);
    expect(allowedHosts({ HOST: '0.0.0.0', PARLEY_ALLOWED_HOSTS: 'Parley.example.org, 10.0.0.5' })).toEqual([
      'parley.example.org',
      '10.0.0.5',
    ]);
    expect(allowedHosts({ HOST: '0.0.0.0', PARLEY_ALLOWED_HOSTS: '*' })).toBeNull();
    const a = await make({ HOST: '0.0.0.0', PARLEY_ALLOWED_HOSTS: 'parley.example.org' });
    const host = (h: string) => a.inject({ method: 'GET', url: '/api/openapi.json', headers: { host: h } });
    expect((await host('parley.example.org')).statusCode).toBe(200);
    expect((await host('localhost')).statusCode).toBe(421);
  });

  it('bad values stop the server at start, naming the variable', () => {
    expect(() => loadConfig({ PARLEY_ALLOWED_HOSTS: 'a host with spaces' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARLEY_ALLOWED_HOSTS: 'a host with spaces' })).toThrow(/PARLEY_ALLOWED_HOSTS/);
    expect(() => loadConfig({ PARLEY_HTTPS: 'maybe' })).toThrow(/PARLEY_HTTPS/);
  });
});

describe('request log', () => {
  it('one line per request, none for health, never the query string or a token', async () => {
    const lines: string[] = [];
    const a = await make({}, lines);
    await a.inject({
      method: 'GET',
      url: '/api/openapi.json?q=secret-name&token=hunter22',
      headers: { authorization: 'Bearer sekret-token-123' },
    });
    await a.inject({ method: 'GET', url: '/api/health' });
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/api/openapi.json', status: 200 });
    expect(lines.join('\n')).not.toMatch(/secret-name|hunter22|sekret-token/);
  });
});
