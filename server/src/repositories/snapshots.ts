/**
 * Snapshots, stored as `Snapshot` nodes (id, title, created, version, counts, and the whole view as one JSON
 * string `payload`). The graph and search queries leave `Snapshot` nodes out, so they never show in the explorer.
 */
import { randomUUID } from 'node:crypto';
import {
  describeSnapshotIssues,
  snapshotDocumentSchema,
  type SnapshotCreatedResponse,
  type SnapshotDocument,
  type SnapshotListResponse,
  type SnapshotResponse,
  type StoredSnapshot,
} from '../../../contract';
import type { Db } from '../neo4j/db';
import { hasForeignLabels, resolveIds } from './foreign';
import { HttpError, notFound } from '../errors';
import { checkSnapshotGraph } from './snapshot-graph';

export const SNAPSHOT_LIST_LIMIT = 500;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

export function createSnapshotsRepository(db: Db) {
  async function create(doc: SnapshotDocument, createdBy: string | null = null): Promise<SnapshotCreatedResponse> {
    checkSnapshotGraph(doc.graph);
    const id = randomUUID();
    const created = new Date().toISOString();
    // An imported file's own id and date are replaced: a saved copy is a new snapshot.
    const rest: SnapshotDocument = { ...doc };
    delete rest.id;
    delete rest.created;
    const payload = JSON.stringify(rest);
    await db.query(
      'snapshot-create',
      {
        id,
        title: doc.title,
        created,
        version: doc.version,
        payload,
        nodeCount: doc.graph.nodes.length,
        edgeCount: doc.graph.edges.length,
        createdBy,
      },
      { mode: 'write' },
    );
    return { id, created, url: `/s/${encodeURIComponent(id)}` };
  }

  async function list(): Promise<SnapshotListResponse> {
    const rows = await db.query('snapshot-list', { limit: SNAPSHOT_LIST_LIMIT });
    return {
      snapshots: rows.map((r) => ({
        id: str(r.id),
        title: str(r.title),
        created: str(r.created),
        nodeCount: num(r.nodeCount),
        edgeCount: num(r.edgeCount),
        createdBy: typeof r.createdBy === 'string' ? r.createdBy : null,
      })),
    };
  }

  /** Of the ids given, those that no longer exist (derived nodes and edges are not looked up). */
  async function missing(snapshot: SnapshotDocument): Promise<SnapshotResponse['missing']> {
    const nodeIds = snapshot.graph.nodes.filter((n) => !n.derived).map((n) => n.id);
    const edgeIds = snapshot.graph.edges.filter((e) => !e.derived).map((e) => e.id);
    const [hasNode, edgeRows] = await Promise.all([
      resolveIds(db, nodeIds),
      edgeIds.length ? db.query('snapshot-existing-edges', { ids: edgeIds }) : [],
    ]);
    const hasEdge = new Set(edgeRows.map((r) => str(r.id)));
    // The seeks above know Parley's labels; on a foreign database, look for the rest the slow way.
    const lostEdges = edgeIds.filter((id) => !hasEdge.has(id));
    if (lostEdges.length > 0 && (await hasForeignLabels(db))) {
      for (const r of await db.query('snapshot-existing-edges-any', { ids: lostEdges })) hasEdge.add(str(r.id));
    }
    return { nodes: nodeIds.filter((id) => !hasNode.has(id)), edges: edgeIds.filter((id) => !hasEdge.has(id)) };
  }

  async function get(id: string): Promise<SnapshotResponse> {
    const [row] = await db.query('snapshot-get', { id });
    if (!row) throw notFound(`No snapshot has the id "${id}"; GET /api/snapshots lists the saved ones.`);
    let payload: unknown;
    try {
      payload = JSON.parse(str(row.payload));
    } catch {
      throw new HttpError(
        422,
        'snapshot_corrupt',
        `Snapshot "${id}" is stored with an unreadable payload; delete it and save it again.`,
      );
    }
    // Checked against the format on the way out too, so a payload changed in the database is a clear 422.
    const parsed = snapshotDocumentSchema.safeParse(payload);
    if (!parsed.success) {
      throw new HttpError(
        422,
        'snapshot_corrupt',
        `Snapshot "${id}" is stored in a form this Parley cannot read (${describeSnapshotIssues(parsed.error, 3)}); ` +
          'delete it and save it again.',
      );
    }
    const doc: SnapshotDocument = parsed.data;
    const snapshot: StoredSnapshot = { ...doc, id: str(row.id), created: str(row.created) };
    return { snapshot, missing: await missing(snapshot) };
  }

  async function remove(id: string): Promise<void> {
    const [row] = await db.query('snapshot-delete', { id }, { mode: 'write' });
    if (!row || num(row.deleted) === 0) {
      throw notFound(`No snapshot has the id "${id}"; nothing was deleted.`);
    }
  }

  return { create, list, get, remove, missing };
}

export type SnapshotsRepository = ReturnType<typeof createSnapshotsRepository>;
