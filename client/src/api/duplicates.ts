/**
 * The duplicates API, typed. The types mirror server/src/duplicates/contract.ts, which the client may not import
 * until the lead moves those schemas into the shared contract; then these lines become `import type`.
 */
import { request } from './client';
import { snapshotToken } from './snapshots';

export interface NodeRef {
  id: string;
  name: string;
  labels: string[];
}
export interface DuplicateCandidate {
  a: NodeRef;
  b: NodeRef;
  score: number;
  reasons: { code: string; text: string }[];
}
export interface DuplicatesResponse {
  candidates: DuplicateCandidate[];
  scanned: number;
  truncated: boolean;
}
export interface MergeRecord {
  id: string;
  at: string;
  by: string | null;
  authenticated: boolean;
  status: 'merged' | 'undone';
  keep: NodeRef;
  merge: NodeRef;
  moved: number;
  folded: number;
  dropped: number;
  aliasesAdded: string[];
  conflicts: string[];
  undoneAt: string | null;
  undoneBy: string | null;
}

const enc = encodeURIComponent;

/** Writes send the tab's token (the one snapshots use); on 401 they ask once and keep it. */
async function write<T>(path: string, body: unknown): Promise<T> {
  try {
    return await request<T>(path, { method: 'POST', body, token: snapshotToken.get() });
  } catch (err) {
    if ((err as { status?: number }).status !== 401) throw err;
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
