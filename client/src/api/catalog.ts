/** Any Neo4j database (contract/anydb.ts): the search index Parley offers, and caption settings per database. */
import type { CaptionSettings, SearchIndexStatus } from '../../../contract';
import { request } from './client';
import { snapshotToken } from './snapshots';

/** A write that needs PARLEY_TOKEN when set: on 401 asks once and keeps it for the tab (as snapshots do). */
async function write<T>(path: string, method: string, body: unknown, what: string): Promise<T> {
  try {
    return await request<T>(path, { method, body, token: snapshotToken.get() });
  } catch (err) {
    if ((err as { status?: number }).status !== 401) throw err;
    const token = window.prompt(`This server needs its token (PARLEY_TOKEN) to ${what}:`) ?? '';
    if (!token) throw err;
    const out = await request<T>(path, { method, body, token });
    snapshotToken.set(token);
    return out;
  }
}

export const catalogApi = {
  indexStatus: (signal?: AbortSignal) => request<SearchIndexStatus>('/search/index', { signal }),
  createIndex: () => write<SearchIndexStatus>('/search/index', 'POST', {}, 'create the search index'),
  captions: (signal?: AbortSignal) => request<CaptionSettings>('/settings/captions', { signal }),
  saveCaptions: (s: CaptionSettings) => write<CaptionSettings>('/settings/captions', 'PUT', s, 'save captions'),
};
