import type { Mode } from '../view/types';

/** What the address bar says about the explorer, so that a reload or a shared link restores the view. */
export interface UrlState {
  /** selected node id */
  node: string | null;
  /** selected relationship id (graph or who-met-whom edge) */
  edge: string | null;
  mode: Mode;
  /** how the explorer starts: the whole seed graph, or an empty canvas */
  start: 'all' | 'empty';
  hiddenLabels: string[];
  hiddenTypes: string[];
  from: string | null;
  to: string | null;
  /** nodes brought in by search or expansion when starting empty */
  show: string[];
}
