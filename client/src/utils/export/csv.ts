/**
 * CSV (RFC 4180) with spreadsheet-formula escaping: a text cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'`, so Excel, LibreOffice and Sheets show it as text instead of running
 * it. Numbers and booleans are written as they are (a negative number is not a formula).
 */
import type { SnapshotEdge, SnapshotNode } from '../../../../contract';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a cell holds once defused (before CSV quoting). */
export function defuseFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = defuseFormula(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function nodesCsv(nodes: SnapshotNode[]): string {
  return toCsv(
    ['id', 'label', 'kind', 'x', 'y', 'size', 'color'],
    nodes.map((n) => [n.id, n.label, n.kind, n.x, n.y, n.size, n.color]),
  );
}

export function edgesCsv(edges: SnapshotEdge[]): string {
  return toCsv(
    ['id', 'source', 'target', 'type', 'label', 'inferred', 'color', 'size'],
    edges.map((e) => [e.id, e.source, e.target, e.type, e.label ?? '', e.inferred ?? false, e.color, e.size]),
  );
}
