/**
 * Multi-select: the set of selected nodes (shift-click, box select), kept apart from the single selection whose
 * details the panel shows. Pure producers over arrays of ids (order kept: the order they were picked in).
 */
import type { Box } from './types';

export type { Box } from './types';

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
