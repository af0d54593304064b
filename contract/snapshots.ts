/**
 * Snapshots: saved, shareable pictures of a view (docs/snapshots.md). A snapshot is self-contained: it carries
 * the nodes and edges it drew, where, and how, so it can be reopened exactly as it was (and without the database,
 * from a file). This is the one snapshot format: the server checks bodies with it, the client checks imported
 * files with it, and the limits below are the only ones.
 */
import { z } from 'zod';
import { isoDateSchema } from './dates';
import { jsonValueSchema } from './json';

/** The largest snapshot the server takes (413 above) and the largest file the client imports: 2 MiB. */
export const SNAPSHOT_MAX_BYTES = 2 * 1024 * 1024;
export const SNAPSHOT_MAX_NODES = 20_000;
export const SNAPSHOT_MAX_EDGES = 50_000;

const finite = z.number({ error: 'must be a number' });
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const id = z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters');
/** Colours end up in SVG attributes and canvas styles: only plain hex or rgb()/rgba() forms are accepted. */
export const cssColorSchema = z
  .string()
  .regex(
    /^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\))$/,
    'must be a colour written #rrggbb, #rgb, #rrggbbaa or rgb()/rgba()',
  );

export const snapshotNodeSchema = z.object({
  id: id.describe("the node's stable API id"),
  label: text(1000).describe('the text drawn next to it'),
  kind: text(200).describe('primary label (e.g. Person), which chose the colour'),
  x: finite.describe('graph coordinates, as the view had them'),
  y: finite,
  size: finite.min(0, 'must not be negative').describe('sigma node size (radius at zoom 1)'),
  color: cssColorSchema,
  derived: z
    .boolean()
    .optional()
    .describe('true for nodes the view made up (not database nodes): they are not checked for existence'),
});
export type SnapshotNode = z.infer<typeof snapshotNodeSchema>;

export const snapshotEdgeSchema = z.object({
  id,
  source: id,
  target: id,
  type: text(200).describe('relationship type (or e.g. "MET" for the who-met-whom view)'),
  label: text(1000).optional().describe('text drawn on the edge, if any'),
  color: cssColorSchema,
  size: finite.min(0, 'must not be negative').describe('sigma edge size (thickness at zoom 1)'),
  curvature: finite.optional().describe('0 or absent: straight; else the @sigma/edge-curve curvature'),
  arrow: z.boolean().optional().describe('arrow head at the target'),
  inferred: z.boolean().optional(),
  derived: z
    .boolean()
    .optional()
    .describe('true for edges the view made up (e.g. "met ×2"): they are not checked for existence'),
});
export type SnapshotEdge = z.infer<typeof snapshotEdgeSchema>;

export const snapshotCameraSchema = z.object({
  x: finite,
  y: finite,
  ratio: finite.positive('must be above 0'),
  angle: finite,
});
export type SnapshotCamera = z.infer<typeof snapshotCameraSchema>;

export const snapshotBBoxSchema = z.object({ x: z.tuple([finite, finite]), y: z.tuple([finite, finite]) });
export type SnapshotBBox = z.infer<typeof snapshotBBoxSchema>;

export const snapshotLegendItemSchema = z.object({
  label: text(200),
  color: cssColorSchema,
  shape: z.enum(['circle', 'line']).describe('circle for node kinds, line for edge kinds'),
});
export type SnapshotLegendItem = z.infer<typeof snapshotLegendItemSchema>;

export const snapshotSourceSchema = z.object({
  id,
  name: text(1000),
  outlet: text(1000).nullable(),
  published: text(100).nullable(),
});
export type SnapshotSource = z.infer<typeof snapshotSourceSchema>;

export const snapshotFiltersSchema = z.object({
  hiddenLabels: z.array(text(200)).max(1000),
  hiddenTypes: z.array(text(200)).max(1000),
  from: isoDateSchema.nullable().describe('start of the time range, null when open'),
  to: isoDateSchema.nullable().describe('end of the time range, null when open'),
});
export type SnapshotFilters = z.infer<typeof snapshotFiltersSchema>;

export const snapshotQuerySchema = z.object({
  kind: text(50).describe('e.g. "cypher", "search", "path", "met", "graph"'),
  text: text(20_000),
  params: z.record(z.string(), jsonValueSchema).optional(),
});
export type SnapshotQuery = z.infer<typeof snapshotQuerySchema>;

/** Property names in a style rule: the same rule as a label or key named in a request (letters, digits and _). */
const styleName = z
  .string()
  .regex(/^[\p{L}_][\p{L}\p{N}_]{0,63}$/u, 'must be a label or property name (letters, digits and _)');

/**
 * A style rule of the explorer: nodes of `label` coloured by the value of `property` (`color`), sized by its
 * number (`size`), or captioned by it (`caption`). At most one rule per label and kind.
 */
export const styleRuleSchema = z.object({
  label: styleName,
  kind: z.enum(['color', 'size', 'caption']),
  property: styleName,
});
export type StyleRule = z.infer<typeof styleRuleSchema>;
export const STYLE_RULES_MAX = 60;

export const snapshotViewSchema = z.object({
  mode: z.enum(['graph', 'met']),
  camera: snapshotCameraSchema,
  viewport: z
    .object({ width: finite.positive(), height: finite.positive() })
    .describe('the canvas size (CSS pixels) the picture was taken at'),
  bbox: snapshotBBoxSchema
    .nullable()
    .optional()
    .describe('the graph extent sigma framed the camera in, so the camera means the same on reopening'),
  filters: snapshotFiltersSchema,
  selection: z.array(id).max(SNAPSHOT_MAX_NODES).describe('selected node ids'),
  query: snapshotQuerySchema.nullable().describe('the query that produced the view, if any'),
  styles: z
    .record(z.string(), jsonValueSchema)
    .describe('free-form style settings of the view (label size, colour scheme, …)'),
  rules: z
    .array(styleRuleSchema)
    .max(STYLE_RULES_MAX)
    .optional()
    .describe('style rules by property (colour, size, caption per label); absent in snapshots saved before them'),
  legend: z.array(snapshotLegendItemSchema).max(200),
});
export type SnapshotView = z.infer<typeof snapshotViewSchema>;

const documentShape = {
  format: z.literal('parley-snapshot', { error: 'must be "parley-snapshot": this is not a Parley snapshot' }),
  version: z.literal(1, { error: 'must be 1: this Parley reads snapshot format version 1' }),
  title: text(300).trim().min(1, 'must not be empty: give the snapshot a title'),
  caption: text(5000),
  view: snapshotViewSchema,
  graph: z.object({
    nodes: z.array(snapshotNodeSchema).max(SNAPSHOT_MAX_NODES, `must hold at most ${SNAPSHOT_MAX_NODES} nodes`),
    edges: z.array(snapshotEdgeSchema).max(SNAPSHOT_MAX_EDGES, `must hold at most ${SNAPSHOT_MAX_EDGES} edges`),
  }),
  sources: z.array(snapshotSourceSchema).max(1000).describe('the documents the picture rests on, for the footnote'),
  id: z.string().max(512).optional().describe('set by the server when saved; ignored on import'),
  created: z.string().max(100).optional(),
};

/** Node ids are unique, and every edge joins two of the snapshot's nodes. */
function checkGraph(
  doc: { graph: { nodes: { id: string }[]; edges: { source: string; target: string }[] } },
  ctx: z.RefinementCtx,
): void {
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
}

/** What `POST /api/snapshots` accepts and what an exported file holds (then with `id` and `created`). */
export const snapshotDocumentSchema = z.object(documentShape).superRefine(checkGraph).meta({ id: 'SnapshotDocument' });
export type SnapshotDocument = z.infer<typeof snapshotDocumentSchema>;
export type SnapshotFormat = SnapshotDocument['format'];
export type SnapshotVersion = SnapshotDocument['version'];

/** A saved snapshot: the document with its id and the ISO date-time it was saved. */
export const storedSnapshotSchema = z
  .object({ ...documentShape, id: z.string(), created: z.string().describe('ISO date-time of saving') })
  .superRefine(checkGraph)
  .meta({ id: 'StoredSnapshot' });
export type StoredSnapshot = z.infer<typeof storedSnapshotSchema>;

export const snapshotSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  created: z.string(),
  nodeCount: z.number(),
  edgeCount: z.number(),
  createdBy: z.string().nullable().optional().describe('the account that saved it (accounts on), else null'),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });
export type SnapshotListResponse = z.infer<typeof snapshotListResponseSchema>;

export const snapshotResponseSchema = z.object({
  snapshot: storedSnapshotSchema,
  missing: z
    .object({ nodes: z.array(z.string()), edges: z.array(z.string()) })
    .describe('ids the snapshot drew that no longer exist in the database (it still draws them, from its own copy)'),
});
export type SnapshotResponse = z.infer<typeof snapshotResponseSchema>;

export const snapshotCreatedResponseSchema = z.object({
  id: z.string(),
  created: z.string(),
  url: z.string().describe('the path that reopens it in the client'),
});
export type SnapshotCreatedResponse = z.infer<typeof snapshotCreatedResponseSchema>;

export const snapshotParamsSchema = z.object({ id });

/** The first few of a failed check's issues as one clause: `graph.nodes.0.x: must be a number; …`. */
export function describeSnapshotIssues(error: z.ZodError, max = 5): string {
  const parts = error.issues.slice(0, max).map((i) => `${i.path.join('.') || 'snapshot'}: ${i.message}`);
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${parts.join('; ')}${more}`;
}
