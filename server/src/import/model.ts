/**
 * The import engine's own model: every supported file (Parley JSON, the two CSV shapes, GEXF, GraphML, source
 * texts) is read into one `ImportSet` of nodes, relationships and sources, each remembering where it came from
 * (file, line, column or JSON path) so that every problem can point at its place. Pure types and helpers.
 */
import type { ColumnTargetBody } from '../../../contract/import-mapping';

export type Scalar = string | number | boolean;
export type PropertyValue = Scalar | null | string[] | number[] | boolean[];
export type Properties = Record<string, PropertyValue>;

/** where an item or a problem is: a file, and a line/column (CSV, XML, JSON syntax) or a JSON path */
export interface Where {
  file: string;
  line?: number;
  column?: number;
  path?: string;
}

export interface Problem extends Where {
  message: string;
}

export interface ImportNode {
  id: string;
  /** the first label is the one the node is found by (MERGE on label + id); the others are added */
  labels: string[];
  name: string | null;
  aliases: string[];
  description: string | null;
  properties: Properties;
  at: Where;
}

export interface ImportEvidence {
  source: string;
  quote: string;
}

export interface ImportRelationship {
  type: string;
  source: string;
  target: string;
  properties: Properties;
  evidence: ImportEvidence[];
  inferred: boolean;
  inferenceReason: string | null;
  at: Where;
}

export interface ImportSource {
  id: string;
  name: string;
  text: string;
  outlet: string | null;
  published: string | null;
  description: string;
  at: Where;
}

/** how one column of a file maps onto the model, for the preview */
export interface ColumnMapping {
  column: string;
  /** e.g. "id", "label", "name", "aliases (split on ;)", "property born (integer)" */
  mapsTo: string;
}

export type FileKind =
  | 'parley-json'
  | 'nodes-csv'
  | 'relationships-csv'
  | 'admin-nodes-csv'
  | 'admin-relationships-csv'
  | 'sources-csv'
  | 'source-text'
  | 'gexf'
  | 'graphml'
  /** a CSV whose header is none Parley reads: shown with a default mapping so that the user can map it */
  | 'csv';

export interface FileSummary {
  file: string;
  kind: FileKind;
  rows: number;
  columns: ColumnMapping[];
  /** the first rows as read (cells as strings), for the preview */
  sample: Record<string, string>[];
  /** Parley's nodes/relationships CSV: each column of the file's own header and what it became */
  mapping?: { column: string; target: ColumnTargetBody }[];
}

export interface ImportSet {
  files: FileSummary[];
  nodes: ImportNode[];
  relationships: ImportRelationship[];
  sources: ImportSource[];
  problems: Problem[];
}

export function emptySet(): ImportSet {
  return { files: [], nodes: [], relationships: [], sources: [], problems: [] };
}

/** The stable id of a relationship: its two ends and its type (the JSON loader's rule, kept for idempotence). */
export function relationshipKey(r: { type: string; source: string; target: string }): string {
  return `${r.source}|${r.type}|${r.target}`;
}

export function whereText(w: Where): string {
  const pos = w.line !== undefined ? `:${w.line}${w.column !== undefined ? `:${w.column}` : ''}` : '';
  return `${w.file}${pos}${w.path ? ` ${w.path}` : ''}`;
}

/** Builds a plain object that keeps a key such as `__proto__` as data (never replacing the prototype). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: NoInfer<T>): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
