/** The read API over the graph: health, schema, subgraphs, search, nodes, neighbours, paths, who-met-whom, sources. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HealthResponse } from '../contract';
import { badRequest } from '../errors';
import { GRAPH_DEFAULT_LIMIT, GRAPH_MAX_LIMIT } from '../repositories/graph';
import { SOURCES_MAX_IDS } from '../repositories/sources';
import { apiId, intParam, isoDate, nameList } from './params';

export const graphRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;

  app.get(
    '/api/health',
    {
      schema: { summary: 'Is the server up, and can it reach Neo4j?', tags: ['system'] },
      config: { rateLimit: false },
    },
    async (_req, reply) => {
      const up = await repos.system.ping(2_000);
      const body: HealthResponse = up ? { status: 'ok', neo4j: 'up' } : { status: 'degraded', neo4j: 'down' };
      return reply.code(up ? 200 : 503).send(body);
    },
  );

  app.get('/api/schema', { schema: { summary: 'Labels and relationship types, with counts', tags: ['graph'] } }, () =>
    repos.graph.schema(),
  );

  app.get(
    '/api/graph',
    {
      schema: {
        summary: 'A subgraph, filtered by label and by meeting date, capped',
        tags: ['graph'],
        querystring: z.object({
          labels: nameList,
          from: isoDate.optional(),
          to: isoDate.optional(),
          limit: intParam(GRAPH_DEFAULT_LIMIT, 1, GRAPH_MAX_LIMIT),
        }),
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from && to && from > to) throw badRequest(`from (${from}) is after to (${to}); swap them.`);
      return repos.graph.subgraph(req.query);
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Full-text search over names, aliases and descriptions',
        tags: ['graph'],
        querystring: z.object({
          q: z
            .string()
            .trim()
            .min(1, 'must not be empty: type part of a name')
            .max(200, 'must be at most 200 characters'),
          limit: intParam(10, 1, 50),
        }),
      },
    },
    (req) => repos.search.search(req.query.q, req.query.limit),
  );

  app.get(
    '/api/nodes/:id',
    {
      schema: {
        summary: 'A node, its relationships and their evidence',
        tags: ['graph'],
        params: z.object({ id: apiId }),
      },
    },
    (req) => repos.graph.node(req.params.id),
  );

  app.get(
    '/api/nodes/:id/neighbors',
    {
      schema: {
        summary: 'A page of a node’s neighbours, with the total count',
        tags: ['graph'],
        params: z.object({ id: apiId }),
        querystring: z.object({ limit: intParam(25, 1, 500), offset: intParam(0, 0, 1_000_000) }),
      },
    },
    (req) => repos.graph.neighbors(req.params.id, req.query.limit, req.query.offset),
  );

  app.get(
    '/api/path',
    {
      schema: {
        summary: 'The shortest path between two nodes',
        tags: ['graph'],
        querystring: z.object({ from: apiId, to: apiId, maxHops: intParam(6, 1, 15) }),
      },
    },
    (req) => repos.graph.path(req.query.from, req.query.to, req.query.maxHops),
  );

  app.get(
    '/api/met',
    {
      schema: {
        summary: 'Who met whom: everyone who attended a meeting with this person',
        tags: ['meetings'],
        querystring: z.object({ person: apiId }),
      },
    },
    (req) => repos.meetings.met(req.query.person),
  );

  app.get(
    '/api/sources',
    {
      schema: {
        summary: 'Summaries (name, outlet, date; no text) of several sources, by id',
        tags: ['graph'],
        querystring: z.object({
          ids: z.preprocess(
            (v) =>
              (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
            z
              .array(apiId)
              .min(1, 'must list at least one source id, comma-separated')
              .max(SOURCES_MAX_IDS, `must list at most ${SOURCES_MAX_IDS} ids; ask in several requests`),
          ),
        }),
      },
    },
    (req) => repos.sources.summaries(req.query.ids),
  );

  app.get(
    '/api/sources/:id',
    {
      schema: { summary: 'A source document with its full text', tags: ['graph'], params: z.object({ id: apiId }) },
    },
    (req) => repos.sources.get(req.params.id),
  );
};
