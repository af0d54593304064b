/** Typed calls of the console's API (POST /api/cypher, GET /api/queries, GET /api/cypher/schema). */
import type {
  CypherError,
  CypherResponse,
  CypherSchemaResponse,
  JsonValue,
  QueryLibraryResponse,
} from '../../../contract';
import { ApiRequestError, request } from './client';

/** A console failure: the server's code and message, and where Neo4j found a syntax error. */
export class CypherRequestError extends ApiRequestError {
  readonly position: CypherError['position'] | null;
  constructor(status: number, code: string, message: string, position: CypherError['position'] | null = null) {
    super(status, code, message);
    this.name = 'CypherRequestError';
    this.position = position;
  }
}

async function call<T>(path: string, init: Parameters<typeof request>[1] = {}): Promise<T> {
  try {
    return await request<T>(path, init);
  } catch (err) {
    if (!(err instanceof ApiRequestError)) throw err;
    const position = (err.body.position ?? null) as CypherError['position'] | null;
    throw new CypherRequestError(err.status, err.code, err.message, position);
  }
}

export const cypherApi = {
  run: (query: string, params: Record<string, JsonValue>, signal?: AbortSignal) =>
    call<CypherResponse>('/cypher', { method: 'POST', body: { query, params }, signal }),
  library: (signal?: AbortSignal) => call<QueryLibraryResponse>('/queries', { signal }),
  schema: (signal?: AbortSignal) => call<CypherSchemaResponse>('/cypher/schema', { signal }),
};
