import type { Filters } from '../filters/types';

export interface Position {
  x: number;
  y: number;
}

/** One "expand" of a node: the neighbours it brought into the view, so that collapse can take back exactly those. */
export interface Expansion {
  anchor: string;
  /** node ids that were not in view before and came with this expansion (all its pages) */
  added: string[];
  /** how many neighbours have been fetched so far (the offset of the next page) */
  loaded: number;
  /** how many neighbours the anchor has in all */
  total: number;
}

export type Mode = 'graph' | 'met';

/** The undoable part of the explorer: what is in view, where, and how it is filtered. */
export interface ViewState {
  /** node ids in view, in the order they came in */
  visible: string[];
  /** positions of the graph view (kept for nodes that leave, so they come back where they were) */
  positions: Record<string, Position>;
  expansions: Expansion[];
  filters: Filters;
  mode: Mode;
  /** positions of the who-met-whom view, apart from the graph view's */
  metPositions: Record<string, Position>;
  /** the last layout applied by hand (its id), which a shared link re-runs; absent for the seeded start */
  layout?: string;
}
