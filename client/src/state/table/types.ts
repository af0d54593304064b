/** A row of the data table: a node in view. `props` holds each property as text (lists joined). */
export interface NodeRow {
  id: string;
  label: string;
  name: string;
  degree: number;
  props: Record<string, string>;
}

/** A row of the data table: a relationship drawn, with the names of its ends. */
export interface EdgeRow {
  id: string;
  type: string;
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
