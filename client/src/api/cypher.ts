/** Typed calls of the console's API (POST /api/cypher, GET /api/queries, GET /api/cypher/schema). */
import type {
  CypherError,
  CypherResponse,
  CypherSchemaResponse,
  JsonValue,
  QueryLibraryResponse,
} from '../../../server/src/contract';

/** A console failure: the server's code and message, and where Neo4j found a syntax error. */
export class CypherRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly position: CypherError['position'] | null;
  constructor(status: number, code: string, message: string, position: CypherError['position'] | null = null) {
    super(message);
    this.name = 'CypherRequestError';
    this.status = status;
    this.code = code;
    this.position = position;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new CypherRequestError(0, 'network', 'The Parley server did not answer. Is it running?');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body ?? {}) as Partial<CypherError>;
    throw new CypherRequestError(
      res.status,
      typeof e.error === 'string' ? e.error : 'http_error',
      typeof e.message === 'string' ? e.message : `The server answered ${res.status}.`,
      e.position ?? null,
    );
  }
  return body as T;
}

export const cypherApi = {
  run: (query: string, params: Record<string, JsonValue>, signal?: AbortSignal) =>
    call<CypherResponse>('/cypher', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, params }),
      ...(signal ? { signal } : {}),
    }),
  library: (signal?: AbortSignal) => call<QueryLibraryResponse>('/queries', signal ? { signal } : {}),
  schema: (signal?: AbortSignal) => call<CypherSchemaResponse>('/cypher/schema', signal ? { signal } : {}),
};
