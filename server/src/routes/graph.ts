/** The read API over the graph: health, schema, subgraphs, search, nodes, neighbours, paths, who-met-whom, sources. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  amongRequestSchema,
  graphQuerySchema,
  healthResponseSchema,
  idParamsSchema,
  metQuerySchema,
  metResponseSchema,
  neighborsQuerySchema,
  neighborsResponseSchema,
  nodeDetailsSchema,
  overviewQuerySchema,
  overviewResponseSchema,
  pathQuerySchema,
  pathResponseSchema,
  schemaResponseSchema,
  searchQuerySchema,
  searchResponseSchema,
  sourceDetailsSchema,
  sourceSummariesQuerySchema,
  sourceSummariesResponseSchema,
  subgraphSchema,
  type HealthResponse,
} from '../../../contract';
import { badRequest } from '../errors';
import { answers } from './answers';

export const graphRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;

  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Is the server up, and can it reach Neo4j?',
        tags: ['system'],
        response: answers({ 200: healthResponseSchema, 503: healthResponseSchema }),
      },
      config: { rateLimit: false },
    },
    async (_req, reply) => {
      const up = await repos.system.ping(2_000);
      const body: HealthResponse = up ? { status: 'ok', neo4j: 'up' } : { status: 'degraded', neo4j: 'down' };
      return reply.code(up ? 200 : 503).send(body);
    },
  );

  app.get(
    '/api/schema',
    {
      schema: {
        summary: 'Labels and relationship types, with counts',
        tags: ['graph'],
        response: answers({ 200: schemaResponseSchema }),
      },
    },
    () => repos.graph.schema(),
  );

  app.get(
    '/api/graph',
    {
      schema: {
        summary: 'A subgraph, filtered by label and by meeting date, capped',
        tags: ['graph'],
        querystring: graphQuerySchema,
        response: answers({ 200: subgraphSchema }),
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from && to && from > to) throw badRequest(`from (${from}) is after to (${to}); swap them.`);
      return repos.graph.subgraph(req.query);
    },
  );

  app.get(
    '/api/graph/overview',
    {
      schema: {
        summary: 'What the explorer opens on: the whole graph, or the most connected entities of a large database',
        description:
          'The whole graph (as GET /api/graph at its maximum) when the database has at most `threshold` entities (PARLEY_OVERVIEW_ABOVE); else the `limit` entities with the most relationships and the relationships among them. Either way `total` is the number of entities in the database.',
        tags: ['graph'],
        querystring: overviewQuerySchema,
        response: answers({ 200: overviewResponseSchema }),
      },
    },
    (req) => repos.graph.overview(req.query.limit, fastify.config.PARLEY_OVERVIEW_ABOVE ?? 5_000),
  );

  app.post(
    '/api/graph/among',
    {
      schema: {
        summary: 'The relationships among the given nodes (both ends listed), with their ends',
        description:
          'What the explorer asks after an expansion, so that every relationship whose two ends are in view is drawn.',
        tags: ['graph'],
        body: amongRequestSchema,
        response: answers({ 200: subgraphSchema }),
      },
    },
    (req) => repos.graph.among(req.body.ids),
  );

  app.get(
    '/api/search',
    {
      schema: {
        summary: 'Full-text search over names, aliases and descriptions',
        tags: ['graph'],
        querystring: searchQuerySchema,
        response: answers({ 200: searchResponseSchema }),
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
        params: idParamsSchema,
        response: answers({ 200: nodeDetailsSchema }),
      },
    },
    (req) => repos.graph.node(req.params.id),
  );

  app.get(
    '/api/nodes/:id/neighbors',
    {
      schema: {
        summary: 'A page of a node’s neighbours (or of the nodes within two hops), with the total count',
        tags: ['graph'],
        params: idParamsSchema,
        querystring: neighborsQuerySchema,
        response: answers({ 200: neighborsResponseSchema }),
      },
    },
    (req) =>
      repos.graph.neighbors(req.params.id, req.query.limit, req.query.offset, {
        type: req.query.type,
        label: req.query.label,
        hops: req.query.hops,
      }),
  );

  app.get(
    '/api/path',
    {
      schema: {
        summary: 'The shortest path between two nodes',
        tags: ['graph'],
        querystring: pathQuerySchema,
        response: answers({ 200: pathResponseSchema }),
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
        querystring: metQuerySchema,
        response: answers({ 200: metResponseSchema }),
      },
    },
    (req) => repos.meetings.met(req.query.person, req.query.with),
  );

  app.get(
    '/api/sources',
    {
      schema: {
        summary: 'Summaries (name, outlet, date; no text) of several sources, by id',
        tags: ['graph'],
        querystring: sourceSummariesQuerySchema,
        response: answers({ 200: sourceSummariesResponseSchema }),
      },
    },
    (req) => repos.sources.summaries(req.query.ids),
  );

  app.get(
    '/api/sources/:id',
    {
      schema: {
        summary: 'A source document with its full text',
        tags: ['graph'],
        params: idParamsSchema,
        response: answers({ 200: sourceDetailsSchema }),
      },
    },
    (req) => repos.sources.get(req.params.id),
  );
};
