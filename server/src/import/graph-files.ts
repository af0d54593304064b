/**
 * GEXF and GraphML files (Parley's own exports and Gephi's) read with graphology-gexf / graphology-graphml,
 * which parse with @xmldom/xmldom. Mapping, decided here:
 * - a node's key is its `id`; its label comes from the attribute `labels` (`;`-separated), `kind` (Parley's
 *   exports) or `type`, else `Node`; its name from `name`, else the GEXF/GraphML `label`;
 * - an edge's type from `relationship` (Parley's exports), `type` or its `label`, made UPPER_SNAKE_CASE, else
 *   `RELATED_TO`; `inferred` is kept;
 * - drawing attributes (x, y, z, size, color, shape, thickness) are left out; every other attribute becomes a
 *   property, its name made a valid identifier ("Modularity Class" → `Modularity_Class`) and shown in the
 *   preview's column mapping.
 * Pure: the caller gives the text.
 */
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { ColumnMapping, ImportNode, ImportRelationship, Problem, Properties, PropertyValue } from './model';
import { setOwn } from './model';
import { idProblem, keyProblem, labelProblem, typeProblem } from './names';
import { LIMITS, formatBytes } from './limits';

const DRAWING = new Set(['x', 'y', 'z', 'size', 'color', 'shape', 'thickness', 'viz']);
const NODE_FIELDS = new Set(['labels', 'kind', 'type', 'name', 'label']);
const EDGE_FIELDS = new Set(['relationship', 'type', 'label', 'inferred']);

/** "Modularity Class" → "Modularity_Class"; "2nd" → "_2nd" */
export function identifierOf(name: string): string {
  const s = name
    .trim()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+(?=.)/, '');
  return /^[\p{L}_]/u.test(s) ? s : `_${s}`;
}

function value(v: unknown): PropertyValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return String(v);
}

export function readGraphFile(file: string, text: string, format: 'gexf' | 'graphml') {
  const problems: Problem[] = [];
  let graph: Graph;
  try {
    graph =
      format === 'gexf'
        ? parseGexf(Graph, text, { allowUndeclaredAttributes: true, addMissingNodes: false })
        : parseGraphml(Graph, text, { addMissingNodes: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = /line:?\s*(\d+)/i.exec(msg)?.[1];
    return {
      nodes: [] as ImportNode[],
      relationships: [] as ImportRelationship[],
      columns: [] as ColumnMapping[],
      problems: [
        {
          file,
          ...(line ? { line: Number(line) } : {}),
          message: `the ${format.toUpperCase()} file cannot be read (${msg.split('\n')[0]}): check that it is a complete, well-formed ${format.toUpperCase()} document`,
        },
      ],
    };
  }
  const renamed = new Map<string, string>();
  const props = (attrs: Record<string, unknown>, skip: Set<string>, where: string): Properties => {
    const out: Properties = {};
    for (const [k, raw] of Object.entries(attrs)) {
      if (skip.has(k) || DRAWING.has(k)) continue;
      const key = identifierOf(k);
      const bad = keyProblem(key);
      if (bad) {
        problems.push({ file, path: `${where}.${k}`, message: bad });
        continue;
      }
      const v = value(raw);
      if (v === undefined) continue;
      if (typeof v === 'string' && Buffer.byteLength(v) > LIMITS.cellBytes) {
        problems.push({
          file,
          path: `${where}.${k}`,
          message: `the value is larger than ${formatBytes(LIMITS.cellBytes)}`,
        });
        continue;
      }
      if (key !== k) renamed.set(k, key);
      setOwn(out, key, v);
    }
    return out;
  };
  const nodes: ImportNode[] = [];
  graph.forEachNode((key, attrs) => {
    const where = `node ${JSON.stringify(key)}`;
    const bad = idProblem(key);
    if (bad) problems.push({ file, path: where, message: bad });
    const labelText = String(attrs.labels ?? attrs.kind ?? attrs.type ?? 'Node');
    const labels = labelText
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const l of labels) {
      const b = labelProblem(l);
      if (b) problems.push({ file, path: `${where}.kind`, message: b });
    }
    const name = attrs.name ?? attrs.label;
    nodes.push({
      id: key,
      labels: labels.length > 0 ? labels : ['Node'],
      name: typeof name === 'string' && name.trim() !== '' ? name.trim() : name != null ? String(name) : null,
      aliases: [],
      description: null,
      properties: props(attrs, NODE_FIELDS, where),
      at: { file, path: where },
    });
  });
  const relationships: ImportRelationship[] = [];
  graph.forEachEdge((key, attrs, source, target) => {
    const where = `edge ${JSON.stringify(key)}`;
    const raw = String(attrs.relationship ?? attrs.type ?? attrs.label ?? 'RELATED_TO');
    const type = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(raw) ? raw : identifierOf(raw).toUpperCase();
    const bad = typeProblem(type);
    if (bad) problems.push({ file, path: where, message: bad });
    const skip = new Set(EDGE_FIELDS);
    if (attrs.label !== undefined && attrs.label !== raw) skip.delete('label');
    relationships.push({
      type,
      source,
      target,
      properties: props(attrs, skip, where),
      evidence: [],
      inferred: attrs.inferred === true || attrs.inferred === 'true',
      inferenceReason: null,
      at: { file, path: where },
    });
  });
  const columns: ColumnMapping[] = [
    { column: 'node id', mapsTo: 'id' },
    { column: 'node labels / kind / type', mapsTo: 'labels' },
    { column: 'node name / label', mapsTo: 'name' },
    { column: 'edge relationship / type / label', mapsTo: 'relationship type' },
    ...[...renamed].map(([from, to]) => ({ column: from, mapsTo: `property ${to}` })),
  ];
  return { nodes, relationships, columns, problems };
}
