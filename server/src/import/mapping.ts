/**
 * The user's column mapping applied to a CSV table of Parley's two-file shape (contract/import-mapping.ts): the
 * header is renamed to what each column is mapped to and ignored columns are dropped, before the file is
 * recognised and read, so the readers and their checks are the same with or without a mapping. Pure.
 */
import {
  defaultColumnTarget,
  mappedHeader,
  type ColumnTargetBody,
  type FileMappingBody,
} from '../../../contract/import-mapping';
import type { CsvTable } from './csv';
import type { FileKind, Problem } from './model';

export interface MappedTable {
  table: CsvTable;
  /** every column of the file's own header with what it became */
  mapping: { column: string; target: ColumnTargetBody }[];
  problems: Problem[];
}

/** The kind a mapped file is read as, from its recognised kind (null: a kind that is not mapped). */
export function mappedKind(kind: FileKind): 'nodes' | 'relationships' | null {
  return kind === 'nodes-csv' ? 'nodes' : kind === 'relationships-csv' ? 'relationships' : null;
}

export function applyMapping(file: string, table: CsvTable, m: FileMappingBody): MappedTable {
  const problems: Problem[] = [];
  for (const column of Object.keys(m.columns)) {
    if (!table.header.includes(column)) {
      problems.push({
        file,
        line: 1,
        message: `the mapping names the column ${JSON.stringify(column)}, which is not in the header (${table.header.join(', ')})`,
      });
    }
  }
  const mapping = table.header.map((column) => ({
    column,
    target: Object.hasOwn(m.columns, column) ? m.columns[column]! : defaultColumnTarget(m.kind, column),
  }));
  const keep: number[] = [];
  const header: string[] = [];
  const seen = new Map<string, string>();
  mapping.forEach(({ column, target }, i) => {
    const h = mappedHeader(column, target);
    if (h === null) return;
    const key = h.split(':')[0]!.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        file,
        line: 1,
        column: i + 1,
        message: `the columns ${JSON.stringify(earlier)} and ${JSON.stringify(column)} would both be read as ${JSON.stringify(h.split(':')[0])}: map one of them elsewhere or ignore it`,
      });
      return;
    }
    seen.set(key, column);
    keep.push(i);
    header.push(h);
  });
  const rows = table.rows.map((r) => ({ line: r.line, cells: keep.map((i) => r.cells[i] ?? '') }));
  return { table: { ...table, header, rows }, mapping, problems };
}

/** The default mapping of a table, shown in the preview so that it can be edited. */
export function defaultMapping(table: CsvTable, kind: 'nodes' | 'relationships'): MappedTable['mapping'] {
  return table.header.map((column) => ({ column, target: defaultColumnTarget(kind, column) }));
}
