/**
 * The read API over the graph: its requests and answers. Everything is plain JSON: no driver Integer, temporal
 * or spatial objects ever cross the wire.
 *
 * Ids: the entity `id` property when a node has one (a readable slug such as `person:sonata-coulter`),
 * otherwise the Neo4j `elementId`, so that any Neo4j database can be browsed. Relationships follow the same
 * rule: Parley's own carry a stable `id` (`<source>|<TYPE>|<target>`), others are known by their `elementId`.
 */
import { z } from 'zod';
import { labelInfoSchema, modelSchema, nameSchema } from './anydb';
import { isoDateSchema } from './dates';
import { propertiesSchema } from './json';
import { apiIdSchema, intParam, nameListSchema } from './params';

export const GRAPH_DEFAULT_LIMIT = 500;
export const GRAPH_MAX_LIMIT = 5000;

// ---------------------------------------------------------------------------------------------------------
// Answers

/**
 * Every error answer: a stable machine-readable `error` code (e.g. `not_found`, `bad_request`,
 * `query_timeout`) and a `message` that says what went wrong and what to do about it. Some errors add fields
 * (a Cypher error's `position`), so the object is open. Database trouble: `503 database_unavailable` (Neo4j is
 * not answering), `503 busy` (too many queries at once; the answer carries Retry-After), `504 query_timeout`.
 */
export const apiErrorSchema = z
  .looseObject({
    error: z.string().describe('a stable machine-readable code, e.g. not_found, bad_request, query_timeout'),
    message: z.string().describe('a sentence that says what went wrong and what to do about it'),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const evidenceSchema = z
  .object({
    sourceId: z.string().describe('id of the Source node the quote comes from'),
    quote: z.string().describe("an exact substring of the source's text"),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof evidenceSchema>;

export const graphNodeSchema = z
  .object({
    id: z.string(),
    labels: z.array(z.string()),
    name: z.string().describe('display name: name, else title, else the first string property, else the id'),
    properties: propertiesSchema,
  })
  .meta({ id: 'GraphNode' });
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    target: z.string(),
    type: z.string(),
    properties: propertiesSchema,
    evidence: z
      .array(evidenceSchema)
      .describe('the quotes that support this relationship (empty for relationships that come from no document)'),
    inferred: z
      .boolean()
      .describe('true when the fact is implied, not stated, by the source; inferenceReason says why'),
  })
  .meta({ id: 'GraphEdge' });
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

const subgraphShape = {
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  truncated: z.boolean().describe('true when a cap cut the result'),
};
export const subgraphSchema = z.object(subgraphShape).meta({ id: 'Subgraph' });
export type Subgraph = z.infer<typeof subgraphSchema>;

export const overviewResponseSchema = z
  .object({
    ...subgraphShape,
    mode: z
      .enum(['whole', 'top'])
      .describe(
        '`whole`: the database is small enough to draw whole (as GET /api/graph at its maximum); `top`: it is not, and these are its most connected entities, with the relationships among them',
      ),
    total: z
      .number()
      .int()
      .describe('entities in the database (nodes the explorer can draw: not sources, snapshots nor bookkeeping)'),
    threshold: z.number().int().describe('above this many entities, the answer is an overview (`top`)'),
  })
  .meta({ id: 'Overview' });
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

export const healthResponseSchema = z.object({ status: z.enum(['ok', 'degraded']), neo4j: z.enum(['up', 'down']) });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const schemaResponseSchema = z.object({
  labels: z.array(labelInfoSchema),
  relationshipTypes: z.array(z.object({ type: z.string(), count: z.number() })),
  model: modelSchema,
});
export type SchemaResponse = z.infer<typeof schemaResponseSchema>;

export const searchHitSchema = z.object({
  id: z.string(),
  labels: z.array(z.string()),
  name: z.string(),
  aliases: z.array(z.string()),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
export const searchResponseSchema = z.object({
  hits: z.array(searchHitSchema),
  mode: z
    .enum(['fulltext', 'scan', 'mixed'])
    .optional()
    .describe(
      'fulltext: a full-text index covered every label; scan: no index, a bounded case-insensitive scan of captions; mixed: an index for the labels it covers, a scan for the others',
    ),
  complete: z.boolean().optional().describe('false when the scan stopped at its cap, so some matches may be missing'),
  note: z.string().optional().describe('a sentence the client can show when the results may be incomplete'),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const sourceSummarySchema = z
  .object({ id: z.string(), name: z.string(), outlet: z.string().nullable(), published: z.string().nullable() })
  .meta({ id: 'SourceSummary' });
export type SourceSummary = z.infer<typeof sourceSummarySchema>;

export const sourceDetailsSchema = sourceSummarySchema.extend({ text: z.string() }).meta({ id: 'SourceDetails' });
export type SourceDetails = z.infer<typeof sourceDetailsSchema>;

/** How many node ids one `POST /api/graph/among` may name (the whole graph is capped at GRAPH_MAX_LIMIT too). */
export const AMONG_MAX_IDS = GRAPH_MAX_LIMIT;

export const amongRequestSchema = z.object({
  ids: z
    .array(apiIdSchema)
    .min(1, 'must list at least one node id')
    .max(AMONG_MAX_IDS, `must list at most ${AMONG_MAX_IDS} node ids; ask in several requests`)
    .describe('API ids of the nodes in view'),
});
export type AmongRequest = z.infer<typeof amongRequestSchema>;

/** How many source ids one `GET /api/sources?ids=` may ask for. */
export const SOURCES_MAX_IDS = 100;

export const sourceSummariesResponseSchema = z.object({
  sources: z.array(sourceSummarySchema).describe('in the order of the ids asked for, each once'),
  missing: z.array(z.string()).describe('the ids asked for that name no source'),
});
export type SourceSummariesResponse = z.infer<typeof sourceSummariesResponseSchema>;

export const nodeDetailsSchema = z.object({
  node: graphNodeSchema,
  relationships: z
    .array(z.object({ edge: graphEdgeSchema, direction: z.enum(['out', 'in']), other: graphNodeSchema }))
    .describe('every relationship touching the node, with the node at its other end'),
  sources: z
    .array(sourceSummarySchema)
    .describe("the Source nodes cited by those relationships' evidence, without their full text"),
});
export type NodeDetails = z.infer<typeof nodeDetailsSchema>;

export const neighborsResponseSchema = z.object({
  ...subgraphShape,
  total: z
    .number()
    .describe('how many neighbours the node has in all (the client shows "+N more" when it is larger than shown)'),
  offset: z.number().describe('offset of the page returned'),
});
export type NeighborsResponse = z.infer<typeof neighborsResponseSchema>;

export const pathResponseSchema = z.object({
  ...subgraphShape,
  path: z.array(z.string()).describe('node ids along the path, from `from` to `to`'),
  length: z.number(),
});
export type PathResponse = z.infer<typeof pathResponseSchema>;

export const sharedMeetingSchema = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string().nullable(),
  status: z.string().nullable(),
  places: z.array(z.object({ id: z.string(), name: z.string() })),
  evidence: z.array(evidenceSchema).describe("evidence for both people's attendance"),
});
export type SharedMeeting = z.infer<typeof sharedMeetingSchema>;

/** who-met-whom answers at most this many people (most shared meetings first), each with at most MET_MEETINGS */
export const MET_LIMIT = 100;
export const MET_MEETINGS = 20;

export const metResponseSchema = z.object({
  person: graphNodeSchema,
  met: z
    .array(
      z.object({
        person: graphNodeSchema,
        shared: z.number().describe(`how many meetings they shared (the first ${MET_MEETINGS} by date are listed)`),
        meetings: z.array(sharedMeetingSchema),
      }),
    )
    .describe(`at most ${MET_LIMIT} people, most shared meetings first, then by name`),
  total: z.number().describe('how many people this person met in all (more than `met` lists when it is larger)'),
  reason: z
    .string()
    .optional()
    .describe("why `met` is empty when the database lacks Parley's model, and what it needs (the client shows it)"),
});
export type MetResponse = z.infer<typeof metResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Requests

export const graphQuerySchema = z.object({
  labels: nameListSchema.describe('only nodes carrying one of these labels (all labels when absent)'),
  from: isoDateSchema.optional().describe('meetings before this date are left out'),
  to: isoDateSchema.optional().describe('meetings after this date are left out'),
  dateProperty: nameSchema
    .optional()
    .describe(
      'the date-like property from/to filter on (one of /api/schema dateProperties); nodes of the labels that carry it are kept when their value falls in the range. Absent: Meeting.date',
    ),
  limit: intParam(GRAPH_DEFAULT_LIMIT, 1, GRAPH_MAX_LIMIT),
});
/** What the client may ask `GET /api/graph` for (every field optional). */
export type GraphQuery = Partial<z.output<typeof graphQuerySchema>>;

/** Entities the overview of a large database shows by default. */
export const OVERVIEW_DEFAULT_LIMIT = 300;
export const overviewQuerySchema = z.object({
  limit: intParam(OVERVIEW_DEFAULT_LIMIT, 1, 2000).describe('entities an overview (`top`) shows at most'),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'must not be empty: type part of a name').max(200, 'must be at most 200 characters'),
  limit: intParam(10, 1, 50),
});

export const idParamsSchema = z.object({ id: apiIdSchema });

/** A two-hop expansion pages over every node within two relationships (one hop away first). */
export const NEIGHBOR_MAX_HOPS = 2;

export const neighborsQuerySchema = z.object({
  limit: intParam(25, 1, 500),
  offset: intParam(0, 0, 1_000_000),
  hops: intParam(1, 1, NEIGHBOR_MAX_HOPS).describe(
    '1: the neighbours; 2: every node within two relationships, those one hop away first, each two hops away with one node that links it (the most connected) and the two relationships of that way',
  ),
  type: nameSchema.optional().describe('only the neighbours linked by a relationship of this type'),
  label: nameSchema.optional().describe('only the neighbours carrying this label'),
});
/** An expansion limited to one relationship type and/or one neighbour label ("expand by"), and how far it goes. */
export type NeighborFilter = { type?: string; label?: string; hops?: number };

export const pathQuerySchema = z.object({ from: apiIdSchema, to: apiIdSchema, maxHops: intParam(6, 1, 15) });

export const metQuerySchema = z.object({
  person: apiIdSchema,
  with: apiIdSchema.optional().describe('only this person: did they meet, and where (whoever they are in the ranking)'),
});

export const sourceSummariesQuerySchema = z.object({
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter(Boolean),
    z
      .array(apiIdSchema)
      .min(1, 'must list at least one source id, comma-separated')
      .max(SOURCES_MAX_IDS, `must list at most ${SOURCES_MAX_IDS} ids; ask in several requests`),
  ),
});
