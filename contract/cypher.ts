/**
 * The Cypher console's API (`POST /api/cypher`, `GET /api/queries`, `GET /api/cypher/schema`): requests and
 * answers. Plain JSON only. Request, response and error codes: docs/console.md.
 */
import { z } from 'zod';
import { apiErrorSchema, graphEdgeSchema, graphNodeSchema } from './graph';
import { jsonValueSchema, propertiesSchema } from './json';

export const MAX_QUERY_LENGTH = 100_000;

export const cypherRequestSchema = z.object({
  query: z
    .string({ error: 'must be a string holding one Cypher statement' })
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .describe('one Cypher statement; it must only read'),
  params: z
    .record(z.string(), jsonValueSchema, { error: 'must be a JSON object of parameter names to values' })
    .optional()
    .describe('parameters as JSON; whole numbers are sent to Cypher as integers (so `LIMIT $n` works)'),
});
export type CypherRequest = z.input<typeof cypherRequestSchema>;

/** A node in a result row; `id` is the API id (the `id` property, else the element id). */
export const cypherNodeValueSchema = z.object({
  $kind: z.literal('node'),
  id: z.string(),
  elementId: z.string(),
  labels: z.array(z.string()),
  properties: propertiesSchema,
});
export type CypherNodeValue = z.infer<typeof cypherNodeValueSchema>;

/** A relationship in a result row; `source` and `target` are API ids of its end nodes. */
export const cypherRelationshipValueSchema = z.object({
  $kind: z.literal('relationship'),
  id: z.string(),
  elementId: z.string(),
  type: z.string(),
  source: z.string(),
  target: z.string(),
  properties: propertiesSchema,
});
export type CypherRelationshipValue = z.infer<typeof cypherRelationshipValueSchema>;

export const cypherPathValueSchema = z.object({
  $kind: z.literal('path'),
  nodes: z.array(cypherNodeValueSchema),
  relationships: z.array(cypherRelationshipValueSchema),
});
export type CypherPathValue = z.infer<typeof cypherPathValueSchema>;

/**
 * A value in a result row. Integers are numbers (strings beyond ±2^53, so no digit is lost), temporal values ISO
 * strings, points `{srid, x, y, z?}`, bytes base64; graph values are objects tagged with `$kind` (also inside
 * lists and maps, where they are JSON like any other value).
 */
export const cypherValueSchema = z
  .union([cypherNodeValueSchema, cypherRelationshipValueSchema, cypherPathValueSchema, jsonValueSchema])
  .meta({ id: 'CypherValue' });
export type CypherValue = z.infer<typeof cypherValueSchema>;

export const cypherSummarySchema = z.object({
  queryType: z.string().describe('always "r": the console only runs reads'),
  resultAvailableAfterMs: z.number().describe('when the first result was available, in milliseconds'),
  rowCount: z.number().describe('rows returned (at most the row cap)'),
  truncated: z.boolean().describe('true when the query had more rows than the cap; the extra rows were not read'),
  maxRows: z.number().describe('the row cap applied'),
});
export type CypherSummary = z.infer<typeof cypherSummarySchema>;

export const cypherResponseSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), cypherValueSchema)),
  graph: z
    .object({ nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema) })
    .describe('every node, relationship and path in the rows (plus the end nodes of its relationships), ready to draw'),
  summary: cypherSummarySchema,
});
export type CypherResponse = z.infer<typeof cypherResponseSchema>;

/**
 * An error from the console. `error` is one of: bad_request, empty_query, multiple_statements, write_not_allowed,
 * load_csv_disabled, procedure_not_allowed, use_not_allowed, admin_not_allowed, in_transactions_not_allowed,
 * profile_not_allowed, function_not_allowed, query_too_deep, cypher_error (with `position`), database_rejected,
 * query_timeout, query_too_large, rate_limited, database_unavailable, console_busy; and client_closed_request (499)
 * for a query its client cancelled or left, logged but never read.
 */
export const cypherErrorSchema = apiErrorSchema
  .extend({
    position: z
      .object({ line: z.number(), column: z.number(), offset: z.number() })
      .optional()
      .describe('where Neo4j found a syntax error: 1-based line and column, 0-based offset into `query`'),
  })
  .meta({ id: 'CypherError' });
export type CypherError = z.infer<typeof cypherErrorSchema>;

/** One file of cypher/queries: a named, documented, parameterised query. */
export const libraryQuerySchema = z.object({
  name: z.string().describe('the file name without .cypher; also how the server’s repositories run it'),
  title: z.string(),
  description: z.string(),
  params: z.record(z.string(), jsonValueSchema).describe('example parameters (the file’s `// params:` header)'),
  text: z.string().describe('the query text, without its header'),
  expect: z.array(z.string()).describe('what the example promises, e.g. `rows >= 1` (the `// expect:` lines)'),
});
export type LibraryQuery = z.infer<typeof libraryQuerySchema>;

export const queryLibraryResponseSchema = z.object({ queries: z.array(libraryQuerySchema) });
export type QueryLibraryResponse = z.infer<typeof queryLibraryResponseSchema>;

/** Names for the editor's completion, from the live database. */
export const cypherSchemaResponseSchema = z.object({
  labels: z.array(z.string()),
  relationshipTypes: z.array(z.string()),
  propertyKeys: z.array(z.string()),
});
export type CypherSchemaResponse = z.infer<typeof cypherSchemaResponseSchema>;
