/** The snapshots slice: the saved list, and what the explorer hands over when a snapshot is taken. */
import type {
  StyleRule,
  JsonValue,
  SnapshotFilters,
  SnapshotLegendItem,
  SnapshotQuery,
  SnapshotSource,
  SnapshotSummary,
} from '../../../../contract';

export type {
  SnapshotDocument,
  SnapshotEdge,
  SnapshotNode,
  SnapshotResponse,
  SnapshotSummary,
  StoredSnapshot,
} from '../../../../contract';

/** The parts of the view a snapshot keeps that sigma does not know (the explorer supplies them). */
export interface ViewStateForSnapshot {
  mode: 'graph' | 'met';
  filters: SnapshotFilters;
  selection: string[];
  query: SnapshotQuery | null;
  styles: Record<string, JsonValue>;
  /** style rules by property (absent: none) */
  rules?: StyleRule[];
  /** when absent, a legend is made from the kinds and colours of the visible nodes */
  legend?: SnapshotLegendItem[];
  sources: SnapshotSource[];
}

export interface SnapshotListState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: SnapshotSummary[];
  error: string | null;
}

export type SnapshotListAction =
  | { type: 'load' }
  | { type: 'loaded'; items: SnapshotSummary[] }
  | { type: 'failed'; error: string }
  | { type: 'removed'; id: string }
  | { type: 'added'; item: SnapshotSummary };
