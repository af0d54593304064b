// Issue 12, "the suite": property-based fuzzing of every route the OpenAPI document lists, against the run's real
// Neo4j. fast-check generates the path (its parameters, sometimes an extra segment or a stray method), the query
// string (the route's own parameters and others, repeated, empty, huge), the body (JSON of any shape, the
// route's own fields with any values, broken JSON, deep nesting, multipart, text) and the headers (content type,
// accept, authorization, noise). Every answer must be 2xx or 4xx, never 5xx; come within 2 s (a deadline for
// "never hangs", not a benchmark: speed is measured by `npm run bench:load`); and carry no internal detail —
// no stack trace, file path, or Neo4j/Java error code — unless the request itself contained that text (an error
// may quote the input back). Each 4xx is Parley's `{error, message}`.
//
// Runs are bounded and seeded: PARLEY_FUZZ_RUNS per route (default 12, part of `npm test`) from PARLEY_FUZZ_SEED
// (default 12). A failure prints the seed and the shrunk request; rerun with both to reproduce.
//
// Writes: the app has a token and the fuzzer sends it (among other forms) so that write routes validate their
// bodies too. Random input cannot name a real node, merge or import, so writes end in a 4xx — except three
// routes a generated request could really change the shared database through: creating the search index (no body
// needed), the caption settings (`{captions:{}}` is valid) and a non-dry-run import (a multipart file holding `{}`
// is a valid empty data set). Those get the right token only where the request cannot write (imports: dryRun).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { createTestApp, type TestApp } from '../_helpers';

const RUNS = Number(process.env.PARLEY_FUZZ_RUNS ?? 12);
const SEED = Number(process.env.PARLEY_FUZZ_SEED ?? 12);
const DEADLINE_MS = 2_000;
const TOKEN = 'fuzz-token-0123456789';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
interface Param {
  in: string;
  name: string;
}
interface Op {
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
interface Route {
  method: Method;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyKeys: string[];
}

/** Routes where a generated request could be a real write to the shared test database (see the header). */
const NEVER_TOKEN = new Set(['POST /api/search/index', 'PUT /api/settings/captions']);
const TOKEN_ONLY_DRY_RUN = new Set(['POST /api/imports']);

// What an answer must never show unless the request carried it: stack frames, file paths, Neo4j or Java names.
const INTERNAL: [string, RegExp][] = [
  ['a stack frame', /\n\s+at\s+\S+|\bat [\w$.<>]+ \((?:file:|\/|node:)/],
  ['a file path', /(?:\/(?:home|work|usr|tmp|root|var|opt|srv)\/[\w.-]+)|node_modules|file:\/\//],
  ['a source location', /\b[\w-]+\.(?:ts|js|mjs|cypher|java):\d+/],
  ['the repository folder', new RegExp(repoRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
  ['a Neo4j status code', /\bNeo\.(?:ClientError|TransientError|DatabaseError|ClientNotification)\b/],
  ['a driver or Java error name', /\b(?:Neo4jError|ServiceUnavailable|SessionExpired|java\.\w+|org\.neo4j)\b/],
  ['a JavaScript error name', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError): /],
];

// --- generators -------------------------------------------------------------------------------------------

/** Text that stresses parsers: any unicode, control characters, URL escapes, path tricks, huge and empty. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\u001c',
    '\ud800',
    'person:sonata-coulter',
    'source:us-russia-embassy-talks-istanbul',
    "'; MATCH (n) DETACH DELETE n //",
    '{"a":1}',
    '__proto__',
    'constructor',
    '-1',
    '0',
    '1e309',
    '9007199254740993',
    'NaN',
    'true',
    '<script>alert(1)</script>',
    'x'.repeat(5_000),
  ),
);

/** encodeURIComponent, with a lone surrogate sent as the (invalid UTF-8) bytes it would be, not thrown. */
function enc(s: string): string {
  let out = '';
  for (const ch of s) out += /^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch);
  return out;
}

/** A path segment: usually encoded, sometimes raw escapes that are not valid UTF-8 or not escapes at all. */
const segment = fc.oneof(
  { weight: 4, arbitrary: nasty.map((s) => enc(s)) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%ff', '%C0%AF', '..%2F..', '%2e%2e', '%00', 'a%2Fb', '%') },
);

const queryValue = fc.oneof(
  nasty.map((s) => enc(s)),
  fc.integer().map(String),
  fc.double().map((d) => enc(String(d))),
  fc.constantFrom('', '%', '%zz', '1,2,3', 'Person,Meeting', 'keep', 'replace', '1'),
);

function queryString(route: Route) {
  const key = fc.oneof(
    ...(route.queryParams.length ? [fc.constantFrom(...route.queryParams)] : []),
    fc.constantFrom('__proto__', 'constructor', 'q[]', 'a[b]', '', '%', 'token', 'limit'),
    fc.string({ maxLength: 8 }).map((s) => enc(s)),
  );
  return fc
    .array(fc.tuple(key, fc.option(queryValue, { nil: undefined })), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&'));
}

const json = fc.jsonValue({ maxDepth: 4 });

function body(route: Route) {
  const fields = route.bodyKeys.length
    ? [
        fc
          .dictionary(fc.constantFrom(...route.bodyKeys), fc.oneof(json, nasty), { maxKeys: route.bodyKeys.length })
          .map((o) => JSON.stringify(o)),
      ]
    : [];
  return fc.oneof(
    fc.constant(undefined),
    json.map((v) => JSON.stringify(v)),
    ...fields,
    ...fields,
    fc.constantFrom('{', '[1,2', '{"a":}', 'null', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
    fc.integer({ min: 60, max: 400 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    nasty,
  );
}

const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/html',
  'application/pdf',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'multipart/form-data',
  'application/octet-stream',
  'garbage/;;;',
);

/** A multipart body with one generated file (name and contents), for the upload route. */
const multipart = fc
  .tuple(
    fc.constantFrom('a.json', 'a.csv', 'a.txt', 'a.gexf', 'a.graphml', 'a.exe', '../a.json', ''),
    fc.oneof(
      json.map((v) => JSON.stringify(v)),
      nasty,
    ),
  )
  .map(
    ([name, content]) =>
      `--fuzz\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${content}\r\n--fuzz--\r\n`,
  );

const authorization = fc.constantFrom(
  undefined,
  `Bearer ${TOKEN}`,
  `Bearer ${TOKEN}`,
  'Bearer wrong-token-0000',
  'Bearer',
  'Basic Zm9vOmJhcg==',
  'Basic %%%',
  `bearer ${TOKEN} extra`,
  'x'.repeat(2_000),
);

function request(route: Route) {
  return fc.record({
    params: fc.array(segment, { minLength: route.pathParams.length, maxLength: route.pathParams.length }),
    extraSegment: fc.option(segment, { nil: undefined, freq: 8 }),
    method: fc.option(fc.constantFrom<Method>('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), { nil: undefined, freq: 8 }),
    query: fc.option(queryString(route), { nil: undefined, freq: 3 }),
    body: route.path === '/api/imports' ? fc.oneof(body(route), multipart) : body(route),
    contentType,
    accept: fc.constantFrom(undefined, 'application/json', 'application/x-ndjson', '*/*', 'text/html', ';;'),
    authorization,
    noise: fc.dictionary(
      fc.constantFrom('x-forwarded-for', 'cookie', 'x-request-id', 'if-none-match', 'origin', 'range'),
      fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
      { maxKeys: 3 },
    ),
  });
}

// --- the test ---------------------------------------------------------------------------------------------

let t: TestApp;
let routes: Route[] = [];

beforeAll(async () => {
  t = await createTestApp({ config: { PARLEY_TOKEN: TOKEN } });
  const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, Op>>;
  }>();
  routes = Object.entries(spec.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([m, op]) => ({
      method: m.toUpperCase() as Method,
      path: p,
      pathParams: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
      queryParams: (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name),
      bodyKeys: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('fuzzing every route of the OpenAPI document', () => {
  it('finds the routes to fuzz (every one the API test lists, 30 or more)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/cypher');
  });

  it(
    'answers every generated request with 2xx or 4xx, within 2 s, and no internal detail',
    async () => {
      let sent = 0;
      const seen = new Set<number>();
      for (const [i, route] of routes.entries()) {
        const name = `${route.method} ${route.path}`;
        await fc.assert(
          fc.asyncProperty(request(route), async (r) => {
            let url = route.path;
            route.pathParams.forEach((p, k) => (url = url.replace(`{${p}}`, r.params[k] || 'x')));
            if (r.extraSegment !== undefined) url += `/${r.extraSegment}`;
            if (r.query !== undefined) url += `?${r.query}`;
            const canWrite = NEVER_TOKEN.has(name)
              ? false
              : TOKEN_ONLY_DRY_RUN.has(name)
                ? /(^|&)dryRun=1(&|$)/.test(r.query ?? '') && !/(^|&)dryRun=(?!1(&|$))/.test(r.query ?? '')
                : true;
            const auth = !canWrite && r.authorization?.includes(TOKEN) ? 'Bearer wrong-token-0000' : r.authorization;
            const headers: Record<string, string> = { ...r.noise };
            if (r.contentType !== undefined) headers['content-type'] = r.contentType;
            if (r.accept !== undefined) headers.accept = r.accept;
            if (auth !== undefined) headers.authorization = auth;
            const method = r.method ?? route.method;
            const payload = r.body !== undefined && method !== 'GET' ? r.body : undefined;
            const t0 = performance.now();
            const res = await t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
            const ms = performance.now() - t0;
            sent++;
            seen.add(res.statusCode);
            const what = `${method} ${url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(
              (res.statusCode >= 200 && res.statusCode < 300) || (res.statusCode >= 400 && res.statusCode < 500),
              what,
            ).toBe(true);
            expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(DEADLINE_MS);
            const sentText = `${url}\n${JSON.stringify(headers)}\n${payload ?? ''}`;
            for (const [label, re] of INTERNAL) {
              if (re.test(res.body) && !re.test(sentText)) expect.fail(`${what}: the answer shows ${label}`);
            }
            if (res.statusCode >= 400) {
              const err = res.json<{ error?: unknown; message?: unknown }>();
              expect(typeof err.error, what).toBe('string');
              expect(typeof err.message, what).toBe('string');
            }
          }),
          { numRuns: RUNS, seed: SEED + i, endOnFailure: true },
        );
      }
      expect(sent).toBeGreaterThanOrEqual(routes.length * RUNS);
      // the fuzzer gets past validation (2xx) as well as into it (400, 401, 404, …)
      if (process.env.PARLEY_FUZZ_VERBOSE) console.log([...seen].sort());
      expect([...seen].some((s) => s < 300)).toBe(true);
      expect([...seen].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3);
    },
    // bounded runs: about 400 requests by default, most in a few milliseconds
    600_000,
  );
});
