/**
 * Builds the Fastify app from its dependencies, without listening (index.ts listens; tests use `inject()`).
 * One error handler turns every failure into `{error, message}`: 4xx that say what to fix, 503/504 for the
 * database, and a bare 500 whose details stay in the log, never with a stack trace.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ApiError } from './contract';
import { repoRoot, type Config } from './config';
import { HttpError } from './errors';
import { DbError } from './neo4j/errors';
import type { Repositories } from './repositories';
import { routePlugins } from './routes';

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
    config: AppConfig;
  }
}

export type AppConfig = Pick<Config, 'PARLEY_RATE_LIMIT' | 'PARLEY_TOKEN' | 'PARLEY_QUERY_TIMEOUT_MS'> &
  Partial<Pick<Config, 'PARLEY_IMPORT_MAX_MB'>>;

export interface AppDeps {
  config: AppConfig;
  repos: Repositories;
  /** folder of the built client (served at /, with index.html for client routes); none = API only */
  staticDir?: string | null;
  logger?: boolean | { level: string };
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

const DB_STATUS: Record<DbError['kind'], [number, string]> = {
  unavailable: [503, 'database_unavailable'],
  timeout: [504, 'query_timeout'],
  syntax: [400, 'cypher_error'],
  memory: [422, 'query_too_large'],
  constraint: [409, 'constraint_violation'],
  client: [400, 'database_rejected'],
  other: [500, 'internal'],
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // Client routes such as /s/<id> carry ids with colons; keep the default router otherwise.
    routerOptions: { maxParamLength: 512 },
    // Errors Fastify raises before routing (a URL that is not valid UTF-8, a bad content type) get our shape too.
    frameworkErrors: (err, _req, reply) => {
      void send(reply as never, 400, { error: 'bad_request', message: `The request is malformed: ${err.message}` });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('repos', deps.repos);
  app.decorate('config', deps.config);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
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
  });
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
    if (err instanceof DbError) {
      const [status, code] = DB_STATUS[err.kind];
      if (status >= 500 && err.kind === 'other') req.log.error({ err }, 'database error');
      const message = status === 500 ? 'The database failed to answer; the error has been logged.' : err.message;
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
