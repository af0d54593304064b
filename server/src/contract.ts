/**
 * The HTTP API's types, shared by the server and the client (the client may only `import type` this file).
 * Everything here is plain JSON: no driver Integer, temporal or spatial objects ever cross the wire.
 *
 * Ids: the entity `id` property when a node has one (a readable slug such as `person:sonata-coulter`),
 * otherwise the Neo4j `elementId`, so that any Neo4j database can be browsed. Relationships follow the same
 * rule: Parley's own carry a stable `id` (`<source>|<TYPE>|<target>`), others are known by their `elementId`.
 */

/** A JSON value as stored in a node or relationship property after conversion. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Properties = Record<string, JsonValue>;

export interface Evidence {
  /** id of the `Source` node the quote comes from */
  sourceId: string;
  /** an exact substring of the source's text */
  quote: string;
}

export interface GraphNode {
  id: string;
  labels: string[];
  /** display name: `name`, else `title`, else the first string property, else the id */
  name: string;
  properties: Properties;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: Properties;
  /** the quotes that support this relationship (empty for relationships that come from no document) */
  evidence: Evidence[];
  /** true when the fact is implied, not stated, by the source; `inferenceReason` says why */
  inferred: boolean;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** true when a cap cut the result */
  truncated: boolean;
}

export interface ApiError {
  /** a stable machine-readable code, e.g. `not_found`, `bad_request`, `query_timeout` */
  error: string;
  /** a sentence that says what went wrong and what to do about it */
  message: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  neo4j: 'up' | 'down';
}

export interface SchemaResponse {
  labels: { label: string; count: number }[];
  relationshipTypes: { type: string; count: number }[];
}

export interface GraphQuery {
  /** only nodes carrying one of these labels (all labels when absent) */
  labels?: string[];
  /** ISO date (YYYY-MM-DD); meetings before it are left out */
  from?: string;
  /** ISO date (YYYY-MM-DD); meetings after it are left out */
  to?: string;
  /** at most this many nodes (default 500, max 5000) */
  limit?: number;
}

export interface SearchHit {
  id: string;
  labels: string[];
  name: string;
  aliases: string[];
  score: number;
}
export interface SearchResponse {
  hits: SearchHit[];
}

export interface NodeDetails {
  node: GraphNode;
  /** every relationship touching the node, with the node at its other end */
  relationships: { edge: GraphEdge; direction: 'out' | 'in'; other: GraphNode }[];
  /** the `Source` nodes cited by those relationships' evidence, without their full text */
  sources: SourceSummary[];
}

export interface SourceSummary {
  id: string;
  name: string;
  outlet: string | null;
  published: string | null;
}

export interface SourceDetails extends SourceSummary {
  text: string;
}

/** `GET /api/sources?ids=a,b,c`: the summaries of the sources asked for (never their text), and the ids unknown. */
export interface SourceSummariesResponse {
  /** in the order of the ids asked for, each once */
  sources: SourceSummary[];
  /** the ids asked for that name no source */
  missing: string[];
}

export interface NeighborsResponse extends Subgraph {
  /** how many neighbours the node has in all (the client shows "+N more" when it is larger than shown) */
  total: number;
  /** offset of the page returned */
  offset: number;
}

export interface PathResponse extends Subgraph {
  /** node ids along the path, from `from` to `to` */
  path: string[];
  length: number;
}

export interface SharedMeeting {
  id: string;
  name: string;
  date: string | null;
  status: string | null;
  places: { id: string; name: string }[];
  /** evidence for both people's attendance */
  evidence: Evidence[];
}

export interface MetResponse {
  person: GraphNode;
  met: { person: GraphNode; meetings: SharedMeeting[] }[];
}

export type * from './contract/snapshots';
export type * from './contract/cypher';
