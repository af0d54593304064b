import type { GraphEdge } from '../../../../contract';
import type { GraphData } from '../data/types';
import type { NeighborPage } from './types';
import type { Expansion, ViewState } from '../view/types';

/** The live expansion anchored at a node, if any. */
export function expansionOf(view: ViewState, anchor: string): Expansion | undefined {
  return view.expansions.find((e) => e.anchor === anchor);
}

/** How many neighbours of the anchor are still to load ("+N more"); 0 when it was never expanded. */
export function remaining(view: ViewState, anchor: string): number {
  const e = expansionOf(view, anchor);
  return e ? Math.max(0, e.total - e.loaded) : 0;
}

/**
 * The node ids a collapse of `anchor` takes out: what its expansion added, and, recursively, what the
 * expansions of those nodes added (they came in through it). Nodes in view before the expansion stay.
 */
export function collapseSet(view: ViewState, anchor: string): string[] {
  const byAnchor = new Map(view.expansions.map((e) => [e.anchor, e]));
  const out: string[] = [];
  const seen = new Set<string>([anchor]);
  const stack = [anchor];
  while (stack.length > 0) {
    const a = stack.pop()!;
    for (const id of byAnchor.get(a)?.added ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      stack.push(id);
    }
  }
  return out;
}

/**
 * One page of a node's neighbours from data the client already holds (used when there is no server behind the
 * data, e.g. a generated graph): neighbours sorted by id, `limit` from `offset`, with the edges to them.
 */
export function localNeighborPage(
  data: GraphData,
  anchor: string,
  limit: number,
  offset: number,
): { page: NeighborPage; edges: GraphEdge[] } {
  const adjacent = new Map<string, GraphEdge[]>();
  for (const e of Object.values(data.edges)) {
    const other = e.source === anchor ? e.target : e.target === anchor ? e.source : null;
    if (other === null || other === anchor) continue;
    adjacent.set(other, [...(adjacent.get(other) ?? []), e]);
  }
  const ids = [...adjacent.keys()].sort();
  const pageIds = ids.slice(offset, offset + limit);
  return {
    page: { nodeIds: pageIds, offset, total: ids.length },
    edges: pageIds.flatMap((id) => adjacent.get(id) ?? []),
  };
}
