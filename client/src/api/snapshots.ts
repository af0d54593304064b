/** The snapshots API, typed (see docs/snapshots.md). Writes send the token when one is given. */
import type {
  ApiError,
  SnapshotCreatedResponse,
  SnapshotDocument,
  SnapshotListResponse,
  SnapshotResponse,
} from '../../../server/src/contract';
import { ApiRequestError } from './client';

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

async function call<T>(method: string, path: string, body?: unknown, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['authorization'] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiRequestError(0, 'network', 'The Parley server did not answer. Is it running?');
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const e = parsed as Partial<ApiError> | null;
    throw new ApiRequestError(
      res.status,
      typeof e?.error === 'string' ? e.error : 'http_error',
      typeof e?.message === 'string' ? e.message : `The server answered ${res.status}.`,
    );
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export const snapshotsApi = {
  list: () => call<SnapshotListResponse>('GET', '/snapshots'),
  get: (id: string) => call<SnapshotResponse>('GET', `/snapshots/${enc(id)}`),
  create: (doc: SnapshotDocument, token = snapshotToken.get()) =>
    call<SnapshotCreatedResponse>('POST', '/snapshots', doc, token),
  remove: (id: string, token = snapshotToken.get()) => call<null>('DELETE', `/snapshots/${enc(id)}`, undefined, token),
};
