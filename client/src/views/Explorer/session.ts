import type { GraphData } from '../../state/data/types';
import type { History } from '../../state/history/types';
import type { ViewState } from '../../state/view/types';

/** Where the data comes from: the Parley server, or a graph generated in the browser (load tests). */
export type DataOrigin = 'server' | 'generated';

/** The explorer's data and undoable view, kept across route changes so that the graph reopens as it was. */
export interface Session {
  origin: DataOrigin;
  start: 'all' | 'empty';
  data: GraphData;
  history: History<ViewState>;
}

let kept: Session | null = null;

/** The session left by the last explorer screen, if any (positions included: no layout re-runs). */
export function keptSession(): Session | null {
  return kept;
}

export function keepSession(s: Session | null): void {
  kept = s;
}
