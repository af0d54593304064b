import { emptyFilters } from '../filters';
import type { Filters } from '../filters/types';
import type { GraphData } from '../data/types';
import { DEFAULT_SEED } from '../../utils/rng';
import type { Mode, Position, ViewState } from './types';
import { extent, seededPositions } from './utils';

export type { Expansion, Mode, Position, ViewState } from './types';
export * from './utils';

export const emptyView: ViewState = {
  visible: [],
  positions: {},
  expansions: [],
  filters: emptyFilters,
  mode: 'graph',
  metPositions: {},
};

/**
 * Brings nodes into view. Nodes that already have a position keep it; the others get a seeded position near
 * `near` (or around the centre of the current picture).
 */
export function showNodes(view: ViewState, ids: string[], near?: Position): ViewState {
  const have = new Set(view.visible);
  const fresh = ids.filter((id) => !have.has(id));
  if (fresh.length === 0) return view;
  const unplaced = fresh.filter((id) => !view.positions[id]);
  const ext = extent(view.visible.map((id) => view.positions[id]).filter((p): p is Position => !!p));
  const centre = near ?? { x: ext.cx, y: ext.cy };
  const radius = near ? ext.spread * 0.08 + 1 : ext.spread / 2;
  const placed = seededPositions(unplaced, centre.x, centre.y, radius, DEFAULT_SEED);
  return { ...view, visible: [...view.visible, ...fresh], positions: { ...view.positions, ...placed } };
}

/** Takes nodes out of view (their positions are kept for when they come back) and forgets expansions anchored at them. */
export function hideNodes(view: ViewState, ids: string[]): ViewState {
  const drop = new Set(ids);
  if (!view.visible.some((id) => drop.has(id))) return view;
  return {
    ...view,
    visible: view.visible.filter((id) => !drop.has(id)),
    expansions: view.expansions.filter((e) => !drop.has(e.anchor)),
  };
}

/** Replaces the positions of the current mode (after a layout step). */
export function setPositions(view: ViewState, positions: Record<string, Position>): ViewState {
  return view.mode === 'met'
    ? { ...view, metPositions: { ...view.metPositions, ...positions } }
    : { ...view, positions: { ...view.positions, ...positions } };
}

export function setFilters(view: ViewState, filters: Filters): ViewState {
  return { ...view, filters };
}

export function setMode(view: ViewState, mode: Mode): ViewState {
  return view.mode === mode ? view : { ...view, mode };
}

/** A node and its neighbours that are in view (by the relationships held), the node first, then by id. */
export function neighbourhoodInView(data: GraphData, view: ViewState, id: string): string[] {
  const inView = new Set(view.visible);
  const out = new Set<string>();
  for (const e of Object.values(data.edges)) {
    const other = e.source === id ? e.target : e.target === id ? e.source : null;
    if (other !== null && other !== id && inView.has(other)) out.add(other);
  }
  return [id, ...[...out].sort()];
}
