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
import {
  DEFAULT_MAX_ROWS,
  nodesByElementId,
  runGuarded,
  YIELD_EVERY_BYTES,
  yieldToLoop,
  type GuardedRunOptions,
} from '../neo4j/console';
import {
  fromEntries,
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
  // fromEntries keeps `__proto__` and `constructor` keys as data (an assignment would set the prototype).
  return fromEntries(Object.entries(v).map(([k, x]) => [k, toCypherValue(x as Plain, idOf)]));
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

export function createCypherRepository(db: Db) {
  return {
    /**
     * Runs a console query (guarded, capped). A refused query throws a ConsoleRefusal, a database failure a DbError;
     * the app's error handler decides the HTTP status of both.
     */
    async run(
      query: string,
      params: Record<string, JsonValue> = {},
      opts: CypherRunOptions = {},
    ): Promise<CypherResponse> {
      const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
      const guarded: GuardedRunOptions = { maxRows, ...opts };
      const res = await runGuarded(db, query, params, guarded);
      // Each pass over the rows pauses for the event loop every YIELD_EVERY_BYTES of rows (neo4j/console.ts).
      const eachRow = async (fn: (row: (typeof res.rows)[number], i: number) => void) => {
        let since = 0;
        for (let i = 0; i < res.rows.length; i++) {
          fn(res.rows[i]!, i);
          since += res.rowBytes[i] ?? 0;
          if (since >= YIELD_EVERY_BYTES) {
            since = 0;
            await yieldToLoop();
          }
        }
      };
      const builder = new GraphBuilder();
      await eachRow((row) => {
        for (const v of Object.values(row)) builder.add(v);
      });
      // Relationships whose end nodes are not in the result: fetch those nodes so the edges can be drawn.
      const missing = new Set<string>();
      await eachRow((row) => {
        for (const v of Object.values(row)) {
          for (const r of relationshipsIn(v)) {
            if (!builder.hasNode(r.startElementId)) missing.add(r.startElementId);
            if (!builder.hasNode(r.endElementId)) missing.add(r.endElementId);
          }
        }
      });
      if (missing.size > 0) {
        const extra = await nodesByElementId(db, [...missing], {
          ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        extra.forEach((n) => builder.add(n));
      }
      const graph = builder.build(res.truncated);
      const rows: Record<string, CypherValue>[] = [];
      await eachRow((row) => {
        rows.push(fromEntries<CypherValue>(Object.entries(row).map(([k, v]) => [k, toCypherValue(v, builder.idOf)])));
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
