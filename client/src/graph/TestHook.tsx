import { useEffect } from 'react';
import { useLatest } from '../utils/useLatest';
import { useSigma } from '@react-sigma/core';
import type { Position } from '../state/view/types';
import { graphPositions } from './LayoutController';

/** What the explorer exposes to the test hook besides what sigma knows. */
export interface TestHookApi {
  loadGenerated: (nodes: number, edges: number, seed?: number, show?: string[]) => void;
  expand: (id: string) => Promise<void>;
  state: () => unknown;
}

export interface ParleyTestHook {
  /** positions of the nodes drawn (graph coordinates), "+N more" handles left out */
  positions: () => Record<string, Position>;
  /** ids of the nodes drawn and not hidden by a filter, sorted */
  visibleNodeIds: () => string[];
  /** ids of the edges drawn and not hidden, sorted */
  visibleEdgeIds: () => string[];
  /** where a node is on screen (CSS pixels relative to the canvas container), or null */
  nodeViewportPosition: (id: string) => { x: number; y: number } | null;
  /** the container's position in the page, to turn the above into page coordinates */
  containerRect: () => { left: number; top: number; width: number; height: number };
  /** a generated graph (seeded) replaces the data: `nodes` nodes, `edges` edges; `show` limits the first view */
  loadGenerated: (nodes: number, edges: number, seed?: number, show?: string[]) => void;
  /** expands a node like a double-click */
  expand: (id: string) => Promise<void>;
  /** read-only copy of the explorer state (mode, selection, filters, expansions, layout running…) */
  state: () => unknown;
  /** the camera's zoom ratio */
  cameraRatio: () => number;
}

declare global {
  interface Window {
    __parley?: ParleyTestHook;
  }
}

/** Installs `window.__parley` (see client/src/README.md). Renders nothing. */
export function TestHook(api: TestHookApi) {
  const sigma = useSigma();
  const ref = useLatest(api);
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
      containerRect: () => {
        const r = sigma.getContainer().getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      },
      loadGenerated: (n, m, seed, show) => ref.current.loadGenerated(n, m, seed, show),
      expand: (id) => ref.current.expand(id),
      state: () => JSON.parse(JSON.stringify(ref.current.state())) as unknown,
      cameraRatio: () => sigma.getCamera().ratio,
    };
    window.__parley = Object.freeze(hook);
    return () => {
      if (window.__parley === hook) delete window.__parley;
    };
  }, [sigma, ref]);
  return null;
}
