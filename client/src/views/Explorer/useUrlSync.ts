import { useEffect } from 'react';
import { replaceSearch } from '../../app/router';
import { useExplorer } from '../../core/explorer';
import { encodeUrlState } from '../../state/url';

/** Keeps the address bar in step with the view (selection, filters, time range, mode, start), so a link reopens it. */
export function useUrlSync(): void {
  const session = useExplorer((s) => s.session);
  const selection = useExplorer((s) => s.selection);
  useEffect(() => {
    if (!session) return;
    const view = session.history.present;
    replaceSearch(
      encodeUrlState({
        node: selection?.kind === 'node' ? selection.id : null,
        edge: selection?.kind === 'edge' ? selection.id : null,
        mode: view.mode,
        start: session.start,
        hiddenLabels: view.filters.hiddenLabels,
        hiddenTypes: view.filters.hiddenTypes,
        from: view.filters.from,
        to: view.filters.to,
        show: session.start === 'empty' ? view.visible.slice(0, 50) : [],
      }),
    );
  }, [session, selection]);
}
