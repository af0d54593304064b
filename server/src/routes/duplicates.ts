/**
 * Duplicates API: candidate pairs, "not the same", merges and their undo (README "Duplicates"). Reading never
 * needs a token; every write does when PARLEY_TOKEN is set (`Authorization: Bearer <token>`, as for snapshots).
 * Proposals are only answers: nothing is merged unless a reviewer posts a merge.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dismissRequest,
  dismissResponse,
  duplicatesQuery,
  duplicatesResponse,
  mergeIdParams,
  mergeListResponse,
  mergeRecord,
  mergeRequest,
  undoRequest,
} from '../../../contract';
import { HttpError } from '../errors';
import { answers } from './answers';
import type { Actor } from '../repositories/duplicates';
import { checkToken } from './snapshots';

export const duplicateRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;

  /** 401 unless the token is given (when one is configured); runs before the body is read. */
  const requireToken = async (req: FastifyRequest) => {
    try {
      checkToken(fastify.config.PARLEY_TOKEN, req);
    } catch (err) {
      if (err instanceof HttpError && err.statusCode === 401) {
        throw new HttpError(
          401,
          'unauthorized',
          'Merging, undoing and dismissing duplicates need the server’s token: send "Authorization: Bearer <token>".',
        );
      }
      throw err;
    }
  };
  /** Who did it, for the record (the token was checked by requireToken, the account by auth.ts). */
  const actor = (req: FastifyRequest, reviewer: string | undefined): Actor => ({
    reviewer: reviewer ?? null,
    authenticated: Boolean(fastify.config.PARLEY_TOKEN) || req.parleyUser !== null,
    user: req.parleyUser?.name ?? null,
  });

  app.get(
    '/api/duplicates',
    {
      schema: {
        summary: 'Candidate duplicate pairs (same labels), best first, each with its score and reasons',
        tags: ['duplicates'],
        querystring: duplicatesQuery,
        response: answers({ 200: duplicatesResponse }),
      },
    },
    (req) => repos.duplicates.candidates(req.query.label ?? null, req.query.limit),
  );

  app.post(
    '/api/duplicates/dismiss',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Record that two nodes are not the same (never proposed again)',
        tags: ['duplicates'],
        body: dismissRequest,
        response: answers({ 200: dismissResponse, 201: dismissResponse }),
      },
    },
    async (req, reply) => {
      const by = actor(req, req.body.reviewer);
      const out = await repos.duplicates.dismiss(req.body.a, req.body.b, by);
      return reply.code(out.created ? 201 : 200).send(out);
    },
  );

  app.get(
    '/api/merges',
    {
      schema: { summary: 'Merges, newest first', tags: ['duplicates'], response: answers({ 200: mergeListResponse }) },
    },
    () => repos.duplicates.list(),
  );

  app.get(
    '/api/merges/:id',
    {
      schema: {
        summary: 'One merge record',
        tags: ['duplicates'],
        params: mergeIdParams,
        response: answers({ 200: mergeRecord }),
      },
    },
    (req) => repos.duplicates.get(req.params.id),
  );

  app.post(
    '/api/merges',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Merge the node `merge` into the node `keep` (one transaction; recorded; can be undone)',
        tags: ['duplicates'],
        body: mergeRequest,
        response: answers({ 201: mergeRecord }),
      },
    },
    async (req, reply) => {
      const by = actor(req, req.body.reviewer);
      return reply.code(201).send(await repos.duplicates.merge(req.body.keep, req.body.merge, by));
    },
  );

  app.post(
    '/api/merges/:id/undo',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Undo a merge: both nodes and every relationship as they were before it',
        tags: ['duplicates'],
        params: mergeIdParams,
        body: undoRequest,
        response: answers({ 200: mergeRecord }),
      },
    },
    (req) => repos.duplicates.undo(req.params.id, actor(req, req.body?.reviewer)),
  );
};
