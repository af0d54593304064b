import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweenness from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { RenderModel } from '../state/render/types';
import { mulberry32 } from './rng';

export type SizeBy = 'uniform' | 'degree' | 'betweenness' | 'pagerank';

/** Betweenness is O(n·m): above this many nodes it is not offered. */
export const BETWEENNESS_MAX_NODES = 3000;

/** A simple undirected graph of the model's shown nodes ("+N more" handles and hidden nodes left out). */
export function simpleGraph(model: RenderModel): UndirectedGraph {
  const g = new UndirectedGraph();
  for (const n of model.nodes) if (!n.hidden && n.kind !== 'More') g.addNode(n.id);
  for (const e of model.edges) {
    if (e.hidden || e.source === e.target || !g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    if (g.hasEdge(e.source, e.target)) {
      g.updateEdgeAttribute(e.source, e.target, 'weight', (w: number | undefined) => (w ?? 1) + e.weight);
    } else g.addEdge(e.source, e.target, { weight: e.weight });
  }
  return g;
}

function scale(values: Record<string, number>, min: number, max: number): Record<string, number> {
  const vs = Object.values(values);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = hi > lo ? min + ((v - lo) / (hi - lo)) * (max - min) : (min + max) / 2;
  return out;
}

/** Node sizes (pixels, 4–18) by the chosen measure. */
export function nodeSizes(model: RenderModel, by: SizeBy): Record<string, number> {
  const g = simpleGraph(model);
  if (g.order === 0) return {};
  let raw: Record<string, number>;
  if (by === 'uniform') {
    raw = {};
    g.forEachNode((n) => (raw[n] = 1));
    return scale(raw, 7, 7);
  }
  if (by === 'degree' || (by === 'betweenness' && g.order > BETWEENNESS_MAX_NODES)) {
    raw = {};
    g.forEachNode((n) => (raw[n] = g.degree(n)));
  } else if (by === 'betweenness') raw = betweenness(g);
  else raw = pagerank(g, { getEdgeWeight: 'weight' });
  return scale(raw, 4, 18);
}

/** Louvain communities with a seeded random generator: same graph, same seed, same communities. */
export function communities(model: RenderModel, seed: number): Record<string, number> {
  const g = simpleGraph(model);
  if (g.size === 0) return {};
  return louvain(g, { rng: mulberry32(seed), getEdgeWeight: 'weight' });
}
