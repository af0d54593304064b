/**
 * Data exports of the visible graph: GEXF (graphology-gexf's writer), GraphML (written here: graphology-graphml
 * 0.5 only parses), JSON, and CSV (nodes and edges, zipped together). Pure functions over the plain list of
 * visible nodes and edges (the same shape a snapshot stores).
 */
import Graph from 'graphology';
import { writeGexf as writeGexfGraph } from './gexf-writer';
import { strToU8, zipSync } from 'fflate';
import type { GraphEdge, GraphNode, SnapshotEdge, SnapshotNode } from '../../../../contract';
import { edgesCsv, nodesCsv } from './csv';
import { xmlEscape } from './svg';

export interface VisibleGraph {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

export type AttrValue = string | number | boolean;
/** Data columns beyond the picture's own (label, kind, position, size, colour), by node and edge id. */
export interface ExportAttributes {
  nodes: Record<string, Record<string, AttrValue>>;
  edges: Record<string, Record<string, AttrValue>>;
}

/** Columns the exports write themselves: a property with one of these names is written as `prop_<name>`. */
const RESERVED = new Set(['label', 'kind', 'x', 'y', 'size', 'color', 'relationship', 'inferred', 'labels']);
const column = (key: string) => (RESERVED.has(key) || key.startsWith('evidence_') ? `prop_${key}` : key);

function flat(v: unknown): AttrValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return JSON.stringify(v);
}

/**
 * The database side of what is exported: every property (dates stay ISO strings, lists and objects JSON), the
 * node's labels, and a relationship's evidence: `evidence_quote` and `evidence_source` (one line per quote,
 * in the same order) and `evidence_count`.
 */
export function exportAttributes(nodes: GraphNode[], edges: GraphEdge[]): ExportAttributes {
  const out: ExportAttributes = { nodes: {}, edges: {} };
  for (const n of nodes) {
    const a: Record<string, AttrValue> = { labels: n.labels.join(' ') };
    for (const [k, v] of Object.entries(n.properties)) {
      const f = flat(v);
      if (f !== null) a[column(k)] = f;
    }
    out.nodes[n.id] = a;
  }
  for (const e of edges) {
    const a: Record<string, AttrValue> = {};
    for (const [k, v] of Object.entries(e.properties)) {
      const f = flat(v);
      if (f !== null) a[column(k)] = f;
    }
    a['evidence_count'] = e.evidence.length;
    if (e.evidence.length) {
      a['evidence_quote'] = e.evidence.map((x) => x.quote.replace(/\n/g, ' ')).join('\n');
      a['evidence_source'] = e.evidence.map((x) => x.sourceId).join('\n');
    }
    out.edges[e.id] = a;
  }
  return out;
}

const cleanAttrs = (a: Record<string, AttrValue> | undefined) =>
  Object.fromEntries(Object.entries(a ?? {}).map(([k, v]) => [clean(k), typeof v === 'string' ? clean(v) : v]));

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (s: string) => s.replace(CONTROL, '');

/** A graphology graph of the visible nodes and edges (multi: parallel relationships stay apart). */
export function toGraphology(data: VisibleGraph, extra?: ExportAttributes): Graph {
  const g = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const n of data.nodes) {
    g.addNode(clean(n.id), {
      ...cleanAttrs(extra?.nodes[n.id]),
      label: clean(n.label),
      kind: clean(n.kind),
      x: n.x,
      y: n.y,
      size: n.size,
      color: n.color,
    });
  }
  for (const e of data.edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    g.addDirectedEdgeWithKey(clean(e.id), clean(e.source), clean(e.target), {
      ...cleanAttrs(extra?.edges[e.id]),
      relationship: clean(e.type),
      label: clean(e.label ?? e.type),
      inferred: e.inferred ?? false,
      color: e.color,
      size: e.size,
    });
  }
  return g;
}

export function toGexf(data: VisibleGraph, extra?: ExportAttributes): string {
  return writeGexfGraph(toGraphology(data, extra), { version: '1.3' });
}

const GRAPHML_KEYS: { id: string; for: 'node' | 'edge'; name: string; type: 'string' | 'double' | 'boolean' }[] = [
  { id: 'n_label', for: 'node', name: 'label', type: 'string' },
  { id: 'n_kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'n_x', for: 'node', name: 'x', type: 'double' },
  { id: 'n_y', for: 'node', name: 'y', type: 'double' },
  { id: 'n_size', for: 'node', name: 'size', type: 'double' },
  { id: 'n_color', for: 'node', name: 'color', type: 'string' },
  { id: 'e_type', for: 'edge', name: 'relationship', type: 'string' },
  { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
  { id: 'e_inferred', for: 'edge', name: 'inferred', type: 'boolean' },
  { id: 'e_color', for: 'edge', name: 'color', type: 'string' },
  { id: 'e_size', for: 'edge', name: 'size', type: 'double' },
];

/** The extra columns of one kind, with the GraphML type their values share (string when they differ). */
function extraKeys(rows: Record<string, Record<string, AttrValue>>, ids: string[], prefix: string) {
  const types = new Map<string, 'string' | 'double' | 'boolean'>();
  for (const id of ids) {
    for (const [k, v] of Object.entries(rows[id] ?? {})) {
      const t = typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'boolean' : 'string';
      const was = types.get(k);
      types.set(k, was === undefined || was === t ? t : 'string');
    }
  }
  return [...types]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type], i) => ({ id: `${prefix}${i}`, name, type }));
}

export function toGraphml(data: VisibleGraph, extra?: ExportAttributes): string {
  const nodeIds = new Set(data.nodes.map((n) => n.id));
  const d = (key: string, v: string | number | boolean) => `<data key="${key}">${xmlEscape(String(v))}</data>`;
  const nodeExtra = extraKeys(
    extra?.nodes ?? {},
    data.nodes.map((n) => n.id),
    'nx',
  );
  const edgeExtra = extraKeys(
    extra?.edges ?? {},
    data.edges.map((e) => e.id),
    'ex',
  );
  const extraData = (keys: typeof nodeExtra, row: Record<string, AttrValue> | undefined) =>
    keys.map((k) => (row && row[k.name] !== undefined ? d(k.id, row[k.name]!) : '')).join('');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPHML_KEYS.map((k) => `<key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    ...nodeExtra.map((k) => `<key id="${k.id}" for="node" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>`),
    ...edgeExtra.map((k) => `<key id="${k.id}" for="edge" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>`),
    '<graph id="parley" edgedefault="directed">',
  ];
  for (const n of data.nodes) {
    out.push(
      `<node id="${xmlEscape(n.id)}">${d('n_label', n.label)}${d('n_kind', n.kind)}${d('n_x', n.x)}${d('n_y', n.y)}${d('n_size', n.size)}${d('n_color', n.color)}${extraData(nodeExtra, extra?.nodes[n.id])}</node>`,
    );
  }
  for (const e of data.edges) {
    if (!nodeIds.has(e.source) || !nodeIds.has(e.target)) continue;
    out.push(
      `<edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${d('e_type', e.type)}${d('e_label', e.label ?? e.type)}${d('e_inferred', e.inferred ?? false)}${d('e_color', e.color)}${d('e_size', e.size)}${extraData(edgeExtra, extra?.edges[e.id])}</edge>`,
    );
  }
  out.push('</graph>', '</graphml>');
  return `${out.join('\n')}\n`;
}

export function toJson(data: VisibleGraph & { title?: string; caption?: string; footnote?: string }): string {
  return `${JSON.stringify({ format: 'parley-graph', version: 1, ...data }, null, 2)}\n`;
}

/** nodes.csv and edges.csv in one zip (UTF-8 with a byte-order mark, which Excel needs to read accents). */
export function csvZip(data: VisibleGraph, baseName = 'parley'): Uint8Array {
  const bom = '\uFEFF';
  return zipSync({
    [`${baseName}-nodes.csv`]: strToU8(bom + nodesCsv(data.nodes)),
    [`${baseName}-edges.csv`]: strToU8(bom + edgesCsv(data.edges)),
  });
}
