/**
 * A GraphSource over a seeded generated graph held in the browser, for the scale tests (`loadGenerated` of the
 * test hook). Test-only: loaded with the test hook, never part of the production bundle.
 */
import type { GraphEdge, NodeDetails, Subgraph } from '../../../contract';
import { ApiRequestError } from '../api/client';
import type { GraphSource } from '../core/explorer/source';
import { edgesOf, edgesWithin, graphDataFrom } from '../state/data';
import { localNeighborPage } from '../state/expansion';

export function generatedSource(graph: Subgraph): GraphSource {
  const data = graphDataFrom(graph);
  const notFound = (what: string) => new ApiRequestError(404, 'not_found', what);

  function details(id: string): NodeDetails {
    const node = data.nodes[id];
    if (!node) throw notFound(`No node has the id "${id}".`);
    const relationships = edgesOf(data, id).flatMap((edge) => {
      const direction: 'out' | 'in' = edge.source === id ? 'out' : 'in';
      const other = data.nodes[direction === 'out' ? edge.target : edge.source];
      return other ? [{ edge, direction, other }] : [];
    });
    return { node, relationships, sources: [] };
  }

  return {
    kind: 'generated',
    whole: () => Promise.resolve(graph),
    overview: () =>
      Promise.resolve({ ...graph, mode: 'whole' as const, total: graph.nodes.length, threshold: graph.nodes.length }),
    among: (ids) => {
      const edges = edgesWithin(data, new Set(ids));
      return Promise.resolve({ nodes: [], edges, truncated: false });
    },
    node: (id) => Promise.resolve().then(() => details(id)),
    neighbors: (id, limit, offset) => {
      const { page, edges } = localNeighborPage(data, id, limit, offset);
      const nodes = page.nodeIds.flatMap((n) => data.nodes[n] ?? []);
      return Promise.resolve({ nodes, edges, truncated: false, total: page.total, offset: page.offset });
    },
    search: (q, limit) => {
      const ql = q.toLowerCase();
      return Promise.resolve(
        Object.values(data.nodes)
          .filter((n) => n.name.toLowerCase().includes(ql))
          .slice(0, limit)
          .map((n) => ({ id: n.id, labels: n.labels, name: n.name, aliases: [], score: 1 })),
      );
    },
    path: (from, to, maxHops) => {
      // breadth-first over the undirected graph, as the server's shortestPath does
      const adjacent = new Map<string, GraphEdge[]>();
      for (const e of Object.values(data.edges)) {
        adjacent.set(e.source, [...(adjacent.get(e.source) ?? []), e]);
        adjacent.set(e.target, [...(adjacent.get(e.target) ?? []), e]);
      }
      const via = new Map<string, GraphEdge | null>([[from, null]]);
      let frontier = data.nodes[from] ? [from] : [];
      for (let hop = 0; hop < maxHops && frontier.length > 0 && !via.has(to); hop++) {
        const next: string[] = [];
        for (const id of frontier)
          for (const e of adjacent.get(id) ?? []) {
            const other = e.source === id ? e.target : e.source;
            if (!via.has(other)) {
              via.set(other, e);
              next.push(other);
            }
          }
        frontier = next;
      }
      if (!via.has(to) || !data.nodes[to])
        return Promise.reject(notFound(`No path between "${from}" and "${to}" within ${maxHops} steps.`));
      const path = [to];
      const edges: GraphEdge[] = [];
      for (let e = via.get(to); e; e = via.get(path[0]!)) {
        edges.unshift(e);
        path.unshift(e.source === path[0] ? e.target : e.source);
      }
      const nodes = path.flatMap((id) => data.nodes[id] ?? []);
      return Promise.resolve({ nodes, edges, truncated: false, path, length: edges.length });
    },
    met: () => Promise.resolve(null),
    source: (id) => Promise.reject(notFound(`A generated graph has no sources ("${id}").`)),
  };
}
