/** Reading the graph: schema counts, subgraphs, one node with its relationships, neighbours, paths. */
import {
  GRAPH_DEFAULT_LIMIT,
  GRAPH_MAX_LIMIT,
  type GraphNode,
  type GraphQuery,
  type NeighborFilter,
  type NeighborsResponse,
  type NodeDetails,
  type OverviewResponse,
  type PathResponse,
  type SchemaResponse,
  type SourceSummary,
  type Subgraph,
} from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode, isPlainPath, isPlainRelationship, type Plain, type PlainNode } from '../neo4j/convert';
import { badRequest, notFound } from '../errors';
import type { CatalogRepository } from './catalog';
import { hasForeignLabels, resolveIds } from './foreign';
import { GraphBuilder, nodeId, toGraphEdge, toGraphNode } from './shape';
import { sourceSummaryFrom } from './sources';

/** edges drawn for a subgraph at most, per node allowed */
const EDGES_PER_NODE = 10;
/** relationships one `among` answers at most (then `truncated`) */
const AMONG_EDGE_LIMIT = 20_000;

function asArray(v: Plain | undefined): Plain[] {
  return Array.isArray(v) ? v : [];
}

export function createGraphRepository(db: Db, catalog: CatalogRepository) {
  /**
   * The element id of the node with this API id; 404 when there is none. Index seeks only (resolve-id: one per
   * Parley label, and the element id); a database with foreign labels, where any node may carry an `id`, gets the
   * label-free scan as a fallback when the seeks find nothing.
   */
  async function resolve(id: string): Promise<string> {
    let rows = await db.query('resolve-id', { id });
    if (rows.length === 0 && (await hasForeignLabels(db))) rows = await db.query('resolve-id-any', { id });
    // An id merged away by a duplicate merge keeps resolving, to the node that kept it (README "Duplicates");
    // a chain of merges (a into b, then b into c) is followed a few steps.
    for (let hop = 0, current = id; rows.length === 0 && hop < 8; hop++) {
      const [merged] = await db.query('resolve-merged-id', { id: current });
      if (typeof merged?.keep !== 'string') break;
      current = merged.keep;
      rows = await db.query('resolve-id', { id: current });
    }
    const eid = rows[0]?.elementId;
    if (typeof eid !== 'string') {
      throw notFound(`No node has the id "${id}". Use an id from /api/search or /api/graph.`);
    }
    return eid;
  }

  function schema(): Promise<SchemaResponse> {
    return catalog.schema();
  }

  /**
   * The labels whose nodes a date range filters on `property`: those that carry it as a date-like property.
   * Without a property, Parley's own rule: Meeting.date. An unknown property is a 400 that lists the known ones.
   */
  async function dateLabels(property: string | undefined): Promise<{ property: string; labels: string[] }> {
    if (property === undefined) return { property: 'date', labels: ['Meeting'] };
    const all = await catalog.labels();
    const labels = all.filter((l) => l.dateProperties.some((d) => d.property === property)).map((l) => l.label);
    if (labels.length === 0) {
      const known = [...new Set(all.flatMap((l) => l.dateProperties.map((d) => d.property)))].sort();
      throw badRequest(
        `dateProperty: "${property}" is not a date-like property of any label; use one of: ${known.join(', ') || 'none (this database has no date-like property)'}.`,
      );
    }
    return { property, labels };
  }

  async function subgraph(q: GraphQuery): Promise<Subgraph> {
    const limit = q.limit ?? GRAPH_DEFAULT_LIMIT;
    const dated = await dateLabels(q.dateProperty);
    const rows = await db.query('graph-nodes', {
      labels: q.labels && q.labels.length > 0 ? q.labels : null,
      from: q.from ?? null,
      to: q.to ?? null,
      dateProperty: dated.property,
      dateLabels: dated.labels,
      limit,
    });
    let truncated = rows.length > limit;
    const b = new GraphBuilder();
    const ids: string[] = [];
    for (const row of rows.slice(0, limit)) {
      if (isPlainNode(row.n)) {
        b.add(row.n);
        ids.push(row.n.elementId);
      }
    }
    const edgeLimit = limit * EDGES_PER_NODE;
    const edgeRows = await db.query('graph-edges', { ids, limit: edgeLimit });
    if (edgeRows.length > edgeLimit) truncated = true;
    for (const row of edgeRows.slice(0, edgeLimit)) b.add(row.r);
    return b.build(truncated);
  }

  /**
   * The ranking of the overview (element ids, most connected first), kept until the database's entity or
   * relationship count changes (from the count store, read on every call): a ranking reads every node, the counts
   * none. An edit that keeps both counts (a property change, a relationship moved) keeps the ranking for now; the
   * nodes themselves are read fresh every time.
   */
  let ranking: { key: string; ids: string[] } | null = null;

  /**
   * What the explorer opens on: the whole graph when the database has at most `threshold` entities, else the
   * `limit` most connected ones with the relationships among them; with the number of entities either way.
   */
  async function overview(limit: number, threshold: number): Promise<OverviewResponse> {
    const [count] = await db.query('entity-count');
    const total = Number(count?.entities ?? 0);
    if (total <= threshold) {
      const whole = await subgraph({ limit: GRAPH_MAX_LIMIT });
      return { ...whole, mode: 'whole', total, threshold };
    }
    const key = `${total}:${String(count?.relationships)}:${limit}`;
    if (ranking?.key !== key) {
      const rows = await db.query('graph-overview', { limit });
      ranking = { key, ids: rows.map((r) => String(r.elementId)) };
    }
    const rows = await db.query('nodes-by-element-id', { ids: ranking.ids });
    const byId = new Map<string, PlainNode>();
    for (const row of rows) if (isPlainNode(row.n)) byId.set(row.n.elementId, row.n);
    const b = new GraphBuilder();
    const ids: string[] = [];
    for (const id of ranking.ids) {
      const n = byId.get(id);
      if (n) {
        b.add(n);
        ids.push(id);
      }
    }
    const edgeLimit = limit * EDGES_PER_NODE;
    const edgeRows = await db.query('graph-edges', { ids, limit: edgeLimit });
    for (const row of edgeRows.slice(0, edgeLimit)) b.add(row.r);
    return { ...b.build(true), mode: 'top', total, threshold };
  }

  /** The relationships among the nodes with these API ids (both ends in the list), with their ends. */
  async function among(ids: string[]): Promise<Subgraph> {
    const limit = AMONG_EDGE_LIMIT;
    const elementIds = [...(await resolveIds(db, [...new Set(ids)])).values()];
    const rows = elementIds.length ? await db.query('edges-among', { ids: elementIds, limit }) : [];
    const b = new GraphBuilder();
    for (const row of rows.slice(0, limit)) b.add(row.a).add(row.b).add(row.r);
    return b.build(rows.length > limit);
  }

  async function sourcesByIds(ids: string[]): Promise<SourceSummary[]> {
    if (ids.length === 0) return [];
    const rows = await db.query('sources-by-id', { ids });
    return rows.map(sourceSummaryFrom);
  }

  async function node(id: string): Promise<NodeDetails> {
    const elementId = await resolve(id);
    const [row] = await db.query('node-details', { elementId });
    if (!row || !isPlainNode(row.n)) throw notFound(`No node has the id "${id}".`);
    const self = row.n;
    const others = new Map<string, PlainNode>([[self.elementId, self]]);
    const pairs = asArray(row.rels).flatMap((p) => {
      const { r, m } = (p ?? {}) as { r?: Plain; m?: Plain };
      if (!isPlainRelationship(r) || !isPlainNode(m)) return [];
      others.set(m.elementId, m);
      return [{ r, m }];
    });
    const idOf = (eid: string) => {
      const n = others.get(eid);
      return n ? nodeId(n) : eid;
    };
    const relationships = pairs.map(({ r, m }) => ({
      edge: toGraphEdge(r, idOf),
      direction: (r.startElementId === self.elementId ? 'out' : 'in') as 'out' | 'in',
      other: toGraphNode(m),
    }));
    relationships.sort((a, b) => a.edge.type.localeCompare(b.edge.type) || a.other.name.localeCompare(b.other.name));
    const sourceIds = [...new Set(relationships.flatMap((r) => r.edge.evidence.map((e) => e.sourceId)))];
    return { node: toGraphNode(self), relationships, sources: await sourcesByIds(sourceIds) };
  }

  /**
   * A page of neighbours; `filter` keeps those linked by one relationship type and/or carrying one label, and with
   * `hops: 2` pages over every node within two hops (neighbors-two-hops: each one two hops away comes with the
   * node between and the two relationships, so everything in the answer can be drawn connected).
   */
  async function neighbors(
    id: string,
    limit: number,
    offset: number,
    filter: NeighborFilter = {},
  ): Promise<NeighborsResponse> {
    const elementId = await resolve(id);
    const type = filter.type ?? null;
    const label = filter.label ?? null;
    const query = filter.hops === 2 ? 'neighbors-two-hops' : 'neighbors';
    const rows = await db.query(query, { elementId, limit, offset, type, label });
    const b = new GraphBuilder();
    let total = 0;
    for (const row of rows) {
      b.add(row.n);
      if (typeof row.total === 'number') total = row.total;
      if (isPlainNode(row.m)) b.add(row.m);
      if (isPlainNode(row.via)) b.add(row.via);
      b.add(row.rels);
    }
    const g = b.build(false);
    return { ...g, truncated: offset + limit < total, total, offset };
  }

  async function path(fromId: string, toId: string, maxHops: number): Promise<PathResponse> {
    const [from, to] = await Promise.all([resolve(fromId), resolve(toId)]);
    if (from === to) {
      const [row] = await db.query('node-details', { elementId: from });
      const g = new GraphBuilder().add(row?.n).build();
      return { ...g, path: g.nodes.map((n) => n.id), length: 0 };
    }
    const rows = await db.query('shortest-path', { from, to, maxHops });
    const p = rows[0]?.p;
    if (!isPlainPath(p)) {
      throw notFound(
        `"${fromId}" and "${toId}" are not connected by any path of at most ${maxHops} relationships.` +
          (maxHops < 15 ? ' Try a larger maxHops (up to 15).' : ''),
      );
    }
    const b = new GraphBuilder().add(p);
    return { ...b.build(), path: p.nodes.map((n) => nodeId(n)), length: p.relationships.length };
  }

  return { resolve, schema, dateLabels, subgraph, overview, among, node, neighbors, path, sourcesByIds };
}

export type GraphRepository = ReturnType<typeof createGraphRepository>;
export type { GraphNode };
