/** A snapshot's "Open in explorer": the explorer continues from exactly the picture the snapshot shows. */
import type { SnapshotDocument } from '../../../../contract';
import { explorerViewOfSnapshot } from '../../state/snapshots';
import { encodeUrlState } from '../../state/url';
import { setExplorer } from './store';

/** The explorer's address for a snapshot's view (a link opened elsewhere: everything but the exact positions). */
export const snapshotExplorerHref = (doc: SnapshotDocument): string =>
  `/${encodeUrlState(explorerViewOfSnapshot(doc).url)}`;

/**
 * Hands the snapshot's positions to the explorer, which takes them when it opens on the returned address
 * (see openExplorer): the same nodes, where they were drawn, with the same rules, size, colouring and filters.
 */
export function continueFromSnapshot(doc: SnapshotDocument): string {
  const { url, positions } = explorerViewOfSnapshot(doc);
  setExplorer({ handoff: { show: url.show, positions } });
  return `/${encodeUrlState(url)}`;
}
