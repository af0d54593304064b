/**
 * Selecting a node or a relationship, and what a selection fetches: the node's details (once per node selected,
 * the previous request aborted), the server's cross-check of a who-met-whom edge, and a source's full text.
 */
import { ApiRequestError } from '../../api/client';
import { mergeSubgraph } from '../../state/data';
import { isMetEdgeId } from '../../state/met';
import { openSourceDialog } from '../../utils/sourceDialog';
import { rememberSources } from '../sources';
import { projectionOf } from './derived';
import { getExplorer, setExplorer, type Selection } from './store';

export function errorText(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

let detailsFor: string | null = null;
let detailsCtl: AbortController | null = null;
let metCtl: AbortController | null = null;

/** Selects one node or relationship (or nothing): the multi-selection and its highlight end. */
export function select(selection: Selection): void {
  setExplorer({ selection, multi: [], among: null });
  fetchSelected(false);
}

export const selectNode = (id: string) => select({ kind: 'node', id });
export const selectEdge = (id: string) => select({ kind: 'edge', id });

/** Fetches the selected node's details (once per selected node) or the cross-check of a who-met-whom edge. */
export function fetchSelected(force: boolean): void {
  const { selection, session, source } = getExplorer();
  const nodeId = selection?.kind === 'node' ? selection.id : null;
  if (force || nodeId !== detailsFor) {
    detailsCtl?.abort();
    detailsCtl = null;
    detailsFor = nodeId;
    if (nodeId && session) {
      const ctl = (detailsCtl = new AbortController());
      source
        .node(nodeId, ctl.signal)
        .then((d) => {
          rememberSources(d.sources);
          setExplorer((s) => ({
            details: { id: nodeId, details: d, error: null },
            session: s.session
              ? { ...s.session, data: mergeSubgraph(s.session.data, { nodes: [d.node], edges: [] }) }
              : null,
          }));
        })
        .catch((err: unknown) => {
          if ((err as Error).name !== 'AbortError')
            setExplorer({ details: { id: nodeId, details: null, error: errorText(err) } });
        });
    }
  }
  metCtl?.abort();
  metCtl = null;
  if (selection?.kind !== 'edge' || !isMetEdgeId(selection.id) || !session) return;
  const edge = projectionOf(getExplorer())?.edges.find((e) => e.id === selection.id);
  if (!edge) return;
  const ctl = (metCtl = new AbortController());
  source
    .met(edge.source, ctl.signal, edge.target) // only that pair: the full answer lists the first 100 people
    .then((r) => {
      if (!r) return;
      const row = r.met.find((m) => m.person.id === edge.target);
      setExplorer({ metCheck: { id: edge.id, count: row?.meetings.length ?? 0 } });
    })
    .catch(() => undefined);
}

/** Opens the source dialog on a quote, fetching the full text (an answer arriving after the dialog was closed, or
 * after another quote was opened, is dropped: it must not reopen the dialog). */
export function openSourceText(sourceId: string, quote: string): void {
  openSourceDialog(
    quote,
    () => getExplorer().source.source(sourceId),
    (next, ifStill) => {
      if (!ifStill || getExplorer().sourceDialog === ifStill) setExplorer({ sourceDialog: next });
    },
    errorText,
  );
}
