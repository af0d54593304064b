/**
 * Where the explorer's data comes from. The store talks to one `GraphSource` and never asks which one it has:
 * `serverSource` (the typed API, the only one in the production bundle) and, for the scale tests, a seeded
 * generated graph held in the browser (client/src/testing/generatedSource.ts, loaded only with the test hook).
 */
import type {
  MetResponse,
  NeighborFilter,
  NeighborsResponse,
  NodeDetails,
  OverviewResponse,
  PathResponse,
  SearchHit,
  SourceDetails,
  Subgraph,
} from '../../../../contract';
import { api } from '../../api/client';

export interface GraphSource {
  /** what the test hook reports as `origin`; nothing else reads it */
  readonly kind: string;
  /** the graph shown by "Whole graph" (the server caps it at 5,000 nodes and says so with `truncated`) */
  whole(): Promise<Subgraph>;
  /**
   * what the explorer opens on: the whole graph (`mode: 'whole'`), or, for a large database, its most connected
   * entities (`mode: 'top'`), with the number of entities in it (`total`)
   */
  overview(): Promise<OverviewResponse>;
  /** the relationships among these nodes (both ends in the list): what an expansion leaves undrawn */
  among(ids: string[]): Promise<Subgraph>;
  /** a node with its relationships and the summaries of their sources */
  node(id: string, signal?: AbortSignal): Promise<NodeDetails>;
  /** one page of a node's neighbours (only those of one relationship type or label with `filter`), and the total */
  neighbors(id: string, limit: number, offset: number, filter?: NeighborFilter): Promise<NeighborsResponse>;
  search(q: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]>;
  /** the shortest path; rejects with an ApiRequestError of status 404 when there is none within `maxHops` */
  path(from: string, to: string, maxHops: number): Promise<PathResponse>;
  /**
   * who met whom around a person (`withId`: only that other person), to cross-check a who-met-whom edge; null when
   * the source cannot say
   */
  met(person: string, signal?: AbortSignal, withId?: string): Promise<MetResponse | null>;
  /** a source document with its full text */
  source(id: string): Promise<SourceDetails>;
}

/** The Parley server. */
export const serverSource: GraphSource = {
  kind: 'server',
  whole: () => api.graph({ limit: 5000 }),
  overview: () => api.overview(),
  among: (ids) => api.among(ids),
  node: (id, signal) => api.node(id, signal),
  neighbors: (id, limit, offset, filter) => api.neighbors(id, limit, offset, undefined, filter),
  search: async (q, limit, signal) => (await api.search(q, limit, signal)).hits,
  path: (from, to, maxHops) => api.path(from, to, maxHops),
  met: (person, signal, withId) => api.met(person, signal, withId),
  source: (id) => api.source(id),
};
