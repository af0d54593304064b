import type {
  ApiError,
  GraphQuery,
  HealthResponse,
  MetResponse,
  NeighborsResponse,
  NodeDetails,
  PathResponse,
  SchemaResponse,
  SearchResponse,
  SourceDetails,
  Subgraph,
} from '../../../server/src/contract';

/** An API failure: `status` is the HTTP status (0 when the request never got an answer). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
  }
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

async function get<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}${qs(query)}`, { headers: { accept: 'application/json' }, signal });
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
    const e = body as Partial<ApiError> | null;
    throw new ApiRequestError(
      res.status,
      typeof e?.error === 'string' ? e.error : 'http_error',
      typeof e?.message === 'string' ? e.message : `The server answered ${res.status}.`,
    );
  }
  return body as T;
}

const enc = encodeURIComponent;

export const api = {
  health: (signal?: AbortSignal) => get<HealthResponse>('/health', {}, signal),
  schema: (signal?: AbortSignal) => get<SchemaResponse>('/schema', {}, signal),
  graph: (q: GraphQuery = {}, signal?: AbortSignal) =>
    get<Subgraph>('/graph', { labels: q.labels, from: q.from, to: q.to, limit: q.limit }, signal),
  search: (q: string, limit = 10, signal?: AbortSignal) => get<SearchResponse>('/search', { q, limit }, signal),
  node: (id: string, signal?: AbortSignal) => get<NodeDetails>(`/nodes/${enc(id)}`, {}, signal),
  neighbors: (id: string, limit: number, offset: number, signal?: AbortSignal) =>
    get<NeighborsResponse>(`/nodes/${enc(id)}/neighbors`, { limit, offset }, signal),
  path: (from: string, to: string, maxHops?: number, signal?: AbortSignal) =>
    get<PathResponse>('/path', { from, to, maxHops }, signal),
  met: (person: string, signal?: AbortSignal) => get<MetResponse>('/met', { person }, signal),
  source: (id: string, signal?: AbortSignal) => get<SourceDetails>(`/sources/${enc(id)}`, {}, signal),
};

export type Api = typeof api;
