import { useEffect } from 'react';
import { replaceSearch } from '../../app/router';
import { useExplorer, useUrlQuery } from '../../core/explorer';

/**
 * Keeps the address bar in step with the view (selection, filters, time range, mode, start, nodes, expansions,
 * hidden nodes, layout and seed, size, colouring, path), so a link reopens it (see state/url).
 */
export function useUrlSync(): void {
  const loaded = useExplorer((s) => s.session !== null);
  const query = useUrlQuery();
  useEffect(() => {
    if (loaded) replaceSearch(query);
  }, [loaded, query]);
}
