/**
 * Snapshots API: list, read, save, delete. Reading never needs a token; saving and deleting do when
 * PARLEY_TOKEN is set (`Authorization: Bearer <token>`, compared in constant time). The body is validated
 * against the versioned snapshot format (docs/snapshots.md) and capped at SNAPSHOT_BODY_LIMIT bytes (413).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SnapshotDocument } from '../contract';
import { HttpError } from '../errors';

export const SNAPSHOT_BODY_LIMIT = 2 * 1024 * 1024;
export const SNAPSHOT_MAX_NODES = 20_000;
export const SNAPSHOT_MAX_EDGES = 50_000;

const finite = z.number({ error: 'must be a number' });
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const id = z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters');
/** Colours end up in SVG attributes and canvas styles: only plain hex or rgb()/rgba() forms are accepted. */
export const cssColor = z
  .string()
  .regex(
    /^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\))$/,
    'must be a colour written #rrggbb, #rgb, #rrggbbaa or rgb()/rgba()',
  );
const isoDateOrNull = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .nullable();

const node = z.object({
  id,
  label: text(1000),
  kind: text(200),
  x: finite,
  y: finite,
  size: finite.min(0, 'must not be negative'),
  color: cssColor,
  derived: z.boolean().optional(),
});

const edge = z.object({
  id,
  source: id,
  target: id,
  type: text(200),
  label: text(1000).optional(),
  color: cssColor,
  size: finite.min(0, 'must not be negative'),
  curvature: finite.optional(),
  arrow: z.boolean().optional(),
  inferred: z.boolean().optional(),
  derived: z.boolean().optional(),
});

export const snapshotDocument = z
  .object({
    format: z.literal('parley-snapshot', { error: 'must be "parley-snapshot": this is not a Parley snapshot' }),
    version: z.literal(1, { error: 'must be 1: this Parley reads snapshot format version 1' }),
    title: text(300).trim().min(1, 'must not be empty: give the snapshot a title'),
    caption: text(5000),
    view: z.object({
      mode: z.enum(['graph', 'met']),
      camera: z.object({ x: finite, y: finite, ratio: finite.positive('must be above 0'), angle: finite }),
      viewport: z.object({ width: finite.positive(), height: finite.positive() }),
      bbox: z
        .object({ x: z.tuple([finite, finite]), y: z.tuple([finite, finite]) })
        .nullable()
        .optional(),
      filters: z.object({
        hiddenLabels: z.array(text(200)).max(1000),
        hiddenTypes: z.array(text(200)).max(1000),
        from: isoDateOrNull,
        to: isoDateOrNull,
      }),
      selection: z.array(id).max(SNAPSHOT_MAX_NODES),
      query: z
        .object({ kind: text(50), text: text(20_000), params: z.record(z.string(), z.json()).optional() })
        .nullable(),
      styles: z.record(z.string(), z.json()),
      legend: z.array(z.object({ label: text(200), color: cssColor, shape: z.enum(['circle', 'line']) })).max(200),
    }),
    graph: z.object({
      nodes: z.array(node).max(SNAPSHOT_MAX_NODES, `must hold at most ${SNAPSHOT_MAX_NODES} nodes`),
      edges: z.array(edge).max(SNAPSHOT_MAX_EDGES, `must hold at most ${SNAPSHOT_MAX_EDGES} edges`),
    }),
    sources: z
      .array(
        z.object({
          id,
          name: text(1000),
          outlet: text(1000).nullable(),
          published: text(100).nullable(),
        }),
      )
      .max(1000),
    id: z.string().max(512).optional(),
    created: z.string().max(100).optional(),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    doc.graph.nodes.forEach((n, i) => {
      if (ids.has(n.id))
        ctx.addIssue({ code: 'custom', path: ['graph', 'nodes', i, 'id'], message: `"${n.id}" appears twice` });
      ids.add(n.id);
    });
    doc.graph.edges.forEach((e, i) => {
      for (const end of ['source', 'target'] as const) {
        if (!ids.has(e[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['graph', 'edges', i, end],
            message: `"${e[end]}" is not one of the snapshot's nodes`,
          });
        }
      }
    });
  }) satisfies z.ZodType<SnapshotDocument>;

/** Turns zod issues into the one sentence the API answers with. */
export function describeSnapshotIssues(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((i) => `${i.path.join('.') || 'snapshot'}: ${i.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `Invalid snapshot: ${parts.join('; ')}${more}.`;
}

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

const snapshotId = z.object({ id });

export const snapshotRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;
  const requireToken = async (req: FastifyRequest) => checkToken(fastify.config.PARLEY_TOKEN, req);

  app.get('/api/snapshots', { schema: { summary: 'Saved snapshots, newest first', tags: ['snapshots'] } }, () =>
    repos.snapshots.list(),
  );

  app.get(
    '/api/snapshots/:id',
    {
      schema: {
        summary: 'A snapshot, with the ids it drew that no longer exist',
        tags: ['snapshots'],
        params: snapshotId,
      },
    },
    (req) => repos.snapshots.get(req.params.id),
  );

  app.post(
    '/api/snapshots',
    {
      bodyLimit: SNAPSHOT_BODY_LIMIT,
      onRequest: requireToken,
      schema: {
        summary: 'Save a snapshot (a snapshot file can be posted as it is: it gets a new id)',
        tags: ['snapshots'],
      },
    },
    async (req, reply) => {
      // Validated here rather than by the route schema, so a foreign file gets one readable sentence.
      if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
        throw new HttpError(400, 'bad_request', 'Send the snapshot as a JSON object (Content-Type: application/json).');
      }
      const parsed = snapshotDocument.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'invalid_snapshot', describeSnapshotIssues(parsed.error));
      const created = await repos.snapshots.create(parsed.data);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/snapshots/:id',
    {
      onRequest: requireToken,
      schema: { summary: 'Delete a snapshot', tags: ['snapshots'], params: snapshotId },
    },
    async (req, reply) => {
      await repos.snapshots.remove(req.params.id);
      return reply.code(204).send();
    },
  );
};
