import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import { expandNode, getExplorer, switchSource, viewOf } from '../core/explorer';
import { nodeLabelRect } from '../graph/labelRect';
import { graphPositions } from '../graph/LayoutController';
import { redoLabel, undoLabel } from '../state/history';
import type { Position } from '../state/view/types';
import { generateGraph } from '../utils/generate';
import { generatedSource } from './generatedSource';

export interface ParleyTestHook {
  /** positions of the nodes drawn (graph coordinates), "+N more" handles left out */
  positions: () => Record<string, Position>;
  /** ids of the nodes drawn and not hidden by a filter, sorted */
  visibleNodeIds: () => string[];
  /** ids of the edges drawn and not hidden, sorted */
  visibleEdgeIds: () => string[];
  /** where a node is on screen (CSS pixels relative to the canvas container), or null */
  nodeViewportPosition: (id: string) => { x: number; y: number } | null;
  /** the node and its label as drawn, in page coordinates (what the "Expand by" menu must not cover), or null */
  nodeLabelRect: (id: string) => { left: number; top: number; right: number; bottom: number } | null;
  /** the container's position in the page, to turn the above into page coordinates */
  containerRect: () => { left: number; top: number; width: number; height: number };
  /** a generated graph (seeded) replaces the data: `nodes` nodes, `edges` edges; `show` limits the first view */
  loadGenerated: (nodes: number, edges: number, seed?: number, show?: string[]) => Promise<void>;
  /** expands a node like a double-click */
  expand: (id: string) => Promise<void>;
  /** read-only copy of the explorer state (mode, selection, filters, expansions, layout running…) */
  state: () => unknown;
  /** the camera's zoom ratio */
  cameraRatio: () => number;
  /** whether the camera is moving (an animated fit or zoom in progress) */
  cameraAnimating: () => boolean;
  /** how a node is drawn after the reducers (label, forced label, size in pixels), or null */
  nodeDisplay: (
    id: string,
  ) => { label: string | null; forceLabel: boolean; size: number; hidden: boolean; color: string } | null;
  /** how an edge is drawn after the reducers (its ends, colour, thickness), or null */
  edgeDisplay: (id: string) => { source: string; target: string; color: string; size: number } | null;
}

declare global {
  interface Window {
    __parley?: ParleyTestHook;
  }
}

/** A JSON-able copy of what the explorer store holds, for assertions. */
function explorerState(labelSize: number | null) {
  const s = getExplorer();
  const view = viewOf(s);
  return {
    origin: s.source.kind,
    start: s.session?.start,
    mode: view.mode,
    selection: s.selection,
    filters: view.filters,
    expansions: view.expansions,
    visibleCount: view.visible.length,
    layoutRunning: s.layoutRunning,
    path: s.path,
    multi: s.multi,
    among: s.among,
    tableOpen: s.tableOpen,
    styleRules: s.styleRules,
    sizeBy: s.sizeBy,
    colorByCommunity: s.colorByCommunity,
    presenting: s.presenting,
    labelSize,
    undo: s.session ? undoLabel(s.session.history) : null,
    redo: s.session ? redoLabel(s.session.history) : null,
  };
}

/** Installs `window.__parley` while the explorer's canvas is on screen (see client/src/README.md). Renders nothing. */
export function ExplorerTestHook() {
  const sigma = useSigma();
  useEffect(() => {
    const graph = sigma.getGraph();
    const hook: ParleyTestHook = {
      positions: () => graphPositions(graph),
      visibleNodeIds: () => graph.filterNodes((id, a) => !a['hidden'] && !id.startsWith('more:')).sort(),
      visibleEdgeIds: () =>
        graph
          .filterEdges(
            (id, a, _s, _t, sa, ta) => !a['hidden'] && !sa['hidden'] && !ta['hidden'] && !id.endsWith('#edge'),
          )
          .sort(),
      nodeViewportPosition: (id) => {
        if (!graph.hasNode(id)) return null;
        const d = sigma.getNodeDisplayData(id);
        return d ? sigma.framedGraphToViewport(d) : null;
      },
      nodeLabelRect: (id) => nodeLabelRect(sigma, id),
      containerRect: () => {
        const r = sigma.getContainer().getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      },
      loadGenerated: (n, m, seed = 1, show) => switchSource(generatedSource(generateGraph(n, m, seed)), show ?? null),
      expand: (id) => expandNode(id),
      state: () => JSON.parse(JSON.stringify(explorerState(sigma.getSetting('labelSize') ?? null))) as unknown,
      cameraRatio: () => sigma.getCamera().ratio,
      cameraAnimating: () => sigma.getCamera().isAnimated(),
      nodeDisplay: (id) => {
        const d = graph.hasNode(id) ? sigma.getNodeDisplayData(id) : undefined;
        if (!d) return null;
        const size = sigma.scaleSize(d.size);
        return { label: d.label ?? null, forceLabel: !!d.forceLabel, size, hidden: !!d.hidden, color: d.color };
      },
      edgeDisplay: (id) => {
        const d = graph.hasEdge(id) ? sigma.getEdgeDisplayData(id) : undefined;
        if (!d) return null;
        return { source: graph.source(id), target: graph.target(id), color: d.color, size: d.size };
      },
    };
    window.__parley = Object.freeze(hook);
    return () => {
      if (window.__parley === hook) delete window.__parley;
    };
  }, [sigma]);
  return null;
}
