/**
 * Turns plain database values into the API's nodes and edges. Ids follow the contract: a node's string `id`
 * property when it has one, else its element id; relationship endpoints are mapped the same way.
 */
import {
  captionProperty,
  type Evidence,
  type GraphEdge,
  type GraphNode,
  type JsonValue,
  type Properties,
  type Subgraph,
} from '../../../contract';
import {
  isPlainNode,
  isPlainPath,
  isPlainRelationship,
  type Plain,
  type PlainNode,
  type PlainRelationship,
} from '../neo4j/convert';

/** Relationship properties that carry evidence; they are moved into `evidence` and `inferred`. */
const EVIDENCE_KEYS = new Set(['quotes', 'sourceIds', 'inferred', 'id']);

export function nodeId(n: PlainNode): string {
  const id = n.properties.id;
  return typeof id === 'string' && id !== '' ? id : n.elementId;
}

/**
 * A node's display name by Parley's one caption rule (contract/anydb.ts: name, title, the first string property
 * alphabetically other than id, id), applied to the node's own non-blank string properties; else `fallback`.
 * /api/schema gives the same rule per label, with the caption settings applied.
 */
export function displayName(props: Properties, fallback: string): string {
  const keys = Object.keys(props).filter((k) => {
    const v = props[k];
    return typeof v === 'string' && v.trim() !== '';
  });
  const key = captionProperty(keys);
  return key === null ? fallback : (props[key] as string);
}

export function toGraphNode(n: PlainNode): GraphNode {
  const id = nodeId(n);
  return { id, labels: n.labels, name: displayName(n.properties, id), properties: n.properties };
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function evidenceOf(props: Properties): Evidence[] {
  const quotes = strings(props.quotes);
  const sources = strings(props.sourceIds);
  return quotes.map((quote, i) => ({ quote, sourceId: sources[i] ?? sources[0] ?? '' }));
}

export function toGraphEdge(r: PlainRelationship, idOf: (elementId: string) => string): GraphEdge {
  const properties: Properties = {};
  for (const [k, v] of Object.entries(r.properties)) if (!EVIDENCE_KEYS.has(k)) properties[k] = v;
  const id = r.properties.id;
  return {
    id: typeof id === 'string' && id !== '' ? id : r.elementId,
    source: idOf(r.startElementId),
    target: idOf(r.endElementId),
    type: r.type,
    properties,
    evidence: evidenceOf(r.properties),
    inferred: r.properties.inferred === true,
  };
}

/** Collects nodes and relationships (deduplicated) from any mix of plain values, including paths and lists. */
export class GraphBuilder {
  private readonly nodes = new Map<string, PlainNode>();
  private readonly rels = new Map<string, PlainRelationship>();

  add(v: Plain | undefined): this {
    if (v === null || v === undefined) return this;
    if (isPlainNode(v)) this.nodes.set(v.elementId, v);
    else if (isPlainRelationship(v)) this.rels.set(v.elementId, v);
    else if (isPlainPath(v)) {
      v.nodes.forEach((n) => this.add(n));
      v.relationships.forEach((r) => this.add(r));
    } else if (Array.isArray(v)) v.forEach((x) => this.add(x));
    else if (typeof v === 'object') Object.values(v).forEach((x) => this.add(x as Plain));
    return this;
  }

  idOf = (elementId: string): string => {
    const n = this.nodes.get(elementId);
    return n ? nodeId(n) : elementId;
  };

  hasNode(elementId: string): boolean {
    return this.nodes.has(elementId);
  }

  /** Relationships whose two ends are both known; the others are left out (they could not be drawn). */
  build(truncated = false): Subgraph {
    const edges = [...this.rels.values()]
      .filter((r) => this.nodes.has(r.startElementId) && this.nodes.has(r.endElementId))
      .map((r) => toGraphEdge(r, this.idOf));
    return { nodes: [...this.nodes.values()].map(toGraphNode), edges, truncated };
  }
}
