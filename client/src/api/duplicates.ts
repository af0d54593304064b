/** The duplicates API, typed by the shared contract (contract/duplicates.ts). */
import type { DuplicatesResponse, MergeRecord } from '../../../contract';
import { request, wantsServerToken } from './client';
import { snapshotToken } from './snapshots';

const enc = encodeURIComponent;

/** Writes send the tab's token (the one snapshots use); on 401 they ask once and keep it. */
async function write<T>(path: string, body: unknown): Promise<T> {
  try {
    return await request<T>(path, { method: 'POST', body, token: snapshotToken.get() });
  } catch (err) {
    if (!wantsServerToken(err)) throw err;
    const token = window.prompt('This server needs its token (PARLEY_TOKEN) to merge:') ?? '';
    if (!token) throw err;
    const out = await request<T>(path, { method: 'POST', body, token });
    snapshotToken.set(token);
    return out;
  }
}

export const duplicatesApi = {
  candidates: (label: string | null, limit = 50) =>
    request<DuplicatesResponse>(`/duplicates?limit=${limit}${label ? `&label=${enc(label)}` : ''}`),
  merges: () => request<{ merges: MergeRecord[] }>('/merges'),
  merge: (keep: string, merge: string) => write<MergeRecord>('/merges', { keep, merge }),
  undo: (id: string) => write<MergeRecord>(`/merges/${enc(id)}/undo`, {}),
  dismiss: (a: string, b: string) => write<unknown>('/duplicates/dismiss', { a, b }),
};
