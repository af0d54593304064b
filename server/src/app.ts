/**
 * Builds the Fastify app from its dependencies, without listening (index.ts listens; tests use `inject()`).
 * One error handler turns every failure into `{error, message}`: 4xx that say what to fix, 503/504 for the
 * database, and a bare 500 whose details stay in the log, never with a stack trace. It alone decides the HTTP
 * status of the console's refusals (REFUSAL_STATUS) and of database failures (DB_STATUS).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  ResponseSerializationError,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { ApiError } from '../../contract';
import { registerAccounts } from './auth';
import { allowedHosts, repoRoot, type Config } from './config';
import { ConsoleRefusal, type RefusalCode } from './console';
import { jsonDepthError } from './json-depth';
import { RequestLogBudget, SUMMARY_EVERY_MS, type LoggerOptions } from './logging';
import { HttpError } from './errors';
import { ExtractPool } from './extract/pool';
import { BUSY_RETRY_AFTER_S, inRequest } from './neo4j/admission';
import { DbError } from './neo4j/errors';
import type { Repositories } from './repositories';
import { routePlugins } from './routes';
import { registerSecurityHeaders } from './security-headers';

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
    config: AppConfig;
    extractor: ExtractPool;
  }
}

export type AppConfig = Pick<Config, 'PARLEY_RATE_LIMIT' | 'PARLEY_TOKEN' | 'PARLEY_QUERY_TIMEOUT_MS'> &
  Partial<
    Pick<
      Config,
      | 'PARLEY_IMPORT_MAX_MB'
      | 'HOST'
      | 'PARLEY_ALLOWED_HOSTS'
      | 'PARLEY_HTTPS'
      | 'PARLEY_LOG_PER_SECOND'
      | 'PARLEY_ACCOUNTS'
      | 'PARLEY_ACCOUNTS_SECRET_FILE'
      | 'PARLEY_OVERVIEW_ABOVE'
    >
  >;

/** Deepest nesting of arrays and objects a JSON body may have (a deeper one is a 400, before zod sees it). */
export const MAX_JSON_DEPTH = 64;

export interface AppDeps {
  config: AppConfig;
  repos: Repositories;
  /** folder of the built client (served at /, with index.html for client routes); none = API only */
  staticDir?: string | null;
  /** `stream` (tests) receives the log lines; `transport` writes them elsewhere (logging.ts: a rotated file) */
  logger?: boolean | LoggerOptions;
  /**
   * Check every answer against its response schema before sending it (default true: tests and development).
   * index.ts turns it off: checking a 5,000-node subgraph costs 0.2–0.5 s of the event loop on our machines, and
   * the handlers' return types are already checked against the same schemas at compile time.
   */
  checkAnswers?: boolean;
  /**
   * The worker thread that reads articles (extract/pool.ts). index.ts passes one it has warmed at start; without
   * it the app makes its own, started by the first article. The app closes it either way.
   */
  extractor?: ExtractPool;
  /** extra route plugins (each feature registers its routes here) */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
}

export const defaultStaticDir = path.join(repoRoot, 'dist', 'client');

function send(
  reply: { code(n: number): { send(b: unknown): unknown } },
  status: number,
  body: ApiError & Record<string, unknown>,
) {
  return reply.code(status).send(body);
}

/** The HTTP status of each console refusal: 400 for a query that is not one statement, 403 for what is forbidden. */
const REFUSAL_STATUS: Record<RefusalCode, number> = {
  empty_query: 400,
  multiple_statements: 400,
  write_not_allowed: 403,
  load_csv_disabled: 403,
  procedure_not_allowed: 403,
  use_not_allowed: 403,
  admin_not_allowed: 403,
  in_transactions_not_allowed: 403,
  profile_not_allowed: 403,
  function_not_allowed: 403,
  query_too_deep: 400,
};

/** The HTTP status and error code of each kind of database failure. */
const DB_STATUS: Record<DbError['kind'], [number, string]> = {
  unavailable: [503, 'database_unavailable'],
  busy: [503, 'console_busy'],
  overloaded: [503, 'busy'],
  timeout: [504, 'query_timeout'],
  syntax: [400, 'cypher_error'],
  memory: [422, 'query_too_large'],
  constraint: [409, 'constraint_violation'],
  client: [400, 'database_rejected'],
  // Decision: a request whose client went away (or whose console query was cancelled, which is the client
  // aborting it) is logged as 499, nginx's "client closed request": nobody reads the answer, and a 400 in the
  // log would say the database refused something it never refused.
  cancelled: [499, 'client_closed_request'],
  other: [500, 'internal'],
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // One line per request, written in onResponse below (none for health); Fastify's own two are off.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 5 * 1024 * 1024,
    // Client routes such as /s/<id> carry ids with colons; keep the default router otherwise.
    routerOptions: { maxParamLength: 512 },
    // Errors Fastify raises before routing (a URL that is not valid UTF-8, a bad content type) get our shape too.
    frameworkErrors: (err, _req, reply) => {
      void send(reply as never, 400, { error: 'bad_request', message: `The request is malformed: ${err.message}` });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Every route declares its answers (contract/). Each answer is checked against its schema (unless
  // checkAnswers is false), and then the data itself is sent: zod's own serializer would rebuild it from the
  // parsed copy, which drops keys the schema does not name and a `__proto__` key inside properties or Cypher rows
  // (data, see neo4j/convert.ts). An answer that breaks the contract is a bug: it is logged and becomes a bare 500.
  const checkAnswers = deps.checkAnswers ?? true;
  app.setSerializerCompiler(({ schema, method, url }) => {
    const check = schema as z.ZodType;
    return (data) => {
      if (!checkAnswers) return JSON.stringify(data);
      const result = check.safeParse(data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      return JSON.stringify(data);
    };
  });
  app.decorate('repos', deps.repos);
  app.decorate('config', deps.config);
  const extractor = deps.extractor ?? new ExtractPool();
  app.decorate('extractor', extractor);
  app.addHook('onClose', async () => extractor.close());

  // JSON bodies: the nesting depth is checked on the text before parsing, so a body nested thousands deep is a
  // 400 naming the limit, never a stack overflow in the parser or in zod (a 500). Fastify's own parser then
  // parses it, refusing prototype poisoning as before.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const tooDeep = jsonDepthError(text, MAX_JSON_DEPTH);
    if (tooDeep) {
      done(new HttpError(400, 'bad_request', `The JSON body ${tooDeep}`), undefined);
      return;
    }
    void parseJson(req, text, done);
  });

  // DNS rebinding: a page on another site that resolves its own name to this machine reaches Parley with its
  // own name in Host. Only the names Parley is meant to be reached by are answered (PARLEY_ALLOWED_HOSTS).
  const hosts = allowedHosts({
    HOST: deps.config.HOST ?? 'localhost',
    PARLEY_ALLOWED_HOSTS: deps.config.PARLEY_ALLOWED_HOSTS,
  });
  if (hosts) {
    app.addHook('onRequest', async (req, reply) => {
      const raw = (req.headers.host ?? '').toLowerCase();
      const name = raw.startsWith('[') ? raw.slice(0, raw.indexOf(']') + 1) : raw.replace(/:\d+$/, '');
      if (!hosts.includes(name)) {
        return send(reply, 421, {
          error: 'host_not_allowed',
          message: `This server does not answer to the host name "${name.slice(0, 100)}". If that is how you reach Parley, add it to PARLEY_ALLOWED_HOSTS (comma-separated; allowed now: ${hosts.join(', ')}).`,
        });
      }
    });
  }

  // Accounts on: every request but health, the session routes and the client's files signs in (auth.ts).
  registerAccounts(app, deps.config.PARLEY_ACCOUNTS ?? false, deps.config.PARLEY_ACCOUNTS_SECRET_FILE);

  // One log line per request (none for health), with the path but never the query string or any header, so
  // neither query parameters nor tokens reach the log. Under load, successful fast requests beyond
  // PARLEY_LOG_PER_SECOND are aggregated into one line every 10 s (logging.ts says why).
  const budget = new RequestLogBudget(deps.config.PARLEY_LOG_PER_SECOND ?? 20);
  const writeSummary = () => {
    const summary = budget.takeSummary();
    if (summary) app.log.info(summary, 'requests aggregated');
  };
  const summaryTimer = setInterval(writeSummary, SUMMARY_EVERY_MS);
  summaryTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(summaryTimer);
    writeSummary();
  });
  app.addHook('onResponse', async (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (url === '/api/health') return;
    const entry = {
      method: req.method,
      path: url,
      route: req.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (budget.admit(entry)) {
      req.log.info({ method: entry.method, path: entry.path, status: entry.status, ms: entry.ms }, 'request');
    }
  });

  // Each handler runs as its request's work (neo4j/admission.ts): its reads wait their turn in the bulkhead's
  // queue, and leave it when the client goes away. (preHandler, not onRequest: the handler is called from here.)
  app.addHook('preHandler', (_req, reply, done) => {
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    inRequest(abort.signal, done);
  });

  // Every 503 says when to try again: a busy queue or a busy extractor set their own Retry-After; any other 503
  // (the database unavailable, the health check, a shutdown) gets the breaker's estimate (neo4j/breaker.ts).
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String(deps.repos.system.retryAfterS()));
    }
    done(null, payload);
  });

  // helmet's headers, computed once (security-headers.ts says why); HSTS and upgrade-insecure-requests only with
  // PARLEY_HTTPS
  registerSecurityHeaders(app, deps.config.PARLEY_HTTPS ?? false);
  await app.register(rateLimit, { max: deps.config.PARLEY_RATE_LIMIT, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Parley API',
        description: 'Who met whom, about what, when, and on what evidence. Plain JSON throughout.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    // the schemas the contract names (GraphNode, JsonValue, …) become components, so recursion has a $ref target
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const parts = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where;
        return `${field}: ${v.message}`;
      });
      return send(reply, 400, { error: 'bad_request', message: `Invalid ${where}: ${parts.join('; ')}.` });
    }
    if (err instanceof HttpError) {
      return send(reply, err.statusCode, { error: err.code, message: err.message, ...(err.details ?? {}) });
    }
    if (err instanceof ConsoleRefusal) {
      return send(reply, REFUSAL_STATUS[err.code], { error: err.code, message: err.message });
    }
    if (err instanceof DbError) {
      const [status, code] = DB_STATUS[err.kind];
      if (status >= 500 && err.kind === 'other') req.log.error({ err }, 'database error');
      const message = status === 500 ? 'The database failed to answer; the error has been logged.' : err.message;
      // a full queue (or the console's turns): the client may try again shortly (other 503s: the onSend hook)
      if (err.kind === 'overloaded' || err.kind === 'busy')
        void reply.header('retry-after', String(BUSY_RETRY_AFTER_S));
      return send(reply, status, {
        error: code,
        message,
        ...(err.position ? { position: err.position } : {}),
      });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? 'rate_limited' : status === 413 ? 'payload_too_large' : 'bad_request';
      return send(reply, status, { error: code, message: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: 'internal', message: 'Something went wrong on the server; it has been logged.' });
  });

  for (const plugin of routePlugins) await app.register(plugin);
  for (const plugin of deps.plugins ?? []) await app.register(plugin);

  const staticDir = deps.staticDir === undefined ? defaultStaticDir : deps.staticDir;
  const hasClient = staticDir !== null && existsSync(path.join(staticDir, 'index.html'));
  if (hasClient && staticDir) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    if (hasClient && req.method === 'GET' && !url.startsWith('/api/') && !path.extname(url)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return send(reply, 404, {
      error: 'not_found',
      message: `${req.method} ${url} is not a Parley route; see /api/docs for the API.`,
    });
  });
  return app;
}
