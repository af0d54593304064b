import { AMONG_MAX_IDS } from '../../../../contract';
import { mergeSubgraph } from '../../state/data';
import { errorText } from './selection';
import { getExplorer, setExplorer } from './store';

/**
 * Fetches the relationships among the nodes in view and adds those not held yet (not an undoable step: the data
 * only grows), so that a relationship whose two ends are drawn is drawn, whichever way its ends came in (an
 * expansion brings only the anchor's relationships). Asked after expand, search, show and path.
 */
export async function fillRelationships(): Promise<void> {
  const { session, source } = getExplorer();
  if (!session) return;
  const ids = session.history.present.visible.filter((id) => session.data.nodes[id]);
  if (ids.length < 2) return;
  try {
    const sub = await source.among(ids.slice(0, AMONG_MAX_IDS));
    const fresh = sub.edges.filter((e) => !getExplorer().session?.data.edges[e.id]);
    if (fresh.length === 0) return;
    setExplorer((s) =>
      s.session ? { session: { ...s.session, data: mergeSubgraph(s.session.data, { nodes: [], edges: fresh }) } } : {},
    );
  } catch (err) {
    setExplorer({ notice: `Some relationships among the nodes in view could not be fetched: ${errorText(err)}` });
  }
}
