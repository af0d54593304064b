import { distanceToSegment } from './utils';

/**
 * Edge hit-testing in viewport space (CSS pixels, y down), pure: the explorer's own pick, so that sigma's edge
 * picking pass (every edge drawn a second time into a framebuffer on every frame) can stay off (issue 13).
 */

/** An edge as drawn: from (x1, y1) to (x2, y2), straight, or a quadratic curve through the control point. */
export interface PickEdge {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** control point of a curved edge (as @sigma/edge-curve draws it), absent for a straight one */
  cx?: number;
  cy?: number;
}

/**
 * The control point @sigma/edge-curve uses for a curvature, in viewport space with y down: the middle of the chord
 * moved `curvature × length` along the chord's normal (its shader works with y up, which flips the normal).
 */
export function curveControl(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  curvature: number,
): { cx: number; cy: number } {
  return { cx: (x1 + x2) / 2 + (y2 - y1) * curvature, cy: (y1 + y2) / 2 - (x2 - x1) * curvature };
}

/** Straight pieces a curve is cut into for measuring: far under a pixel of error for curves a screen wide. */
const CURVE_STEPS = 24;

/** Distance from a point to an edge as drawn (its segment, or its quadratic curve). */
export function distanceToEdge(p: { x: number; y: number }, e: PickEdge): number {
  if (e.cx === undefined || e.cy === undefined) return distanceToSegment(p, e);
  let best = Infinity;
  let px = e.x1;
  let py = e.y1;
  for (let i = 1; i <= CURVE_STEPS; i++) {
    const t = i / CURVE_STEPS;
    const u = 1 - t;
    const x = u * u * e.x1 + 2 * u * t * e.cx + t * t * e.x2;
    const y = u * u * e.y1 + 2 * u * t * e.cy + t * t * e.y2;
    const d = distanceToSegment(p, { id: e.id, x1: px, y1: py, x2: x, y2: y });
    if (d < best) best = d;
    px = x;
    py = y;
  }
  return best;
}

/** A uniform grid over the viewport: each cell lists the edges that pass within the tolerance of it. */
export interface EdgeGrid {
  cell: number;
  cols: number;
  rows: number;
  tolerance: number;
  /** cell index (row × cols + col) → indices into `edges` */
  cells: Map<number, number[]>;
  edges: PickEdge[];
}

/**
 * Indexes the edges drawn in a viewport of `width` × `height` for picks within `tolerance` pixels. Only the part of
 * each edge inside the viewport is indexed (the pointer is always in it). A straight edge goes into the cells its
 * widened segment crosses, row by row; a curve into the cells of its widened bounding box (a quadratic curve stays
 * inside the triangle of its ends and control point).
 */
export function buildEdgeGrid(
  edges: PickEdge[],
  width: number,
  height: number,
  tolerance: number,
  cell = 32,
): EdgeGrid {
  const cols = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const cells = new Map<number, number[]>();
  const add = (row: number, c0: number, c1: number, i: number) => {
    for (let c = Math.max(0, c0); c <= Math.min(cols - 1, c1); c++) {
      const k = row * cols + c;
      const list = cells.get(k);
      if (list) list.push(i);
      else cells.set(k, [i]);
    }
  };
  edges.forEach((e, i) => {
    const curved = e.cx !== undefined && e.cy !== undefined;
    const xs = curved ? [e.x1, e.x2, e.cx!] : [e.x1, e.x2];
    const ys = curved ? [e.y1, e.y2, e.cy!] : [e.y1, e.y2];
    const minX = Math.min(...xs) - tolerance;
    const maxX = Math.max(...xs) + tolerance;
    const minY = Math.min(...ys) - tolerance;
    const maxY = Math.max(...ys) + tolerance;
    if (!(maxX >= 0 && minX <= width && maxY >= 0 && minY <= height)) return; // off screen (or not a number)
    const r0 = Math.max(0, Math.floor(minY / cell));
    const r1 = Math.min(rows - 1, Math.floor(maxY / cell));
    for (let r = r0; r <= r1; r++) {
      if (curved) {
        add(r, Math.floor(minX / cell), Math.floor(maxX / cell), i);
        continue;
      }
      // the x range of the segment within this row's band (widened by the tolerance), widened by the tolerance
      const top = r * cell - tolerance;
      const bottom = (r + 1) * cell + tolerance;
      const dy = e.y2 - e.y1;
      let t0 = 0;
      let t1 = 1;
      if (dy !== 0) {
        const ta = (top - e.y1) / dy;
        const tb = (bottom - e.y1) / dy;
        t0 = Math.max(0, Math.min(ta, tb));
        t1 = Math.min(1, Math.max(ta, tb));
        if (t0 > t1) continue;
      } else if (e.y1 < top || e.y1 > bottom) continue;
      const xa = e.x1 + (e.x2 - e.x1) * t0;
      const xb = e.x1 + (e.x2 - e.x1) * t1;
      add(r, Math.floor((Math.min(xa, xb) - tolerance) / cell), Math.floor((Math.max(xa, xb) + tolerance) / cell), i);
    }
  });
  return { cell, cols, rows, tolerance, cells, edges };
}

/**
 * The id of the edge drawn nearest to the point within the grid's tolerance, or null. Only the edges listed in the
 * point's cell are measured. Ties go to the edge listed first.
 */
export function pickEdge(grid: EdgeGrid, p: { x: number; y: number }): string | null {
  const col = Math.floor(p.x / grid.cell);
  const row = Math.floor(p.y / grid.cell);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return null;
  const list = grid.cells.get(row * grid.cols + col);
  if (!list) return null;
  let best: string | null = null;
  let bestD = grid.tolerance;
  for (const i of list) {
    const e = grid.edges[i]!;
    const d = distanceToEdge(p, e);
    if (d <= bestD && (best === null || d < bestD)) {
      best = e.id;
      bestD = d;
    }
  }
  return best;
}
