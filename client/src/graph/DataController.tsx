import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import { DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from '@sigma/edge-curve';
import type { RenderModel } from '../state/render/types';

function curvature(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -curvature(-index, maxIndex);
  const amplitude = 3.5;
  const max = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (max * index) / maxIndex;
}

/**
 * Keeps sigma's graphology graph equal to the render model: adds, drops and updates nodes and edges in place
 * (never rebuilds), so nodes that stay keep their positions. While a layout runs, positions are left to it.
 * Renders nothing.
 */
export function DataController({ model, syncPositions }: { model: RenderModel; syncPositions: boolean }) {
  const sigma = useSigma();
  useEffect(() => {
    const graph = sigma.getGraph();
    const nodeIds = new Set(model.nodes.map((n) => n.id));
    const edgeIds = new Set(model.edges.map((e) => e.id));
    // Every attribute write is a graph event on which sigma re-runs the reducers of that node or edge, so only
    // what changed is written (issue 13: a refresh after a layout step wrote every edge four times, 200,000
    // reducer calls at 50,000 edges, for nothing).
    let topology = false;
    graph.forEachEdge((id) => {
      if (!edgeIds.has(id)) {
        graph.dropEdge(id);
        topology = true;
      }
    });
    const dropNodes: string[] = [];
    graph.forEachNode((id) => void (nodeIds.has(id) ? null : dropNodes.push(id)));
    for (const id of dropNodes) graph.dropNode(id);
    if (dropNodes.length) topology = true;

    const changed: RenderModel['nodes'] = [];
    for (const n of model.nodes) {
      if (!graph.hasNode(n.id)) {
        graph.addNode(n.id, { label: n.label, kind: n.kind, hidden: n.hidden, x: n.x, y: n.y, size: 6 });
        topology = true;
        continue;
      }
      const a = graph.getNodeAttributes(n.id);
      const moved = syncPositions && (a['x'] !== n.x || a['y'] !== n.y);
      if (moved || a['label'] !== n.label || a['kind'] !== n.kind || a['hidden'] !== n.hidden) changed.push(n);
    }
    const write = (n: RenderModel['nodes'][number]) =>
      syncPositions
        ? { label: n.label, kind: n.kind, hidden: n.hidden, x: n.x, y: n.y }
        : { label: n.label, kind: n.kind, hidden: n.hidden };
    if (changed.length > 100) {
      // many nodes at once (a layout step): one graph event, so sigma refreshes once instead of once per node
      const byId = new Map(changed.map((n) => [n.id, n]));
      graph.updateEachNodeAttributes((id, a) => {
        const n = byId.get(id);
        return n ? { ...a, ...write(n) } : a;
      });
    } else for (const n of changed) graph.mergeNodeAttributes(n.id, write(n));
    for (const e of model.edges) {
      const attrs = { label: e.label, relType: e.type, weight: e.weight, inferred: e.inferred, hidden: e.hidden };
      if (!graph.hasEdge(e.id)) {
        if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
          graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
          topology = true;
        }
        continue;
      }
      const a = graph.getEdgeAttributes(e.id);
      if (
        a['label'] !== e.label ||
        a['relType'] !== e.type ||
        a['weight'] !== e.weight ||
        a['inferred'] !== e.inferred ||
        a['hidden'] !== e.hidden
      )
        graph.mergeEdgeAttributes(e.id, attrs);
    }

    // parallel edges as curves: they can only change when edges come or go
    if (!topology) return;
    indexParallelEdgesIndex(graph, { edgeIndexAttribute: 'parallelIndex', edgeMaxIndexAttribute: 'parallelMaxIndex' });
    graph.forEachEdge((id, attr) => {
      const max = attr['parallelMaxIndex'] as number | null | undefined;
      const idx = attr['parallelIndex'] as number | null | undefined;
      let type: string;
      let curve: number;
      if (typeof max === 'number' && max > 0 && typeof idx === 'number') {
        type = 'curved';
        curve = curvature(idx, max);
      } else {
        const undirected = attr['relType'] === 'MET' || attr['relType'] === 'MORE';
        type = undirected ? 'line' : 'arrow';
        curve = 0;
      }
      if (attr['type'] !== type || attr['curvature'] !== curve)
        graph.mergeEdgeAttributes(id, { type, curvature: curve });
    });
  }, [sigma, model, syncPositions]);
  return null;
}
