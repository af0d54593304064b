/**
 * The data table of the explorer (as Gephi Lite's): rows for the nodes in view and the relationships drawn,
 * sorted by a column and filtered by a text per column. Pure producers; the view caps what it renders.
 */
import type { GraphEdge, GraphNode } from '../../../../contract';
import { primaryLabel } from '../data/utils';
import { valueNumber, valueText } from '../styles';
import type { GraphData } from '../data/types';
import type { MetEdge, MetProjection } from '../met/types';
import type { RenderModel } from '../render/types';
import type { ColumnKey, EdgeRow, NodeRow, TableSort } from './types';

export type { ColumnKey, EdgeBasis, EdgeRow, NodeRow, TableSort } from './types';

/** The table renders at most this many rows and says "showing the first N of M" (the rest are one filter away). */
export const TABLE_ROW_CAP = 200;

const HIDDEN_PROPS = new Set(['name', 'id']);

function propsText(properties: GraphNode['properties'], skip: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) {
    if (skip.has(k)) continue;
    const t = valueText(v);
    if (t !== null) out[k] = t;
  }
  return out;
}

/** Node rows, with each node's degree among the relationships given (those drawn). */
export function nodeRows(
  nodes: readonly GraphNode[],
  edges: readonly Pick<GraphEdge, 'source' | 'target'>[],
): NodeRow[] {
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    if (e.target !== e.source) degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  return nodes.map((n) => ({
    id: n.id,
    label: primaryLabel(n),
    name: n.name,
    degree: degree.get(n.id) ?? 0,
    props: propsText(n.properties, HIDDEN_PROPS),
  }));
}

/** Relationship rows, naming their ends by the names given (the id when unknown). */
export function edgeRows(edges: readonly GraphEdge[], names: Record<string, string>): EdgeRow[] {
  return edges.map((e) => ({
    id: e.id,
    type: e.type,
    basis: e.inferred ? 'inferred' : 'stored',
    source: e.source,
    target: e.target,
    sourceName: names[e.source] ?? e.source,
    targetName: names[e.target] ?? e.target,
    props: propsText(e.properties, new Set(['inferenceReason'])),
  }));
}

/**
 * Rows for who met whom's links (what that picture draws): type MET, basis "derived", and as properties the
 * meetings both attended (name and date, by date) and how many.
 */
export function metEdgeRows(edges: readonly MetEdge[], names: Record<string, string>): EdgeRow[] {
  return edges.map((e) => ({
    id: e.id,
    type: 'MET',
    basis: 'derived',
    source: e.source,
    target: e.target,
    sourceName: names[e.source] ?? e.source,
    targetName: names[e.target] ?? e.target,
    props: {
      meetings: e.meetings
        .map((m) => (m.date ? `${m.name} (${m.date.slice(0, 10)})` : `${m.name} (undated)`))
        .join('; '),
      sharedMeetings: String(e.weight),
    },
  }));
}

/** What the picture draws and does not hide: nodes and stored relationships, and who met whom's derived links. */
export interface Drawn {
  nodes: GraphNode[];
  edges: GraphEdge[];
  derived: MetEdge[];
}

/**
 * The nodes and relationships drawn and not hidden ("+N more" handles left out); who met whom's links, which are
 * not stored relationships, apart in `derived` (from the projection the picture was drawn from).
 */
export function drawnItems(model: RenderModel, data: GraphData, projection: MetProjection | null): Drawn {
  const nodes = model.nodes
    .filter((n) => !n.hidden && n.kind !== 'More')
    .map((n) => data.nodes[n.id])
    .filter((n): n is GraphNode => !!n);
  const edges = model.edges
    .filter((e) => !e.hidden && e.type !== 'MORE')
    .map((e) => data.edges[e.id])
    .filter((e): e is GraphEdge => !!e);
  const shown = new Set(model.edges.filter((e) => !e.hidden).map((e) => e.id));
  const derived = (projection?.edges ?? []).filter((e) => shown.has(e.id));
  return { nodes, edges, derived };
}

/** The table's rows of what is drawn: the table lists what the picture shows, derived links included. */
export function tableRows(drawn: Drawn): { nodes: NodeRow[]; edges: EdgeRow[] } {
  const names = Object.fromEntries(drawn.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: nodeRows(drawn.nodes, [...drawn.edges, ...drawn.derived]),
    edges: [...edgeRows(drawn.edges, names), ...metEdgeRows(drawn.derived, names)],
  };
}

/** The property columns of some rows: every key any row carries, sorted. */
export function propertyColumns(rows: readonly { props: Record<string, string> }[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.props)))].sort();
}

/** A cell's value: a fixed column, or `prop:<key>` (undefined when the row lacks it). */
export function cellValue(row: NodeRow | EdgeRow, key: ColumnKey): string | number | undefined {
  if (key.startsWith('prop:')) return row.props[key.slice(5)];
  const v = (row as unknown as Record<string, unknown>)[key];
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

/**
 * Sorts rows by a column: numbers (and texts that are numbers, on both sides) as numbers, other texts in the
 * reader's alphabetical order; rows lacking the value last whichever the direction; ties by id.
 */
export function sortRows<R extends NodeRow | EdgeRow>(rows: readonly R[], sort: TableSort): R[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = cellValue(a, sort.key);
    const vb = cellValue(b, sort.key);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
      return a.id.localeCompare(b.id);
    }
    const na = valueNumber(va);
    const nb = valueNumber(vb);
    const c = na !== null && nb !== null ? na - nb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : a.id.localeCompare(b.id);
  });
}

/** Keeps the rows whose every filtered column contains its text (ignoring case and surrounding spaces). */
export function filterRows<R extends NodeRow | EdgeRow>(rows: readonly R[], filters: Record<ColumnKey, string>): R[] {
  const active = Object.entries(filters)
    .map(([k, t]) => [k, t.trim().toLowerCase()] as const)
    .filter(([, t]) => t !== '');
  if (active.length === 0) return [...rows];
  return rows.filter((r) =>
    active.every(([k, t]) => {
      const v = cellValue(r, k);
      return v !== undefined && String(v).toLowerCase().includes(t);
    }),
  );
}

/** The next sort after a click on a column's header: ascending first, then descending. */
export function nextSort(current: TableSort | null, key: ColumnKey): TableSort {
  return current?.key === key && current.dir === 'asc' ? { key, dir: 'desc' } : { key, dir: 'asc' };
}
