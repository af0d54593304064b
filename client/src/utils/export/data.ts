/**
 * Data exports of the visible graph: GEXF (graphology-gexf's writer), GraphML (written here: graphology-graphml
 * 0.5 only parses), JSON, and CSV (nodes and edges, zipped together). Pure functions over the plain list of
 * visible nodes and edges (the same shape a snapshot stores).
 */
import Graph from 'graphology';
import { writeGexf as writeGexfGraph } from './gexf-writer';
import { strToU8, zipSync } from 'fflate';
import type { SnapshotEdge, SnapshotNode } from '../../../../contract';
import { edgesCsv, nodesCsv } from './csv';
import { xmlEscape } from './svg';

export interface VisibleGraph {
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (s: string) => s.replace(CONTROL, '');

/** A graphology graph of the visible nodes and edges (multi: parallel relationships stay apart). */
export function toGraphology(data: VisibleGraph): Graph {
  const g = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const n of data.nodes) {
    g.addNode(clean(n.id), {
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
      relationship: clean(e.type),
      label: clean(e.label ?? e.type),
      inferred: e.inferred ?? false,
      color: e.color,
      size: e.size,
    });
  }
  return g;
}

export function toGexf(data: VisibleGraph): string {
  return writeGexfGraph(toGraphology(data), { version: '1.3' });
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

export function toGraphml(data: VisibleGraph): string {
  const nodeIds = new Set(data.nodes.map((n) => n.id));
  const d = (key: string, v: string | number | boolean) => `<data key="${key}">${xmlEscape(String(v))}</data>`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...GRAPHML_KEYS.map((k) => `<key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    '<graph id="parley" edgedefault="directed">',
  ];
  for (const n of data.nodes) {
    out.push(
      `<node id="${xmlEscape(n.id)}">${d('n_label', n.label)}${d('n_kind', n.kind)}${d('n_x', n.x)}${d('n_y', n.y)}${d('n_size', n.size)}${d('n_color', n.color)}</node>`,
    );
  }
  for (const e of data.edges) {
    if (!nodeIds.has(e.source) || !nodeIds.has(e.target)) continue;
    out.push(
      `<edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${d('e_type', e.type)}${d('e_label', e.label ?? e.type)}${d('e_inferred', e.inferred ?? false)}${d('e_color', e.color)}${d('e_size', e.size)}</edge>`,
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
