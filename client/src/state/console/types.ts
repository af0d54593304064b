import type { JsonValue } from '../../../../contract';

export interface HistoryEntry {
  query: string;
  /** the parameters' JSON text as typed */
  params: string;
  /** when it was run, ms since the epoch */
  at: number;
}

export type ParsedParams = { ok: true; params: Record<string, JsonValue> } | { ok: false; message: string };

export type SortDir = 'asc' | 'desc';
export interface SortState {
  column: string;
  dir: SortDir;
}
