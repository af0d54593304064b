import type { StyleRule } from '../styles/types';
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
  /** the date-like property the time bar reads (`dateProp`), null for meeting dates */
  dateProperty: string | null;
  /** nodes brought in by search or show when starting empty (those brought by expansions are in `expand`) */
  show: string[];
  /** the last layout applied (re-run on reopening, after the expansions), or null for the seeded start */
  layout: string | null;
  /** the seed of the initial layout */
  seed: number;
  sizeBy: 'uniform' | 'degree' | 'betweenness' | 'pagerank';
  colorByCommunity: boolean;
  /** expanded nodes, in the order they were expanded (each re-expanded, first page, on reopening) */
  expand: string[];
  /** nodes hidden by hand among those the start and the expansions bring */
  hide: string[];
  /** the path asked for: its two ends */
  path: [string, string] | null;
  /** style rules by property (`style=Meeting.color.status,…`, see state/styles) */
  rules: StyleRule[];
}
