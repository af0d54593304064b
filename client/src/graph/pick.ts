import type Sigma from 'sigma';
import { DEFAULT_EDGE_CURVATURE } from '@sigma/edge-curve';
import { buildEdgeGrid, curveControl, pickEdge, type EdgeGrid, type PickEdge } from '../state/render/pick';

/** How far from an edge (CSS pixels) a click or a hover still takes it. */
export const EDGE_PICK_TOLERANCE = 7;

const GRAPH_EVENTS = [
  'nodeAdded',
  'edgeAdded',
  'nodeDropped',
  'edgeDropped',
  'cleared',
  'edgesCleared',
  'attributesUpdated',
  'nodeAttributesUpdated',
  'edgeAttributesUpdated',
  'eachNodeAttributesUpdated',
  'eachEdgeAttributesUpdated',
] as const;

/** The edges as sigma draws them now, in viewport space (hidden edges and "+N more" links left out). */
function drawnEdges(sigma: Sigma): PickEdge[] {
  const graph = sigma.getGraph();
  const at = new Map<string, { x: number; y: number } | null>();
  const place = (node: string) => {
    let p = at.get(node);
    if (p === undefined) {
      const d = sigma.getNodeDisplayData(node);
      p = d && !d.hidden ? sigma.framedGraphToViewport(d) : null;
      at.set(node, p);
    }
    return p;
  };
  const out: PickEdge[] = [];
  graph.forEachEdge((id, attr, s, t) => {
    if (attr['hidden'] || id.endsWith('#edge')) return;
    const d = sigma.getEdgeDisplayData(id);
    if (!d || d.hidden) return;
    const a = place(s);
    const b = place(t);
    if (!a || !b) return;
    const e: PickEdge = { id, x1: a.x, y1: a.y, x2: b.x, y2: b.y };
    if (String(d.type).startsWith('curved')) {
      const c = (d as unknown as Record<string, unknown>)['curvature'];
      const curvature = typeof c === 'number' ? c : DEFAULT_EDGE_CURVATURE;
      if (curvature !== 0) Object.assign(e, curveControl(a.x, a.y, b.x, b.y, curvature));
    }
    out.push(e);
  });
  return out;
}

/**
 * Parley's own edge picking for one sigma (instead of sigma's picking pass, `enableEdgeEvents`, which draws every
 * edge a second time on every frame): a grid of the drawn edges in viewport space, built on the first pick after
 * the camera moved, the canvas was resized or the graph changed (once sigma has processed the change, so the grid
 * matches the picture), and reused by every pick until then.
 */
export class EdgePicker {
  private grid: EdgeGrid | null = null;
  private graphChanged = false;
  private readonly off: (() => void)[] = [];

  constructor(private readonly sigma: Sigma) {
    const stale = () => void (this.grid = null);
    const changed = () => void (this.graphChanged = true);
    const processed = () => {
      if (this.graphChanged) this.grid = null;
      this.graphChanged = false;
    };
    const camera = sigma.getCamera();
    const graph = sigma.getGraph();
    camera.on('updated', stale);
    sigma.on('resize', stale);
    sigma.on('afterProcess', processed);
    for (const ev of GRAPH_EVENTS) graph.on(ev, changed);
    this.off.push(
      () => camera.off('updated', stale),
      () => sigma.off('resize', stale),
      () => sigma.off('afterProcess', processed),
      ...GRAPH_EVENTS.map((ev) => () => void graph.off(ev, changed)),
    );
  }

  /** The edge drawn nearest to a viewport point, within the pick tolerance, or null. */
  pick(point: { x: number; y: number }): string | null {
    if (!this.grid) {
      const { width, height } = this.sigma.getDimensions();
      this.grid = buildEdgeGrid(drawnEdges(this.sigma), width, height, EDGE_PICK_TOLERANCE);
    }
    return pickEdge(this.grid, point);
  }

  dispose() {
    for (const f of this.off) f();
    this.off.length = 0;
    this.grid = null;
  }
}

const pickers = new WeakMap<Sigma, EdgePicker>();

/** The one picker of a sigma (shared by hover and click), dropped with the sigma. */
export function edgePicker(sigma: Sigma): EdgePicker {
  let p = pickers.get(sigma);
  if (!p) {
    const picker = new EdgePicker(sigma);
    pickers.set(sigma, picker);
    sigma.once('kill', () => {
      picker.dispose();
      pickers.delete(sigma);
    });
    p = picker;
  }
  return p;
}

/** The edge drawn nearest to a viewport point within the pick tolerance, or null. */
export function edgeNear(sigma: Sigma, point: { x: number; y: number }): string | null {
  return edgePicker(sigma).pick(point);
}
