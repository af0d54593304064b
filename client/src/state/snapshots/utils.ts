/** Pure helpers of the snapshots slice: building a snapshot, reading a snapshot file, the list reducer. */
import {
  describeSnapshotIssues,
  snapshotDocumentSchema,
  SNAPSHOT_MAX_BYTES,
  type SnapshotBBox,
  type SnapshotCamera,
  type SnapshotDocument,
  type SnapshotLegendItem,
  type SnapshotNode,
  type SnapshotEdge,
} from '../../../../contract';
import { legendForSnapshot, pictureLegend } from '../legend';
import { defaultUrlState, type UrlState } from '../url';
import type { SnapshotListAction, SnapshotListState, ViewStateForSnapshot } from './types';

/** At most this many bytes in a snapshot file (the server's body limit). */
export const SNAPSHOT_FILE_LIMIT = SNAPSHOT_MAX_BYTES;

/**
 * The legend of a stored picture (a console graph, a snapshot saved without one): each kind once, in the colour
 * its first node is drawn in, and the inferred relationships (state/legend's producer, with the picture's own
 * colours: a stored picture knows no rules nor palettes).
 */
export function legendFromNodes(nodes: SnapshotNode[], edges: SnapshotEdge[] = []): SnapshotLegendItem[] {
  const colors = new Map<string, string>();
  for (const n of nodes) if (n.kind && !colors.has(n.kind)) colors.set(n.kind, n.color);
  return legendForSnapshot(pictureLegend({ nodes, edges, labelColor: (kind) => colors.get(kind) ?? '#999999' }));
}

export function buildSnapshot(args: {
  title: string;
  caption: string;
  view: ViewStateForSnapshot;
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
  camera: SnapshotCamera;
  viewport: { width: number; height: number };
  bbox?: SnapshotBBox | null;
}): SnapshotDocument {
  const { view } = args;
  const nodeIds = new Set(args.nodes.map((n) => n.id));
  return {
    format: 'parley-snapshot',
    version: 1,
    title: args.title.trim(),
    caption: args.caption.trim(),
    view: {
      mode: view.mode,
      camera: args.camera,
      viewport: args.viewport,
      bbox: args.bbox ?? null,
      filters: view.filters,
      selection: view.selection.filter((id) => nodeIds.has(id)),
      query: view.query,
      styles: view.styles,
      ...(view.rules?.length ? { rules: view.rules } : {}),
      legend: view.legend ?? legendFromNodes(args.nodes, args.edges),
    },
    graph: { nodes: args.nodes, edges: args.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)) },
    sources: view.sources,
  };
}

export type ParsedSnapshotFile = { ok: true; snapshot: SnapshotDocument } | { ok: false; message: string };

/** Reads a snapshot file's text: a corrupt or foreign file gets a sentence saying what is wrong. */
export function parseSnapshotFile(text: string, size = text.length): ParsedSnapshotFile {
  if (size > SNAPSHOT_FILE_LIMIT) {
    return { ok: false, message: `The file is ${(size / 1048576).toFixed(1)} MiB; snapshot files are at most 2 MiB.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return {
      ok: false,
      message: `The file is not JSON (${(err as Error).message}); a snapshot file is a .json file saved by Parley.`,
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: 'The file holds no JSON object; a snapshot file is a .json file saved by Parley.' };
  }
  const parsed = snapshotDocumentSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: `This is not a valid Parley snapshot: ${describeSnapshotIssues(parsed.error)}.` };
  }
  return { ok: true, snapshot: parsed.data };
}

/** The text of a snapshot file: the whole snapshot, graph included, pretty-printed. */
export function snapshotFileText(doc: SnapshotDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name from the title: letters, digits and dashes. */
export function fileBaseName(title: string, fallback = 'parley'): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || fallback;
}

export const initialListState: SnapshotListState = { status: 'idle', items: [], error: null };

export function snapshotListReducer(state: SnapshotListState, action: SnapshotListAction): SnapshotListState {
  switch (action.type) {
    case 'load':
      return { ...state, status: 'loading', error: null };
    case 'loaded':
      return { status: 'ready', items: action.items, error: null };
    case 'failed':
      return { ...state, status: 'error', error: action.error };
    case 'removed':
      return { ...state, items: state.items.filter((s) => s.id !== action.id) };
    case 'added':
      return { ...state, items: [action.item, ...state.items.filter((s) => s.id !== action.item.id)] };
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A timestamp as a person reads it, in UTC so that every reader sees the same words: "2 December 2026,
 * 05:46 UTC". A date alone stays a date ("10 April 2024"); anything unreadable is returned as it is.
 */
export function humanDate(iso: string): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (dateOnly) return `${Number(dateOnly[3])} ${MONTHS[Number(dateOnly[2]) - 1] ?? ''} ${dateOnly[1]}`;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

const SIZE_BY: readonly UrlState['sizeBy'][] = ['uniform', 'degree', 'betweenness', 'pagerank'];

/**
 * What "Open in explorer" continues from: the address of a snapshot's view (its database nodes on an empty
 * canvas, mode, filters and time range, size-by, colouring, style rules, the selected node, the path asked
 * for) and the positions the nodes were drawn at (which no address carries: the explorer takes them once, on
 * opening). Nodes the view made up (who-met-whom edges' "met ×N") are not database nodes and stay out.
 */
export function explorerViewOfSnapshot(doc: SnapshotDocument): {
  url: UrlState;
  positions: Record<string, { x: number; y: number }>;
} {
  const { view } = doc;
  const nodes = doc.graph.nodes.filter((n) => !n.derived);
  const sizeBy = SIZE_BY.find((s) => s === view.styles['sizeBy']) ?? defaultUrlState.sizeBy;
  const params = view.query?.kind === 'path' ? view.query.params : undefined;
  const from = params?.['from'];
  const to = params?.['to'];
  const ids = new Set(nodes.map((n) => n.id));
  return {
    url: {
      ...defaultUrlState,
      start: 'empty',
      show: nodes.map((n) => n.id),
      mode: view.mode,
      node: view.selection.find((id) => ids.has(id)) ?? null,
      hiddenLabels: view.filters.hiddenLabels,
      hiddenTypes: view.filters.hiddenTypes,
      from: view.filters.from,
      to: view.filters.to,
      sizeBy,
      colorByCommunity: view.styles['colorByCommunity'] === true,
      rules: view.rules ?? [],
      path: typeof from === 'string' && typeof to === 'string' && ids.has(from) && ids.has(to) ? [from, to] : null,
    },
    positions: Object.fromEntries(nodes.map((n) => [n.id, { x: n.x, y: n.y }])),
  };
}
