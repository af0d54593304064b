/** A row of the data table: a node in view. `props` holds each property as text (lists joined). */
export interface NodeRow {
  id: string;
  label: string;
  name: string;
  degree: number;
  props: Record<string, string>;
}

/**
 * Where a relationship row comes from: stored in the database, stored but inferred (with a reason), or derived by
 * the view (who met whom's co-attendance links: never stored, computed from the ATTENDED relationships in view).
 */
export type EdgeBasis = 'stored' | 'inferred' | 'derived';

/** A row of the data table: a relationship drawn, with the names of its ends. */
export interface EdgeRow {
  id: string;
  type: string;
  basis: EdgeBasis;
  source: string;
  target: string;
  sourceName: string;
  targetName: string;
  props: Record<string, string>;
}

/** A column: a fixed one (`label`, `name`, `degree`, `type`, `source`, `target`) or a property (`prop:<key>`). */
export type ColumnKey = string;

export interface TableSort {
  key: ColumnKey;
  dir: 'asc' | 'desc';
}
