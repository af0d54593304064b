export type { Expansion } from '../view/types';

/** One page of neighbours as the server returns it, reduced to what the view needs. */
export interface NeighborPage {
  /** the neighbour node ids of this page (the anchor itself excluded) */
  nodeIds: string[];
  /** offset this page started at */
  offset: number;
  /** how many neighbours the anchor has in all */
  total: number;
}
