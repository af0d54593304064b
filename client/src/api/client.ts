import type {
  AmongRequest,
  ApiError,
  GraphQuery,
  HealthResponse,
  MetResponse,
  NeighborFilter,
  NeighborsResponse,
  NodeDetails,
  PathResponse,
  SchemaResponse,
  SearchResponse,
  SourceDetails,
  SourceSummariesResponse,
  Subgraph,
  OverviewResponse,
} from '../../../contract';
import { sessionToken, signInRequired } from './session';

/** An API failure: `status` is the HTTP status (0 when the request never got an answer). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  /** the whole `{error, message, …}` body the server sent (e.g. a Cypher error's `position`) */
  readonly body: Record<string, unknown>;
  constructor(status: number, code: string, message: string, body: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** A 401 that asks for the server's PARLEY_TOKEN (accounts off), not for signing in (accounts on). */
export function wantsServerToken(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 401 && err.code !== 'sign_in_required';
}

type Query = Record<string, string | number | undefined | null | string[]>;

function qs(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * One request to `/api<path>`: JSON in and out; any failure becomes an ApiRequestError carrying the server's
 * `{error, message}` (or a plain sentence when the server did not answer). Every typed client uses this.
 */
export async function request<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const token = init.token ?? sessionToken.get();
  if (token) headers['authorization'] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', 'The Parley server did not answer. Is it running?');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body && typeof body === 'object' ? body : {}) as Partial<ApiError> & Record<string, unknown>;
    if (res.status === 401 && e.error === 'sign_in_required') signInRequired();
    throw new ApiRequestError(
      res.status,
      typeof e.error === 'string' ? e.error : 'http_error',
      typeof e.message === 'string' ? e.message : `The server answered ${res.status}.`,
      e,
    );
  }
  return body as T;
}

function get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  return request<T>(`${path}${qs(query)}`, { signal });
}

const enc = encodeURIComponent;

export const api = {
  health: (signal?: AbortSignal) => get<HealthResponse>('/health', {}, signal),
  schema: (signal?: AbortSignal) => get<SchemaResponse>('/schema', {}, signal),
  graph: (q: GraphQuery = {}, signal?: AbortSignal) =>
    get<Subgraph>('/graph', { labels: q.labels, from: q.from, to: q.to, limit: q.limit }, signal),
  /** what the explorer opens on: the whole graph, or the most connected entities of a large database */
  overview: (limit?: number, signal?: AbortSignal) => get<OverviewResponse>('/graph/overview', { limit }, signal),
  search: (q: string, limit = 10, signal?: AbortSignal) => get<SearchResponse>('/search', { q, limit }, signal),
  node: (id: string, signal?: AbortSignal) => get<NodeDetails>(`/nodes/${enc(id)}`, {}, signal),
  neighbors: (id: string, limit: number, offset: number, signal?: AbortSignal, filter: NeighborFilter = {}) =>
    get<NeighborsResponse>(`/nodes/${enc(id)}/neighbors`, { limit, offset, ...filter }, signal),
  path: (from: string, to: string, maxHops?: number, signal?: AbortSignal) =>
    get<PathResponse>('/path', { from, to, maxHops }, signal),
  /** `withId`: only that person (the answer lists at most MET_LIMIT people otherwise) */
  met: (person: string, signal?: AbortSignal, withId?: string) =>
    get<MetResponse>('/met', { person, with: withId }, signal),
  source: (id: string, signal?: AbortSignal) => get<SourceDetails>(`/sources/${enc(id)}`, {}, signal),
  /** the relationships among these nodes (both ends listed), with their ends */
  among: (ids: string[], signal?: AbortSignal) =>
    request<Subgraph>('/graph/among', { method: 'POST', body: { ids } satisfies AmongRequest, signal }),
  /** summaries (no text) of up to 100 sources in one request */
  sources: (ids: string[], signal?: AbortSignal) => get<SourceSummariesResponse>('/sources', { ids }, signal),
};

export type Api = typeof api;
