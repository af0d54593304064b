import type Sigma from 'sigma';
import { nearestSegment, type Segment } from '../state/render/utils';

/** How far from an edge (CSS pixels) a click or a hover still takes it. */
export const EDGE_PICK_TOLERANCE = 7;

/**
 * The edge drawn nearest to a viewport point within the pick tolerance (straight segments between the ends;
 * hidden edges and "+N more" links left out), or null.
 */
export function edgeNear(sigma: Sigma, point: { x: number; y: number }): string | null {
  const graph = sigma.getGraph();
  const segments: Segment[] = [];
  graph.forEachEdge((id, attr, s, t, sa, ta) => {
    if (attr['hidden'] || sa['hidden'] || ta['hidden'] || id.endsWith('#edge')) return;
    const ds = sigma.getNodeDisplayData(s);
    const dt = sigma.getNodeDisplayData(t);
    if (!ds || !dt) return;
    const a = sigma.framedGraphToViewport(ds);
    const b = sigma.framedGraphToViewport(dt);
    segments.push({ id, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  });
  return nearestSegment(point, segments, EDGE_PICK_TOLERANCE);
}
