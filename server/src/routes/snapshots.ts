/**
 * Snapshots API: list, read, save, delete. Reading never needs a token; saving and deleting do when
 * PARLEY_TOKEN is set (`Authorization: Bearer <token>`, compared in constant time). The body is validated
 * against the versioned snapshot format (contract/snapshots.ts, docs/snapshots.md) and capped at
 * SNAPSHOT_MAX_BYTES (413).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  describeSnapshotIssues,
  snapshotCreatedResponseSchema,
  snapshotDocumentSchema,
  snapshotListResponseSchema,
  snapshotParamsSchema,
  snapshotResponseSchema,
  SNAPSHOT_MAX_BYTES,
} from '../../../contract';
import { HttpError } from '../errors';
import { answers } from './answers';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Throws 401 unless the request carries the configured token (no token configured: anyone may write). */
export function checkToken(expected: string | undefined, req: FastifyRequest): void {
  if (!expected) return;
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // Hashing first makes both sides the same length, so the comparison time says nothing about the token.
  const ok = timingSafeEqual(digest(m?.[1] ?? ''), digest(expected)) && m !== null;
  if (!ok) {
    throw new HttpError(
      401,
      'unauthorized',
      m
        ? 'The token is wrong: send the server’s PARLEY_TOKEN as "Authorization: Bearer <token>".'
        : 'Saving and deleting snapshots need the server’s token: send "Authorization: Bearer <token>".',
    );
  }
}

export const snapshotRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;
  const requireToken = async (req: FastifyRequest) => checkToken(fastify.config.PARLEY_TOKEN, req);

  app.get(
    '/api/snapshots',
    {
      schema: {
        summary: 'Saved snapshots, newest first',
        tags: ['snapshots'],
        response: answers({ 200: snapshotListResponseSchema }),
      },
    },
    () => repos.snapshots.list(),
  );

  app.get(
    '/api/snapshots/:id',
    {
      schema: {
        summary: 'A snapshot, with the ids it drew that no longer exist',
        tags: ['snapshots'],
        params: snapshotParamsSchema,
        response: answers({ 200: snapshotResponseSchema }),
      },
    },
    (req) => repos.snapshots.get(req.params.id),
  );

  app.post(
    '/api/snapshots',
    {
      bodyLimit: SNAPSHOT_MAX_BYTES,
      onRequest: requireToken,
      schema: {
        summary: 'Save a snapshot (a snapshot file can be posted as it is: it gets a new id)',
        tags: ['snapshots'],
        response: answers({ 201: snapshotCreatedResponseSchema }),
      },
    },
    async (req, reply) => {
      // Validated here rather than by the route schema, so a foreign file gets one readable sentence.
      if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
        throw new HttpError(400, 'bad_request', 'Send the snapshot as a JSON object (Content-Type: application/json).');
      }
      const parsed = snapshotDocumentSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new HttpError(400, 'invalid_snapshot', `Invalid snapshot: ${describeSnapshotIssues(parsed.error)}.`);
      }
      const created = await repos.snapshots.create(parsed.data, req.parleyUser?.name ?? null);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/snapshots/:id',
    {
      onRequest: requireToken,
      schema: {
        summary: 'Delete a snapshot',
        tags: ['snapshots'],
        params: snapshotParamsSchema,
        response: answers({ 204: z.undefined().describe('deleted; no content') }),
      },
    },
    async (req, reply) => {
      await repos.snapshots.remove(req.params.id);
      return reply.code(204).send();
    },
  );
};
