/** The Cypher console's API: run a read-only query, list the query library, list names for completion. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  cypherErrorSchema,
  cypherRequestSchema,
  cypherResponseSchema,
  cypherSchemaResponseSchema,
  queryLibraryResponseSchema,
  type JsonValue,
} from '../../../contract';
import { answers } from './answers';

/** The console's rate limit: a fifth of the global one (60 a minute with the default PARLEY_RATE_LIMIT of 300). */
export function consoleRateLimit(globalPerMinute: number): number {
  return Math.max(1, Math.floor(globalPerMinute / 5));
}

export const cypherRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos, config } = fastify;

  app.post(
    '/api/cypher',
    {
      schema: {
        summary: 'Run one read-only Cypher query (planned and checked first; capped at 1,000 rows)',
        tags: ['console'],
        body: cypherRequestSchema,
        response: answers({ 200: cypherResponseSchema }, cypherErrorSchema),
      },
      config: {
        rateLimit: { max: consoleRateLimit(config.PARLEY_RATE_LIMIT), timeWindow: '1 minute' },
      },
    },
    async (req) => {
      // When the client goes away before the answer, roll the transaction back at once.
      const abort = new AbortController();
      const onClose = () => {
        if (!req.raw.complete || !req.raw.socket || req.raw.socket.destroyed) abort.abort();
      };
      req.raw.socket?.once('close', onClose);
      try {
        return await repos.cypher.run(req.body.query, (req.body.params ?? {}) as Record<string, JsonValue>, {
          timeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
          signal: abort.signal,
        });
      } finally {
        req.raw.socket?.off('close', onClose);
      }
    },
  );

  app.get(
    '/api/queries',
    {
      schema: {
        summary: 'The query library: named, documented, parameterised queries',
        tags: ['console'],
        response: answers({ 200: queryLibraryResponseSchema }),
      },
    },
    () => ({ queries: repos.cypher.library() }),
  );

  app.get(
    '/api/cypher/schema',
    {
      schema: {
        summary: 'Labels, relationship types and property keys for completion',
        tags: ['console'],
        response: answers({ 200: cypherSchemaResponseSchema }),
      },
    },
    () => repos.cypher.schema(),
  );
};
