import { useEffect, useSyncExternalStore } from 'react';

/** A tiny history-API router: the app has four routes, which does not call for a routing library. */
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Replaces the query string of the current page without a navigation (for view state in the URL). */
export function replaceSearch(search: string): void {
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', url);
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocation(): { pathname: string; search: string } {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname);
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return { pathname, search };
}

export type Route =
  | { name: 'explorer' }
  | { name: 'console' }
  | { name: 'snapshots' }
  | { name: 'snapshot'; id: string }
  | { name: 'duplicates' }
  | { name: 'import' }
  | { name: 'extract' }
  | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/explore') return { name: 'explorer' };
  if (p === '/console') return { name: 'console' };
  if (p === '/snapshots') return { name: 'snapshots' };
  if (p === '/duplicates') return { name: 'duplicates' };
  if (p === '/import') return { name: 'import' };
  if (p === '/extract') return { name: 'extract' };
  const m = /^\/s\/([^/]+)$/.exec(p);
  if (m) return { name: 'snapshot', id: decodeURIComponent(m[1]!) };
  return { name: 'notFound' };
}

/** Sets the tab's title while the calling page is on screen ("<what> · Parley"); null leaves it to a child. */
export function usePageTitle(what: string | null): void {
  useEffect(() => {
    if (what) document.title = `${what} · Parley`;
  }, [what]);
}
