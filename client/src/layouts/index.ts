import type Graph from 'graphology';
import { MultiGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import circular from 'graphology-layout/circular';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { Position } from '../state/view/types';
import { seededPositions } from '../state/view/utils';

/** A layout of the registry: `sync` ones run at once on the main thread, `worker` ones run in a web worker until stopped. */
export interface LayoutDef {
  id: LayoutId;
  name: string;
  type: 'sync' | 'worker';
  parameters: Record<string, number | boolean>;
}

export type LayoutId = 'forceatlas2' | 'circular' | 'noverlap';

export const LAYOUTS: LayoutDef[] = [
  { id: 'forceatlas2', name: 'ForceAtlas2', type: 'worker', parameters: { gravity: 1, scalingRatio: 10, slowDown: 5 } },
  { id: 'circular', name: 'Circular', type: 'sync', parameters: { scale: 100 } },
  { id: 'noverlap', name: 'No overlap', type: 'sync', parameters: { maxIterations: 200, margin: 4, ratio: 1.2 } },
];

export function layoutDef(id: LayoutId): LayoutDef {
  return LAYOUTS.find((l) => l.id === id)!;
}

type AnyGraph = Graph<Attributes, Attributes, Attributes>;

function toPositions(m: Record<string, { [d: string]: number }>): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const [id, p] of Object.entries(m)) out[id] = { x: p['x'] ?? 0, y: p['y'] ?? 0 };
  return out;
}

/** Runs a sync layout on a copy of the positions (the graph is not changed) and returns the new positions. */
export function runSyncLayout(id: Exclude<LayoutId, 'forceatlas2'>, graph: AnyGraph): Record<string, Position> {
  const def = layoutDef(id);
  if (id === 'circular') return toPositions(circular(graph, { scale: Number(def.parameters['scale']) }));
  return toPositions(
    noverlap(graph, {
      maxIterations: Number(def.parameters['maxIterations']),
      settings: { margin: Number(def.parameters['margin']), ratio: Number(def.parameters['ratio']) },
    }),
  );
}

/**
 * A deterministic ForceAtlas2 run on the main thread for small graphs (the initial picture): same positions in,
 * same positions out.
 */
export function settleSync(graph: AnyGraph, iterations = 300): Record<string, Position> {
  if (graph.order === 0) return {};
  const settings = forceAtlas2.inferSettings(graph);
  return toPositions(forceAtlas2(graph, { iterations, settings: { ...settings, gravity: 1, scalingRatio: 10 } }));
}

/** ForceAtlas2 settings for the worker, inferred from the graph's size. */
export function fa2WorkerSettings(graph: AnyGraph) {
  const def = layoutDef('forceatlas2');
  return {
    ...forceAtlas2.inferSettings(graph),
    gravity: Number(def.parameters['gravity']),
    scalingRatio: Number(def.parameters['scalingRatio']),
    slowDown: Number(def.parameters['slowDown']),
    barnesHutOptimize: graph.order > 500,
  };
}

/**
 * Positions the data itself carries: numeric `x` and `y` properties (a data file or import that stored a layout
 * computed once), by node id. Nodes without both are left out.
 */
export function storedPositions(
  nodes: { id: string; properties: Record<string, unknown> }[],
): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const n of nodes) {
    const { x, y } = n.properties;
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y))
      out[n.id] = { x, y };
  }
  return out;
}

/**
 * The first picture of a graph: seeded random positions, then (for graphs up to `settleMax` nodes) a fixed number
 * of ForceAtlas2 iterations on the main thread. Deterministic: same graph, same picture. When `stored` gives a
 * position for every node (a layout kept with the data), those are the picture at once and nothing runs;
 * positions stored for only some nodes are kept for those nodes, the others get the seeded ones, unsettled.
 */
export function initialLayout(
  nodeIds: string[],
  edges: { source: string; target: string }[],
  seed: number,
  settleMax = 2000,
  stored: Record<string, Position> = {},
): Record<string, Position> {
  const start = seededPositions(nodeIds, 0, 0, 100, seed);
  const kept = nodeIds.filter((id) => stored[id]).length;
  if (kept > 0) {
    for (const id of nodeIds) if (stored[id]) start[id] = { ...stored[id] };
    return start;
  }
  if (nodeIds.length > settleMax || nodeIds.length === 0) return start;
  const g = new MultiGraph();
  for (const id of nodeIds) g.addNode(id, { ...start[id]! });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.addEdge(e.source, e.target);
  return settleSync(g);
}

/**
 * Re-runs a layout by id on a drawn picture (what a shared link asks for): the sync layouts as the buttons run
 * them; ForceAtlas2, which runs by hand until stopped, as a fixed run of iterations (deterministic, so the link
 * gives one picture, though not the very positions of a run stopped by hand: a snapshot keeps those).
 */
export function layoutById(
  id: string,
  nodes: { id: string; x: number; y: number }[],
  edges: { source: string; target: string }[],
): Record<string, Position> | null {
  const g = new MultiGraph();
  for (const n of nodes) g.addNode(n.id, { x: n.x, y: n.y });
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.addEdge(e.source, e.target);
  if (id === 'circular' || id === 'noverlap') return runSyncLayout(id, g);
  if (id === 'forceatlas2') return settleSync(g);
  return null;
}
