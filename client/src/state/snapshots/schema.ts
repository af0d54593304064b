/**
 * The snapshot file format, version 1 (docs/snapshots.md), checked when a file is imported so a corrupt or
 * foreign file is refused with a clear message before anything changes. Mirrors the server's schema in
 * server/src/routes/snapshots.ts (test/unit/snapshot-schema.test.ts runs both on the same files).
 */
import { z } from 'zod';
import type { SnapshotDocument } from '../../../../server/src/contract';

const finite = z.number({ error: 'must be a number' });
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const id = z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters');
const color = z
  .string()
  .regex(
    /^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\))$/,
    'must be a colour written #rrggbb, #rgb, #rrggbbaa or rgb()/rgba()',
  );
const isoDateOrNull = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .nullable();

export const MAX_NODES = 20_000;
export const MAX_EDGES = 50_000;

export const snapshotSchema = z
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
      selection: z.array(id).max(MAX_NODES),
      query: z
        .object({ kind: text(50), text: text(20_000), params: z.record(z.string(), z.json()).optional() })
        .nullable(),
      styles: z.record(z.string(), z.json()),
      legend: z.array(z.object({ label: text(200), color, shape: z.enum(['circle', 'line']) })).max(200),
    }),
    graph: z.object({
      nodes: z
        .array(
          z.object({
            id,
            label: text(1000),
            kind: text(200),
            x: finite,
            y: finite,
            size: finite.min(0, 'must not be negative'),
            color,
            derived: z.boolean().optional(),
          }),
        )
        .max(MAX_NODES, `must hold at most ${MAX_NODES} nodes`),
      edges: z
        .array(
          z.object({
            id,
            source: id,
            target: id,
            type: text(200),
            label: text(1000).optional(),
            color,
            size: finite.min(0, 'must not be negative'),
            curvature: finite.optional(),
            arrow: z.boolean().optional(),
            inferred: z.boolean().optional(),
            derived: z.boolean().optional(),
          }),
        )
        .max(MAX_EDGES, `must hold at most ${MAX_EDGES} edges`),
    }),
    sources: z
      .array(z.object({ id, name: text(1000), outlet: text(1000).nullable(), published: text(100).nullable() }))
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
