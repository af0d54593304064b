/**
 * "Connect result nodes", as Neo4j Browser does: the relationships among the nodes a console query returned that
 * the query itself did not return (`RETURN p, m` gives nodes only). Fetched once per result through the read-only
 * `POST /api/graph/among`; the answer is kept apart so the graph tab can say how many were added and turn them off.
 */
import { useEffect, useState } from 'react';
import type { CypherResponse, GraphEdge } from '../../../../contract';
import { api } from '../../api/client';

/** The most nodes whose relationships are fetched (the route's own cap on ids). */
export const CONNECT_MAX_NODES = 500;

/** One empty list, so a memo keyed on it does not rebuild the graph. */
const NONE: GraphEdge[] = [];

export type Connecting = { status: 'off' | 'loading' | 'done' | 'failed'; edges: GraphEdge[]; note: string };

type Fetched = { graph: CypherResponse['graph']; edges: GraphEdge[]; error: string | null };

export function useConnectingEdges(graph: CypherResponse['graph'], on: boolean): Connecting {
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const wanted = on && graph.nodes.length >= 2 && graph.nodes.length <= CONNECT_MAX_NODES;
  useEffect(() => {
    if (!wanted) return;
    const ctrl = new AbortController();
    const have = new Set(graph.edges.map((e) => e.id));
    api
      .among(
        graph.nodes.map((n) => n.id),
        ctrl.signal,
      )
      .then(
        (sub) => setFetched({ graph, edges: sub.edges.filter((e) => !have.has(e.id)), error: null }),
        (err: unknown) => {
          if (!ctrl.signal.aborted)
            setFetched({ graph, edges: [], error: err instanceof Error ? err.message : String(err) });
        },
      );
    return () => ctrl.abort();
  }, [graph, wanted]);
  if (!on) return { status: 'off', edges: NONE, note: '' };
  if (graph.nodes.length > CONNECT_MAX_NODES) {
    return {
      status: 'off',
      edges: NONE,
      note: `Relationships among the returned nodes are not added above ${CONNECT_MAX_NODES} nodes.`,
    };
  }
  if (!wanted) return { status: 'off', edges: NONE, note: '' };
  if (fetched?.graph !== graph) return { status: 'loading', edges: NONE, note: '' };
  if (fetched.error)
    return { status: 'failed', edges: NONE, note: `Could not add the relationships among them: ${fetched.error}` };
  return { status: 'done', edges: fetched.edges, note: '' };
}
