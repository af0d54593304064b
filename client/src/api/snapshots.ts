/** The snapshots API, typed (see docs/snapshots.md). Writes send the token when one is given. */
import type {
  SnapshotCreatedResponse,
  SnapshotDocument,
  SnapshotListResponse,
  SnapshotResponse,
} from '../../../contract';
import { request } from './client';

const TOKEN_KEY = 'parley.token';

/** The write token, kept for this browser tab only (sessionStorage). */
export const snapshotToken = {
  get: (): string | null => {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set: (token: string | null): void => {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage unavailable: the token is asked again next time */
    }
  },
};

function call<T>(method: string, path: string, body?: unknown, token?: string | null): Promise<T> {
  return request<T>(path, { method, body, token });
}

const enc = encodeURIComponent;

export const snapshotsApi = {
  list: () => call<SnapshotListResponse>('GET', '/snapshots'),
  get: (id: string) => call<SnapshotResponse>('GET', `/snapshots/${enc(id)}`),
  create: (doc: SnapshotDocument, token = snapshotToken.get()) =>
    call<SnapshotCreatedResponse>('POST', '/snapshots', doc, token),
  remove: (id: string, token = snapshotToken.get()) => call<null>('DELETE', `/snapshots/${enc(id)}`, undefined, token),
};
