/**
 * Multi-select: the set of selected nodes (shift-click, box select), kept apart from the single selection whose
 * details the panel shows. Pure producers over arrays of ids (order kept: the order they were picked in).
 */
import type { Box, Point } from './types';

export type { Box, Point } from './types';

/**
 * Shift-click on `id`: adds it to the set, or takes it out when already in. When the set is empty and another
 * node is selected on its own, that node joins first (shift-click after a click picks both, as in Bloom).
 */
export function toggleMember(set: readonly string[], id: string, single: string | null = null): string[] {
  if (set.includes(id)) return set.filter((x) => x !== id);
  const start = set.length === 0 && single && single !== id ? [single] : [...set];
  return [...start, id];
}

/** Adds ids to the set (a box drawn with shift held), without repeating those already in. */
export function addMembers(set: readonly string[], ids: readonly string[]): string[] {
  const have = new Set(set);
  return [...set, ...ids.filter((id) => !have.has(id) && have.add(id))];
}

/** The members still in view (hiding or collapsing takes nodes out of the selection too). */
export function keepVisible(set: readonly string[], visible: readonly string[]): string[] {
  const v = new Set(visible);
  const kept = set.filter((id) => v.has(id));
  return kept.length === set.length ? (set as string[]) : kept;
}

/** The nodes whose position lies inside the box (its corners in any order, edges included), in input order. */
export function nodesInBox(nodes: readonly { id: string; x: number; y: number }[], box: Box): string[] {
  const [xa, xb] = box.x1 <= box.x2 ? [box.x1, box.x2] : [box.x2, box.x1];
  const [ya, yb] = box.y1 <= box.y2 ? [box.y1, box.y2] : [box.y2, box.y1];
  return nodes.filter((n) => n.x >= xa && n.x <= xb && n.y >= ya && n.y <= yb).map((n) => n.id);
}

/**
 * The nodes whose position lies inside a closed outline (a lasso: its last point joins its first), by the
 * even-odd rule, in input order. Fewer than three points hold nothing.
 */
export function nodesInPolygon(
  nodes: readonly { id: string; x: number; y: number }[],
  outline: readonly Point[],
): string[] {
  if (outline.length < 3) return [];
  return nodes.filter((n) => insidePolygon(n, outline)).map((n) => n.id);
}

function insidePolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The box a drag spans (from its first point to its last). */
export function boxOf(points: readonly Point[]): Box | null {
  const a = points[0];
  const b = points[points.length - 1];
  return a && b ? { x1: a.x, y1: a.y, x2: b.x, y2: b.y } : null;
}

/** A drag shorter than this many pixels each way is a click, not an area (a shaky hand is not a box). */
export const AREA_MIN_PX = 4;

/** Whether the points of a drag span an area at all (else it was a click). */
export function spansArea(points: readonly Point[]): boolean {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return (
    points.length > 1 &&
    (Math.max(...xs) - Math.min(...xs) >= AREA_MIN_PX || Math.max(...ys) - Math.min(...ys) >= AREA_MIN_PX)
  );
}

/** Adds a point to a lasso's outline unless it is within `step` pixels of the last one (keeps outlines short). */
export function extendOutline(outline: readonly Point[], p: Point, step = 3): Point[] {
  const last = outline[outline.length - 1];
  if (last && Math.abs(last.x - p.x) < step && Math.abs(last.y - p.y) < step) return outline as Point[];
  return [...outline, p];
}
