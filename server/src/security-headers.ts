/**
 * The security headers of every answer (helmet's: CSP, frame, referrer, cross-origin policies, …), computed once
 * when the app is built and set on each request by one onRequest hook.
 *
 * Why not `@fastify/helmet`: it called `helmet(options)` on every request, building a dozen middlewares and
 * parsing the CSP directives each time, about 2% of the server's CPU under load, for a header set that never
 * changes here (no nonces, no per-route options, no directive computed from the request). Here `helmet` runs once
 * against a recording response, and its output is replayed: the same headers, set the same way (on the raw
 * response, in the same hook phase), so `test/unit/security-headers.test.ts` finds them identical to what
 * `@fastify/helmet` sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Parley's helmet options; `https`: PARLEY_HTTPS (served over TLS, directly or behind a proxy). */
export function helmetOptions(https: boolean): HelmetOptions {
  return {
    // Over plain HTTP these two turn every script and style into an https fetch that fails (a blank page) for
    // anyone reaching Parley by a name other than localhost; they are on when PARLEY_HTTPS says it is served
    // over TLS.
    hsts: https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    contentSecurityPolicy: {
      directives: {
        'upgrade-insecure-requests': https ? [] : null,
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // the ForceAtlas2 web worker is started from a blob: URL
        'worker-src': ["'self'", 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
      },
    },
  };
}

/** What `helmet(options)` does to a response: the headers it sets (in order) and the ones it removes. */
export interface HeaderSet {
  set: [string, string][];
  remove: string[];
}

/** Runs helmet once against a response that only records, and answers what it did. */
export function computeHeaders(options: HelmetOptions): HeaderSet {
  const out: HeaderSet = { set: [], remove: [] };
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      out.set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return recorder;
    },
    removeHeader(name: string) {
      out.remove.push(name);
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  // helmet's middlewares are synchronous; one that is not would make this replay incomplete
  if (!done) throw new Error('helmet did not finish synchronously; its headers cannot be computed once');
  return out;
}

/** Sets the security headers on every answer (an onRequest hook, where `@fastify/helmet` set them). */
export function registerSecurityHeaders(app: FastifyInstance, https: boolean): HeaderSet {
  const headers = computeHeaders(helmetOptions(https));
  const { set, remove } = headers;
  app.addHook('onRequest', (_req, reply, next) => {
    const res = reply.raw;
    for (const name of remove) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  });
  return headers;
}
