/**
 * Turns driver values into plain JSON. Integers become numbers (strings when outside the safe range, so no
 * digit is ever lost), temporal values their ISO strings, points `{srid, x, y, z?}`, and graph values tagged
 * plain objects that the graph builder turns into the API's nodes and edges.
 */
import neo4j, { type Node, type Relationship, type Path } from 'neo4j-driver';
import type { JsonValue } from '../../../contract';

export interface PlainNode {
  $kind: 'node';
  elementId: string;
  labels: string[];
  properties: Record<string, JsonValue>;
}
export interface PlainRelationship {
  $kind: 'relationship';
  elementId: string;
  type: string;
  startElementId: string;
  endElementId: string;
  properties: Record<string, JsonValue>;
}
export interface PlainPath {
  $kind: 'path';
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}
export type Plain = JsonValue | PlainNode | PlainRelationship | PlainPath | Plain[] | { [key: string]: Plain };

/**
 * Graph values made here carry this private mark (JSON never shows a symbol key), so that a user's map that
 * merely has a `$kind` key, e.g. `RETURN {`$kind`: 'node'}`, is never taken for a node.
 */
const GRAPH_VALUE: unique symbol = Symbol('parley.graphValue');

function marked(v: unknown, kind: string): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { [GRAPH_VALUE]?: unknown })[GRAPH_VALUE] === true &&
    (v as { $kind?: unknown }).$kind === kind
  );
}
export function isPlainNode(v: unknown): v is PlainNode {
  return marked(v, 'node');
}
export function isPlainRelationship(v: unknown): v is PlainRelationship {
  return marked(v, 'relationship');
}
export function isPlainPath(v: unknown): v is PlainPath {
  return marked(v, 'path');
}

/**
 * Builds a plain object from entries so that a key such as `__proto__` is kept as data instead of replacing the
 * object's prototype (the driver wants ordinary objects, so no null prototype). Only `__proto__` needs
 * defineProperty (its assignment calls the prototype setter); every other key is assigned, which keeps the
 * object's fast shape (with defineProperty on every key, fromEntries was the largest of Parley's own functions in a
 * CPU profile of the server under load: about 1–2% of its busy time).
 */
export function fromEntries<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) set(out, k, v);
  return out;
}

function set<T>(out: Record<string, T>, k: string, v: T): void {
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function properties(props: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const k of Object.keys(props)) set(out, k, toJson(props[k]));
  return out;
}

function node(n: Node): PlainNode {
  return {
    [GRAPH_VALUE]: true,
    $kind: 'node',
    elementId: n.elementId,
    labels: [...n.labels],
    properties: properties(n.properties),
  } as PlainNode;
}

function relationship(r: Relationship): PlainRelationship {
  return {
    [GRAPH_VALUE]: true,
    $kind: 'relationship',
    elementId: r.elementId,
    type: r.type,
    startElementId: r.startNodeElementId,
    endElementId: r.endNodeElementId,
    properties: properties(r.properties),
  } as PlainRelationship;
}

function path(p: Path): PlainPath {
  const nodes = [node(p.start)];
  const relationships: PlainRelationship[] = [];
  for (const seg of p.segments) {
    relationships.push(relationship(seg.relationship));
    nodes.push(node(seg.end));
  }
  return { [GRAPH_VALUE]: true, $kind: 'path', nodes, relationships } as PlainPath;
}

/** A property value (never a graph value) as JSON. */
export function toJson(v: unknown): JsonValue {
  const p = toPlain(v);
  return p as JsonValue;
}

export function toPlain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (neo4j.isInt(v)) return neo4j.integer.inSafeRange(v) ? v.toNumber() : v.toString();
  if (neo4j.isNode(v)) return node(v as Node);
  if (neo4j.isRelationship(v)) return relationship(v as Relationship);
  if (neo4j.isPath(v)) return path(v as Path);
  if (
    neo4j.isDate(v) ||
    neo4j.isDateTime(v) ||
    neo4j.isLocalDateTime(v) ||
    neo4j.isLocalTime(v) ||
    neo4j.isTime(v) ||
    neo4j.isDuration(v)
  ) {
    return (v as { toString(): string }).toString();
  }
  if (neo4j.isPoint(v)) {
    const pt = v as { srid: unknown; x: number; y: number; z?: number };
    const out: Record<string, JsonValue> = { srid: toJson(pt.srid), x: pt.x, y: pt.y };
    if (pt.z !== undefined) out.z = pt.z;
    return out;
  }
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'object') {
    return fromEntries(Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, toPlain(val)]));
  }
  return String(v);
}

/**
 * JSON parameters for the driver: whole numbers become Cypher integers (JSON cannot tell 5 from 5.0, and
 * `LIMIT $n` or `range()` need integers), everything else passes unchanged.
 */
export function toParams(v: unknown): unknown {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? neo4j.int(v) : v;
  if (Array.isArray(v)) return v.map(toParams);
  if (v !== null && typeof v === 'object') {
    return fromEntries(Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, toParams(val)]));
  }
  return v;
}
