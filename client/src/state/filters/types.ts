/** What the analyst chose to hide. Filters hide and show; they never move a node. */
export interface Filters {
  /** node labels hidden (a node is hidden when its primary label is here) */
  hiddenLabels: string[];
  /** relationship types hidden */
  hiddenTypes: string[];
  /** meetings dated before this ISO date are hidden (null: no lower bound) */
  from: string | null;
  /** meetings dated after this ISO date are hidden (null: no upper bound) */
  to: string | null;
  /**
   * the date-like property the time bar reads (any label's, e.g. `released`); null or absent: `Meeting.date`.
   * Nodes that do not carry it are not judged by the range.
   */
  dateProperty?: string | null;
}

export interface HistogramBin {
  /** first day of the bin (YYYY-MM-DD) */
  start: string;
  /** last day of the bin (YYYY-MM-DD) */
  end: string;
  count: number;
  /** how many of them the filters show */
  shown: number;
}
