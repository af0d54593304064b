/**
 * Any Neo4j database: the full-text index Parley offers to create (GET says what it would create, POST creates
 * it: the user's consent on a database Parley does not own), and the caption settings remembered per database.
 * Writes need PARLEY_TOKEN when it is set.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { captionSettingsSchema, searchIndexStatusSchema } from '../../../contract';
import { answers } from './answers';
import { checkToken } from './snapshots';

export const catalogRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;
  const requireToken = async (req: FastifyRequest) => checkToken(fastify.config.PARLEY_TOKEN, req);

  app.get(
    '/api/search/index',
    {
      schema: {
        summary: 'Does a full-text index cover every label and string property? What would Parley create?',
        tags: ['search'],
        response: answers({ 200: searchIndexStatusSchema }),
      },
    },
    () => repos.catalog.indexStatus(),
  );

  app.post(
    '/api/search/index',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Create (or bring up to date) the full-text index over every label and string property',
        tags: ['search'],
        response: answers({ 200: searchIndexStatusSchema }),
      },
    },
    () => repos.catalog.createIndex(),
  );

  app.get(
    '/api/settings/captions',
    {
      schema: {
        summary: 'The caption property chosen per label (overrides of the caption rule), saved in this database',
        tags: ['settings'],
        response: answers({ 200: captionSettingsSchema }),
      },
    },
    () => repos.catalog.captions(),
  );

  app.put(
    '/api/settings/captions',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Replace the caption overrides (label → string property); an empty map restores the rule',
        tags: ['settings'],
        body: captionSettingsSchema,
        response: answers({ 200: captionSettingsSchema }),
      },
    },
    (req) => repos.catalog.saveCaptions(req.body),
  );
};
