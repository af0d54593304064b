/**
 * The one cache of source summaries (name, outlet, date; never the full text), shared by every screen: the
 * explorer's details and export footnote, and the console's result graph. Missing summaries are fetched in one
 * batched request, `GET /api/sources?ids=a,b,c` (at most SOURCES_PER_REQUEST ids each), and each id is asked for
 * once: an id the server does not know is remembered as missing and never asked for again.
 */
import { useEffect, useMemo } from 'react';
import { createStore, useStore } from 'zustand';
import { SOURCES_MAX_IDS, type SourceSummary } from '../../../../contract';
import { api } from '../../api/client';

/** The server's cap on ids per request (the contract's SOURCES_MAX_IDS). */
export const SOURCES_PER_REQUEST = SOURCES_MAX_IDS;

interface SourcesState {
  byId: Record<string, SourceSummary>;
  /** ids asked for (in flight, answered, or unknown to the server): never asked twice */
  asked: ReadonlySet<string>;
}

export const sourcesStore = createStore<SourcesState>(() => ({ byId: {}, asked: new Set() }));

/** Adds summaries the client got some other way (a node's details carry the summaries of its evidence). */
export function rememberSources(list: SourceSummary[]): void {
  if (list.length === 0) return;
  sourcesStore.setState((s) => ({
    byId: { ...s.byId, ...Object.fromEntries(list.map((x) => [x.id, x])) },
    asked: new Set([...s.asked, ...list.map((x) => x.id)]),
  }));
}

/** Fetches the summaries of the ids not yet asked for, in batches; failures leave them unknown (no footnote). */
export async function fetchSourceSummaries(ids: readonly string[]): Promise<void> {
  const { asked } = sourcesStore.getState();
  const todo = [...new Set(ids)].filter((id) => !asked.has(id));
  if (todo.length === 0) return;
  sourcesStore.setState((s) => ({ asked: new Set([...s.asked, ...todo]) }));
  for (let i = 0; i < todo.length; i += SOURCES_PER_REQUEST) {
    try {
      const r = await api.sources(todo.slice(i, i + SOURCES_PER_REQUEST));
      rememberSources(r.sources);
    } catch {
      // outlet and date are never made up: a source the server did not describe is simply not named
    }
  }
}

/** Every summary known so far, by id (what the details panels look sources up in). */
export function useSourceCache(): Record<string, SourceSummary> {
  return useStore(sourcesStore, (s) => s.byId);
}

/**
 * The summaries of `ids` (in that order, those the server described), fetching the missing ones in one
 * batched request. The one hook for "the sources behind these edges".
 */
export function useSourceSummaries(ids: readonly string[]): SourceSummary[] {
  const byId = useSourceCache();
  const key = ids.join('\n');
  useEffect(() => {
    if (key) void fetchSourceSummaries(key.split('\n'));
  }, [key]);
  return useMemo(
    () => (key ? key.split('\n') : []).map((id) => byId[id]).filter((x): x is SourceSummary => x !== undefined),
    [key, byId],
  );
}
