/**
 * The Cypher console's repository: runs a researcher's query through the guard (neo4j/console.ts), turns the
 * rows into plain JSON and the graph values in them into the API's nodes and edges, lists the query library
 * (cypher/queries/*.cypher, the same files the other repositories run) and the names the editor completes.
 */
import type {
  CypherNodeValue,
  CypherRelationshipValue,
  CypherResponse,
  CypherSchemaResponse,
  CypherValue,
  JsonValue,
  LibraryQuery,
} from '../../../contract';
import { HttpError } from '../errors';
import {
  ConsoleRefusal,
  DEFAULT_MAX_ROWS,
  nodesByElementId,
  runGuarded,
  type GuardedRunOptions,
} from '../neo4j/console';
import {
  isPlainNode,
  isPlainPath,
  isPlainRelationship,
  type Plain,
  type PlainNode,
  type PlainRelationship,
} from '../neo4j/convert';
import type { Db } from '../neo4j/db';
import type { NamedQuery } from '../neo4j/queries';
import { GraphBuilder, nodeId } from './shape';

export interface CypherRunOptions {
  timeoutMs?: number;
  maxRows?: number;
  signal?: AbortSignal;
}

/** A library query as the API lists it; a missing or unparsable `params` header becomes `{}`. */
export function toLibraryQuery(q: NamedQuery): LibraryQuery {
  let params: Record<string, JsonValue> = {};
  try {
    const parsed: unknown = JSON.parse(q.meta.params ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) params = parsed as Record<string, JsonValue>;
  } catch {
    params = {};
  }
  return {
    name: q.name,
    title: q.meta.title ?? q.name,
    description: q.meta.description ?? '',
    params,
    text: q.text,
    expect: (q.meta.expect ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

function nodeValue(n: PlainNode): CypherNodeValue {
  return { $kind: 'node', id: nodeId(n), elementId: n.elementId, labels: n.labels, properties: n.properties };
}

/** Row values with graph values converted to the API's shapes (ids as everywhere else in the API). */
export function toCypherValue(v: Plain, idOf: (elementId: string) => string): CypherValue {
  if (v === null || typeof v !== 'object') return v;
  if (isPlainNode(v)) return nodeValue(v);
  if (isPlainRelationship(v)) return relValue(v, idOf);
  if (isPlainPath(v)) {
    return {
      $kind: 'path',
      nodes: v.nodes.map(nodeValue),
      relationships: v.relationships.map((r) => relValue(r, idOf)),
    };
  }
  if (Array.isArray(v)) return v.map((x) => toCypherValue(x, idOf));
  const out: Record<string, CypherValue> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toCypherValue(x as Plain, idOf);
  return out;
}

function relValue(r: PlainRelationship, idOf: (elementId: string) => string): CypherRelationshipValue {
  const id = r.properties.id;
  return {
    $kind: 'relationship',
    id: typeof id === 'string' && id !== '' ? id : r.elementId,
    elementId: r.elementId,
    type: r.type,
    source: idOf(r.startElementId),
    target: idOf(r.endElementId),
    properties: r.properties,
  };
}

function relationshipsIn(v: Plain, out: PlainRelationship[] = []): PlainRelationship[] {
  if (v === null || typeof v !== 'object') return out;
  if (isPlainRelationship(v)) out.push(v);
  else if (isPlainPath(v)) out.push(...v.relationships);
  else if (isPlainNode(v)) return out;
  else if (Array.isArray(v)) v.forEach((x) => relationshipsIn(x, out));
  else Object.values(v).forEach((x) => relationshipsIn(x as Plain, out));
  return out;
}

export function refusalToHttp(err: unknown): unknown {
  return err instanceof ConsoleRefusal ? new HttpError(err.status, err.code, err.message) : err;
}

export function createCypherRepository(db: Db) {
  return {
    /** Runs a console query (guarded, capped); refusals become 4xx HttpErrors, database errors stay DbErrors. */
    async run(
      query: string,
      params: Record<string, JsonValue> = {},
      opts: CypherRunOptions = {},
    ): Promise<CypherResponse> {
      const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
      const guarded: GuardedRunOptions = { maxRows, ...opts };
      try {
        const res = await runGuarded(db, query, params, guarded);
        const builder = new GraphBuilder();
        for (const row of res.rows) for (const v of Object.values(row)) builder.add(v);
        // Relationships whose end nodes are not in the result: fetch those nodes so the edges can be drawn.
        const missing = new Set<string>();
        for (const row of res.rows) {
          for (const v of Object.values(row)) {
            for (const r of relationshipsIn(v)) {
              if (!builder.hasNode(r.startElementId)) missing.add(r.startElementId);
              if (!builder.hasNode(r.endElementId)) missing.add(r.endElementId);
            }
          }
        }
        if (missing.size > 0) {
          const extra = await nodesByElementId(db, [...missing], {
            ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
          extra.forEach((n) => builder.add(n));
        }
        const graph = builder.build(res.truncated);
        const rows = res.rows.map((row) => {
          const out: Record<string, CypherValue> = {};
          for (const [k, v] of Object.entries(row)) out[k] = toCypherValue(v, builder.idOf);
          return out;
        });
        return {
          columns: res.columns,
          rows,
          graph: { nodes: graph.nodes, edges: graph.edges },
          summary: {
            queryType: res.queryType,
            resultAvailableAfterMs: res.resultAvailableAfterMs,
            rowCount: rows.length,
            truncated: res.truncated,
            maxRows,
          },
        };
      } catch (err) {
        throw refusalToHttp(err);
      }
    },

    /** The query library: every file of cypher/queries, sorted by name. */
    library(): LibraryQuery[] {
      return db.queries.list().map(toLibraryQuery);
    },

    /** Labels, relationship types and property keys, for the editor's completion. */
    async schema(): Promise<CypherSchemaResponse> {
      const rows = await db.query(
        `CALL db.labels() YIELD label WITH collect(label) AS labels
         CALL db.relationshipTypes() YIELD relationshipType WITH labels, collect(relationshipType) AS types
         CALL db.propertyKeys() YIELD propertyKey
         RETURN labels, types, collect(propertyKey) AS keys`,
      );
      const row = rows[0] ?? {};
      const strings = (v: Plain | undefined): string[] => {
        const list: Plain[] = Array.isArray(v) ? v : [];
        return list.filter((x): x is string => typeof x === 'string').sort((a, b) => a.localeCompare(b));
      };
      return { labels: strings(row.labels), relationshipTypes: strings(row.types), propertyKeys: strings(row.keys) };
    },
  };
}

export type CypherRepository = ReturnType<typeof createCypherRepository>;

// ---------------------------------------------------------------------------------------------------------------
// `// expect:` headers: what a library query promises for its example parameters.

export type ExpectOp = '=' | '!=' | '>=' | '<=' | '>' | '<' | 'contains';
export type Expectation =
  | { kind: 'count'; subject: 'rows' | 'nodes' | 'edges'; op: ExpectOp; value: number }
  | { kind: 'columns'; columns: string[] }
  | { kind: 'cell'; quantifier: 'some' | 'every'; column: string; op: ExpectOp; value: JsonValue };

const OP = '(=|!=|>=|<=|>|<|contains)';

/**
 * Parses one expectation: `rows >= 1`, `nodes = 3`, `edges > 0`, `columns = a, b`,
 * `some <column> <op> <json>` (at least one row), `every <column> <op> <json>` (all rows, and at least one).
 */
export function parseExpectation(line: string): Expectation {
  const s = line.trim();
  let m = new RegExp(`^(rows|nodes|edges)\\s*${OP}\\s*(\\d+)$`).exec(s);
  if (m) return { kind: 'count', subject: m[1] as 'rows', op: m[2] as ExpectOp, value: Number(m[3]) };
  m = /^columns\s*=\s*(.+)$/.exec(s);
  if (m) return { kind: 'columns', columns: (m[1] ?? '').split(',').map((c) => c.trim()) };
  m = new RegExp(`^(some|every)\\s+(\\S+)\\s+${OP}\\s+(.+)$`).exec(s);
  if (m) {
    let value: JsonValue;
    try {
      value = JSON.parse(m[4] ?? '') as JsonValue;
    } catch {
      throw new Error(`expect: "${s}": the value must be JSON (quote strings: "text")`);
    }
    return { kind: 'cell', quantifier: m[1] as 'some', column: m[2] ?? '', op: m[3] as ExpectOp, value };
  }
  throw new Error(
    `expect: "${s}" is not understood; write e.g. "rows >= 1", "columns = a, b" or 'some name = "Istanbul"'.`,
  );
}

function compare(actual: unknown, op: ExpectOp, expected: JsonValue): boolean {
  const eq = JSON.stringify(actual) === JSON.stringify(expected);
  if (op === '=') return eq;
  if (op === '!=') return !eq;
  if (op === 'contains') {
    if (typeof actual === 'string' && typeof expected === 'string') return actual.includes(expected);
    if (Array.isArray(actual)) return actual.some((x) => JSON.stringify(x) === JSON.stringify(expected));
    return false;
  }
  const comparable =
    (typeof actual === 'number' && typeof expected === 'number') ||
    (typeof actual === 'string' && typeof expected === 'string');
  if (!comparable) return false;
  const a = actual as number | string;
  const b = expected as number | string;
  return op === '>=' ? a >= b : op === '<=' ? a <= b : op === '>' ? a > b : a < b;
}

/** Checks every expectation against a response; returns the failures (empty when all hold). */
export function checkExpectations(lines: string[], res: CypherResponse): string[] {
  const failures: string[] = [];
  for (const line of lines) {
    const e = parseExpectation(line);
    let ok: boolean;
    if (e.kind === 'count') {
      const n =
        e.subject === 'rows'
          ? res.rows.length
          : e.subject === 'nodes'
            ? res.graph.nodes.length
            : res.graph.edges.length;
      ok = compare(n, e.op, e.value);
    } else if (e.kind === 'columns') {
      ok = JSON.stringify(res.columns) === JSON.stringify(e.columns);
    } else {
      const cells = res.rows.map((r) => r[e.column]);
      ok =
        e.quantifier === 'some'
          ? cells.some((c) => compare(c, e.op, e.value))
          : cells.length > 0 && cells.every((c) => compare(c, e.op, e.value));
    }
    if (!ok) failures.push(line);
  }
  return failures;
}
