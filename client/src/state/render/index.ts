import type { GraphNode } from '../../../../contract';
import { edgePasses, nodePasses } from '../filters/utils';
import type { GraphData } from '../data/types';
import { edgesWithin, primaryLabel } from '../data/utils';
import { projectMet } from '../met';
import type { MetProjection } from '../met/types';
import type { Position, ViewState } from '../view/types';
import { extent } from '../view/utils';
import type { RenderModel } from './types';

export type { CameraRequest, RenderEdge, RenderModel, RenderNode } from './types';
export * from './utils';

/** The nodes in view, in view order (ids without data are skipped). */
export function viewNodes(data: GraphData, view: ViewState): GraphNode[] {
  return view.visible.map((id) => data.nodes[id]).filter((n): n is GraphNode => !!n);
}

/** The who-met-whom projection of what is in view (meetings outside the time range do not count). */
export function viewProjection(data: GraphData, view: ViewState): MetProjection {
  const nodes = viewNodes(data, view);
  const edges = edgesWithin(data, new Set(nodes.map((n) => n.id)));
  return projectMet(nodes, edges, view.filters);
}

/**
 * Derives the picture. In the graph mode: the nodes in view and the relationships between them, filters
 * marking what is hidden. In the who-met-whom mode: people and shared-meeting edges, placed with the
 * mode's own positions (falling back to the graph positions), so switching back restores the graph as it was.
 */
export function deriveRenderModel(data: GraphData, view: ViewState): RenderModel {
  const f = view.filters;
  if (view.mode === 'met') {
    const proj = viewProjection(data, view);
    const hidden = new Set(proj.nodes.filter((n) => !nodePasses(n, f)).map((n) => n.id));
    return {
      nodes: proj.nodes.map((n) => {
        const p = view.metPositions[n.id] ?? view.positions[n.id] ?? { x: 0, y: 0 };
        return { id: n.id, label: n.name, kind: primaryLabel(n), x: p.x, y: p.y, hidden: hidden.has(n.id) };
      }),
      edges: proj.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: `met ×${e.weight}`,
        type: 'MET',
        weight: e.weight,
        inferred: false,
        hidden: hidden.has(e.source) || hidden.has(e.target),
      })),
    };
  }
  const nodes = viewNodes(data, view);
  const hidden = new Set(nodes.filter((n) => !nodePasses(n, f)).map((n) => n.id));
  const inView = new Set(nodes.map((n) => n.id));
  const more = moreHandles(view, inView, hidden);
  return {
    nodes: [
      ...nodes.map((n) => {
        const p = view.positions[n.id] ?? { x: 0, y: 0 };
        return { id: n.id, label: n.name, kind: primaryLabel(n), x: p.x, y: p.y, hidden: hidden.has(n.id) };
      }),
      ...more.nodes,
    ],
    edges: [
      ...edgesWithin(data, inView).map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.type,
        type: e.type,
        weight: 1,
        inferred: e.inferred,
        hidden: hidden.has(e.source) || hidden.has(e.target) || !edgePasses(e, f),
      })),
      ...more.edges,
    ],
  };
}

/** The id of the "+N more" handle of an anchor. */
export function moreHandleId(anchor: string): string {
  return `more:${anchor}`;
}

/** The anchor of a "+N more" handle id, or null when the id is not one. */
export function moreHandleAnchor(id: string): string | null {
  return id.startsWith('more:') ? id.slice(5) : null;
}

/** How far below its anchor a "+N more" handle sits, as a share of the picture's spread. */
export const MORE_HANDLE_OFFSET = 0.06;

/**
 * A "+N more" handle next to each expanded node that has neighbours left to load: straight below its anchor
 * (the anchor's own label is drawn to its right), far enough not to be hit by a click meant for the anchor at
 * any zoom a fit gives (a share of the picture's spread, at least 6 units).
 */
function moreHandles(view: ViewState, inView: Set<string>, hidden: Set<string>): RenderModel {
  const out: RenderModel = { nodes: [], edges: [] };
  const spread = extent([...inView].map((id) => view.positions[id]).filter((p): p is Position => !!p)).spread;
  const offset = Math.max(spread * MORE_HANDLE_OFFSET, 6);
  for (const e of view.expansions) {
    const left = e.total - e.loaded;
    if (left <= 0 || !inView.has(e.anchor)) continue;
    const p = view.positions[e.anchor] ?? { x: 0, y: 0 };
    const id = moreHandleId(e.anchor);
    const h = hidden.has(e.anchor);
    out.nodes.push({ id, label: `+${left} more`, kind: 'More', x: p.x, y: p.y - offset, hidden: h });
    out.edges.push({
      id: `${id}#edge`,
      source: e.anchor,
      target: id,
      label: '',
      type: 'MORE',
      weight: 1,
      inferred: false,
      hidden: h,
    });
  }
  return out;
}
