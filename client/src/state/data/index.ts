import type { GraphEdge, GraphNode } from '../../../../contract';
import type { GraphData } from './types';

export type { GraphData } from './types';
export * from './utils';

export const emptyGraphData: GraphData = { nodes: {}, edges: {} };

/** Adds (or refreshes) nodes and relationships; returns a new object, the input is left alone. */
export function mergeSubgraph(data: GraphData, sub: { nodes: GraphNode[]; edges: GraphEdge[] }): GraphData {
  if (sub.nodes.length === 0 && sub.edges.length === 0) return data;
  const nodes = { ...data.nodes };
  const edges = { ...data.edges };
  for (const n of sub.nodes) nodes[n.id] = n;
  for (const e of sub.edges) edges[e.id] = e;
  return { nodes, edges };
}

/** Replaces everything (used when loading a generated graph or restarting from the seed). */
export function graphDataFrom(sub: { nodes: GraphNode[]; edges: GraphEdge[] }): GraphData {
  return mergeSubgraph(emptyGraphData, sub);
}
