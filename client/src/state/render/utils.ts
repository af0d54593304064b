import type { RenderModel } from './types';

/** Ids of the nodes drawn and not hidden. */
export function shownNodeIds(model: RenderModel): string[] {
  return model.nodes.filter((n) => !n.hidden).map((n) => n.id);
}

/** Ids of the relationships drawn and not hidden. */
export function shownEdgeIds(model: RenderModel): string[] {
  return model.edges.filter((e) => !e.hidden).map((e) => e.id);
}

/** A drawn segment on screen (an edge between its ends' viewport positions). */
export interface Segment {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Distance from a point to a segment (to its nearest end when the foot of the perpendicular falls outside). */
export function distanceToSegment(p: { x: number; y: number }, s: Segment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - s.x1) * dx + (p.y - s.y1) * dy) / len2));
  return Math.hypot(p.x - (s.x1 + t * dx), p.y - (s.y1 + t * dy));
}

/**
 * The id of the segment nearest to the point within `tolerance` pixels, or null: the wider pick area of edges
 * (sigma picks the exact pixel of a 1–2 px line). Ties go to the first segment.
 */
export function nearestSegment(p: { x: number; y: number }, segments: Segment[], tolerance: number): string | null {
  let best: string | null = null;
  let bestD = tolerance;
  for (const s of segments) {
    const d = distanceToSegment(p, s);
    if (d <= bestD && (best === null || d < bestD)) {
      best = s.id;
      bestD = d;
    }
  }
  return best;
}

/** How many of the given nodes each community has, largest first (then by community number). */
export function communityCounts(
  communities: Record<string, number>,
  ids: Iterable<string>,
): { community: number; count: number }[] {
  const m = new Map<number, number>();
  for (const id of ids) {
    const c = communities[id];
    if (c !== undefined) m.set(c, (m.get(c) ?? 0) + 1);
  }
  return [...m]
    .map(([community, count]) => ({ community, count }))
    .sort((a, b) => b.count - a.count || a.community - b.community);
}

/**
 * Do two render models draw the same graph, whatever the positions (same nodes and edges in the same order, same
 * ends, kinds, weights and hidden flags)? Sizes and communities depend on that alone, so a layout step, which
 * only moves nodes, need not recompute them (nor make sigma re-run every reducer).
 */
export function sameTopology(a: RenderModel, b: RenderModel): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const p = a.nodes[i]!;
    const q = b.nodes[i]!;
    if (p.id !== q.id || p.kind !== q.kind || p.hidden !== q.hidden) return false;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const p = a.edges[i]!;
    const q = b.edges[i]!;
    if (p.id !== q.id || p.source !== q.source || p.target !== q.target || p.hidden !== q.hidden) return false;
    if (p.weight !== q.weight) return false;
  }
  return true;
}
