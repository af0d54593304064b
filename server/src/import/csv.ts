/**
 * Reading a CSV file with csv-parse (quoted fields spanning lines, a byte-order mark, CRLF) after detecting
 * its delimiter (`,`, `;` or tab) from the header line, and checking what every CSV must satisfy: not empty,
 * more than a header, no duplicate or blank headers, no `__proto__` column, no cell over the size limit,
 * the same number of cells on every row. Then recognising which of Parley's CSV shapes a header is. Pure.
 */
import { parse } from 'csv-parse/sync';
import { LIMITS, formatBytes } from './limits';
import type { FileKind, Problem } from './model';

export interface CsvRow {
  /** the 1-based line the record starts on */
  line: number;
  cells: string[];
}
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  delimiter: string;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter that splits the header line into the most fields (quotes respected); `,` when tied. */
export function detectDelimiter(text: string): string {
  let firstLine = '';
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    firstLine += ch;
  }
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let q = false;
    for (const ch of firstLine) {
      if (ch === '"') q = !q;
      else if (!q && ch === d) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

const delimiterName = (d: string) => (d === '\t' ? 'tab' : JSON.stringify(d));

/** What every header must satisfy: no blank or duplicate names, no `__proto__` column. */
export function checkHeader(file: string, header: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const column = i + 1;
    if (h === '')
      problems.push({ file, line: 1, column, message: `column ${column} has no header: name it or delete the column` });
    if (h === '__proto__' || h.split(':')[0] === '__proto__') {
      problems.push({ file, line: 1, column, message: 'a column named "__proto__" is not allowed: rename it' });
    }
    const earlier = seen.get(h);
    if (h !== '' && earlier !== undefined) {
      problems.push({
        file,
        line: 1,
        column,
        message: `duplicate header ${JSON.stringify(h)} (also column ${earlier}): rename or remove one of them`,
      });
    } else seen.set(h, column);
  });
  return problems;
}

/**
 * One record checked (as many cells as the header, no cell over the limit): the row, or null with the
 * problems added. `endLine` is the parser's `info.lines`, the line the record ends on; it starts that many
 * lines up as its cells hold line breaks.
 */
export function checkRow(
  file: string,
  header: readonly string[],
  record: string[],
  endLine: number,
  delimiter: string,
  problems: Problem[],
): CsvRow | null {
  const embedded = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
  const startLine = endLine - embedded;
  if (record.length !== header.length) {
    problems.push({
      file,
      line: startLine,
      message: `this row has ${record.length} cells but the header has ${header.length} columns (delimiter ${delimiterName(delimiter)}): quote cells that contain ${delimiterName(delimiter)}`,
    });
    return null;
  }
  let ok = true;
  record.forEach((c, i) => {
    if (c.length * 3 > LIMITS.cellBytes && Buffer.byteLength(c, 'utf8') > LIMITS.cellBytes) {
      ok = false;
      problems.push({
        file,
        line: startLine,
        column: i + 1,
        message: `the cell is larger than ${formatBytes(LIMITS.cellBytes)}: put long texts in a source .txt file`,
      });
    }
  });
  return ok ? { line: startLine, cells: record } : null;
}

/** The csv-parse error as a problem that says how to fix the file. */
export function parseProblem(file: string, e: unknown, delimiter: string): Problem {
  const err = e as { message?: string; lines?: number; code?: string };
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const message = (err.message ?? String(e)).replace(/^Invalid Record Length: /, '');
  return {
    file,
    ...(line !== undefined ? { line } : {}),
    message:
      err.code === 'CSV_MAX_RECORD_SIZE'
        ? `a row is larger than ${formatBytes(LIMITS.cellBytes * 4)}: split long texts into a source .txt file`
        : `the CSV cannot be read (${message}); check its quotes: a field with ${delimiterName(delimiter)}, a quote or a line break must be in double quotes, and a quote inside doubled ("")`,
  };
}

/** csv-parse's options for Parley's CSV files (the same for the whole-file and the streamed reader) */
export const csvParseOptions = (delimiter: string) => ({
  delimiter,
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: LIMITS.cellBytes * 4,
});

export function readCsv(file: string, rawText: string): { table: CsvTable } | { problems: Problem[] } {
  // CRLF becomes LF first (also inside quoted cells), so that the parser's line count is the file's
  const text = (rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText).replace(/\r\n/g, '\n');
  if (text.trim() === '') {
    return { problems: [{ file, message: 'the file is empty: a CSV needs a header line and at least one row' }] };
  }
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, csvParseOptions(delimiter)) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { problems: [parseProblem(file, e, delimiter)] };
  }
  const [head, ...body] = records;
  if (!head) return { problems: [{ file, message: 'the file is empty: a CSV needs a header line' }] };
  const header = head.record.map((h) => h.trim());
  const problems: Problem[] = checkHeader(file, header);
  if (body.length === 0) {
    problems.push({ file, line: 1, message: 'the file has a header but no rows: add rows under the header' });
  }
  const rows: CsvRow[] = [];
  for (const r of body) {
    const row = checkRow(file, header, r.record, r.info.lines, delimiter, problems);
    if (row) rows.push(row);
  }
  if (problems.length > 0) return { problems };
  return { table: { header, rows, delimiter } };
}

/** base column names (`born:int` → `born`, `:ID(Person)` → `:ID`) in lower case */
function bases(header: readonly string[]): Set<string> {
  return new Set(
    header.map((h) => {
      if (h.startsWith(':')) return h.replace(/\(.*\)$/, '').toUpperCase();
      const m = /^(.*?):(ID|START_ID|END_ID|LABEL|TYPE|IGNORE)(\(.*\))?$/i.exec(h);
      if (m) return `:${m[2]!.toUpperCase()}`;
      return h.split(':')[0]!.toLowerCase();
    }),
  );
}

/** Which of Parley's CSV shapes a header is, or a problem that says what each shape's header needs. */
export function recogniseCsv(file: string, header: readonly string[]): FileKind | Problem {
  const b = bases(header);
  if (b.has(':START_ID') || b.has(':END_ID')) return 'admin-relationships-csv';
  if (b.has(':ID') || b.has(':LABEL')) return 'admin-nodes-csv';
  if (b.has('source') && b.has('target') && b.has('type')) return 'relationships-csv';
  if (b.has('id') && b.has('label') && b.has('name')) return 'nodes-csv';
  if (b.has('id') && b.has('name') && b.has('file')) return 'sources-csv';
  return {
    file,
    line: 1,
    message:
      `the header (${header.join(', ')}) is not one Parley reads: nodes need "id,label,name", relationships ` +
      '"source,target,type", sources "id,name,outlet,published,file", and neo4j-admin files ":ID" / ":START_ID,:END_ID"',
  };
}
