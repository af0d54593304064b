/** Pure helpers of the Cypher console: parameters, history, copy-as, table cells and sorting. */
import type { CypherValue, JsonValue } from '../../../../contract';
import type { HistoryEntry, ParsedParams, SortState } from './types';

export const HISTORY_KEY = 'parley.console.history';
export const HISTORY_MAX = 50;

/** The parameters editor's text as a JSON object; empty text is `{}`. */
export function parseParams(text: string): ParsedParams {
  if (text.trim() === '') return { ok: true, params: {} };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Parameters are not valid JSON: ${(err as Error).message}` };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { ok: false, message: 'Parameters must be a JSON object, e.g. {"n": 5}.' };
  }
  return { ok: true, params: v as Record<string, JsonValue> };
}

/** Adds a run to the front of the history; an identical earlier run moves up instead of repeating. */
export function addToHistory(list: HistoryEntry[], entry: HistoryEntry, max = HISTORY_MAX): HistoryEntry[] {
  const rest = list.filter((h) => !(h.query === entry.query && h.params === entry.params));
  return [entry, ...rest].slice(0, max);
}

/** The history as stored; anything unreadable is dropped, never thrown. */
export function decodeHistory(raw: string | null): HistoryEntry[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return [];
    return v
      .filter(
        (h): h is HistoryEntry =>
          !!h &&
          typeof h === 'object' &&
          typeof (h as HistoryEntry).query === 'string' &&
          typeof (h as HistoryEntry).params === 'string' &&
          typeof (h as HistoryEntry).at === 'number',
      )
      .slice(0, HISTORY_MAX);
  } catch {
    return [];
  }
}

/** A JSON value written as a Cypher literal (maps with backticked keys when needed). */
export function cypherLiteral(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(cypherLiteral).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${cypherName(k)}: ${cypherLiteral(x)}`)
    .join(', ')}}`;
}

export function cypherName(k: string): string {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(k) ? k : `\`${k.replace(/`/g, '``')}\``;
}

/** For Neo4j Browser: one `:param` line per parameter, then the query. */
export function copyForBrowser(query: string, params: Record<string, JsonValue>): string {
  const lines = Object.entries(params).map(([k, v]) => `:param ${cypherName(k)} => ${cypherLiteral(v)};`);
  return [...lines, query].join('\n');
}

/** The query with every `$name` outside strings and comments replaced by its literal value. */
export function inlineParams(query: string, params: Record<string, JsonValue>): string {
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    const two = query.slice(i, i + 2);
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) j += query[j] === '\\' && c !== '`' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j + 1;
    } else if (two === '//') {
      const j = query.indexOf('\n', i);
      const end = j < 0 ? query.length : j;
      out += query.slice(i, end);
      i = end;
    } else if (two === '/*') {
      const j = query.indexOf('*/', i + 2);
      const end = j < 0 ? query.length : j + 2;
      out += query.slice(i, end);
      i = end;
    } else if (c === '$') {
      const m = /^\$(?:`([^`]+)`|([\p{L}_][\p{L}\p{N}_]*))/u.exec(query.slice(i));
      const name = m ? (m[1] ?? m[2]) : undefined;
      if (m && name !== undefined && Object.prototype.hasOwnProperty.call(params, name)) {
        out += cypherLiteral(params[name] as JsonValue);
        i += m[0].length;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A shell-safe `curl` call of the API (single quotes escaped the POSIX way). */
export function copyAsCurl(origin: string, query: string, params: Record<string, JsonValue>): string {
  const body = JSON.stringify({ query, params });
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `curl -sS -X POST ${q(`${origin}/api/cypher`)} -H 'content-type: application/json' --data ${q(body)}`;
}

/** A table cell as text: node ids and labels, relationship shapes, JSON for the rest (never HTML). */
export function cellText(v: CypherValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v !== 'object') return String(v);
  if (!Array.isArray(v) && '$kind' in v) {
    const k = v['$kind'];
    if (k === 'node') return `(${String(v['id'])}:${(v['labels'] as string[]).join(':')})`;
    if (k === 'relationship') return `(${String(v['source'])})-[:${String(v['type'])}]->(${String(v['target'])})`;
    if (k === 'path') return (v['nodes'] as { id: string }[]).map((n) => `(${n.id})`).join('--');
  }
  return JSON.stringify(v);
}

function sortKey(v: CypherValue | undefined): [number, number | string] {
  if (v === null || v === undefined) return [2, 0];
  if (typeof v === 'number') return [0, v];
  return [1, cellText(v).toLowerCase()];
}

/** Rows sorted by a column (numbers before text, nulls last), stable; the input is not changed. */
export function sortRows<R extends Record<string, CypherValue>>(rows: R[], sort: SortState | null): R[] {
  if (!sort) return rows;
  const dir = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const [ta, va] = sortKey(a.r[sort.column]);
      const [tb, vb] = sortKey(b.r[sort.column]);
      if (ta !== tb) return ta - tb;
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return a.i - b.i;
    })
    .map((x) => x.r);
}

/** Clicking a column header: ascending, then descending, then unsorted. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (!current || current.column !== column) return { column, dir: 'asc' };
  return current.dir === 'asc' ? { column, dir: 'desc' } : null;
}

/** Rows as tab-separated text (for pasting into a spreadsheet). */
export function rowsAsTsv(columns: string[], rows: Record<string, CypherValue>[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [columns.map(clean).join('\t'), ...rows.map((r) => columns.map((c) => clean(cellText(r[c]))).join('\t'))].join(
    '\n',
  );
}

/** The explorer link showing these node ids on an empty canvas (`/?start=empty&show=a,b`); at most `max` ids. */
export function explorerHref(ids: string[], max = 200): string {
  const p = new URLSearchParams();
  p.set('start', 'empty');
  p.set('show', ids.slice(0, max).join(','));
  return `/?${p.toString()}`;
}

/** Line/column (1-based) of a 0-based offset, for marking an error position. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
