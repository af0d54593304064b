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
    graph.forEachEdge((id) => void (edgeIds.has(id) ? null : graph.dropEdge(id)));
    const dropNodes: string[] = [];
    graph.forEachNode((id) => void (nodeIds.has(id) ? null : dropNodes.push(id)));
    for (const id of dropNodes) graph.dropNode(id);

    for (const n of model.nodes) {
      const attrs = { label: n.label, kind: n.kind, hidden: n.hidden };
      if (!graph.hasNode(n.id)) graph.addNode(n.id, { ...attrs, x: n.x, y: n.y, size: 6 });
      else if (syncPositions) graph.mergeNodeAttributes(n.id, { ...attrs, x: n.x, y: n.y });
      else graph.mergeNodeAttributes(n.id, attrs);
    }
    for (const e of model.edges) {
      const attrs = { label: e.label, relType: e.type, weight: e.weight, inferred: e.inferred, hidden: e.hidden };
      if (!graph.hasEdge(e.id)) {
        if (graph.hasNode(e.source) && graph.hasNode(e.target))
          graph.addDirectedEdgeWithKey(e.id, e.source, e.target, attrs);
      } else graph.mergeEdgeAttributes(e.id, attrs);
    }

    indexParallelEdgesIndex(graph, { edgeIndexAttribute: 'parallelIndex', edgeMaxIndexAttribute: 'parallelMaxIndex' });
    graph.forEachEdge((id, attr) => {
      const max = attr['parallelMaxIndex'] as number | null | undefined;
      const idx = attr['parallelIndex'] as number | null | undefined;
      if (typeof max === 'number' && max > 0 && typeof idx === 'number') {
        graph.mergeEdgeAttributes(id, { type: 'curved', curvature: curvature(idx, max) });
      } else {
        const undirected = attr['relType'] === 'MET' || attr['relType'] === 'MORE';
        graph.mergeEdgeAttributes(id, { type: undirected ? 'line' : 'arrow', curvature: 0 });
      }
    });
  }, [sigma, model, syncPositions]);
  return null;
}
