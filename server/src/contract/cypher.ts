/**
 * The Cypher console's API types (`POST /api/cypher`, `GET /api/queries`, `GET /api/cypher/schema`), re-exported by
 * contract.ts. Plain JSON only.
 */
import type { ApiError, GraphEdge, GraphNode, JsonValue, Properties } from '../contract';

export interface CypherRequest {
  /** one Cypher statement; it must only read */
  query: string;
  /** parameters as JSON; whole numbers are sent to Cypher as integers (so `LIMIT $n` works) */
  params?: Record<string, JsonValue>;
}

/** A node in a result row; `id` is the API id (the `id` property, else the element id). */
export interface CypherNodeValue {
  $kind: 'node';
  id: string;
  elementId: string;
  labels: string[];
  properties: Properties;
}

/** A relationship in a result row; `source` and `target` are API ids of its end nodes. */
export interface CypherRelationshipValue {
  $kind: 'relationship';
  id: string;
  elementId: string;
  type: string;
  source: string;
  target: string;
  properties: Properties;
}

export interface CypherPathValue {
  $kind: 'path';
  nodes: CypherNodeValue[];
  relationships: CypherRelationshipValue[];
}

/**
 * A value in a result row. Integers are numbers (strings beyond ±2^53, so no digit is lost), temporal values ISO
 * strings, points `{srid, x, y, z?}`, bytes base64; graph values are tagged with `$kind`.
 */
export type CypherValue =
  | JsonValue
  | CypherNodeValue
  | CypherRelationshipValue
  | CypherPathValue
  | CypherValue[]
  | { [key: string]: CypherValue };

export interface CypherSummary {
  /** always "r": the console only runs reads */
  queryType: string;
  /** when the first result was available, in milliseconds */
  resultAvailableAfterMs: number;
  /** rows returned (at most the row cap) */
  rowCount: number;
  /** true when the query had more rows than the cap; the extra rows were not read */
  truncated: boolean;
  /** the row cap applied */
  maxRows: number;
}

export interface CypherResponse {
  columns: string[];
  rows: Record<string, CypherValue>[];
  /** every node, relationship and path in the rows (plus the end nodes of its relationships), ready to draw */
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  summary: CypherSummary;
}

/**
 * An error from the console. `error` is one of: bad_request, empty_query, multiple_statements, write_not_allowed,
 * load_csv_disabled, procedure_not_allowed, use_not_allowed, admin_not_allowed, in_transactions_not_allowed,
 * profile_not_allowed, function_not_allowed, cypher_error (with `position`), database_rejected, query_timeout, query_too_large,
 * rate_limited, database_unavailable.
 */
export interface CypherError extends ApiError {
  /** where Neo4j found a syntax error: 1-based line and column, 0-based offset into `query` */
  position?: { line: number; column: number; offset: number };
}

/** One file of cypher/queries: a named, documented, parameterised query. */
export interface LibraryQuery {
  /** the file name without .cypher; also how the server's repositories run it */
  name: string;
  title: string;
  description: string;
  /** example parameters (the file's `// params:` header) */
  params: Record<string, JsonValue>;
  /** the query text, without its header */
  text: string;
  /** what the example promises, e.g. `rows >= 1` (the file's `// expect:` header lines) */
  expect: string[];
}

export interface QueryLibraryResponse {
  queries: LibraryQuery[];
}

/** Names for the editor's completion, from the live database. */
export interface CypherSchemaResponse {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
}
