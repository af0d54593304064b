/**
 * Duplicates in Neo4j: candidates (read the label's nodes, let the pure finder block and score them), "not the
 * same" records, and merges with their undo. A merge and an undo each run in one write transaction that locks
 * the nodes, reads their state, checks everything it needs before writing, then writes; a check that fails
 * answers 4xx with nothing written. The merge record (a ParleyMerge node) keeps the plan, so an undo can put
 * back exactly what the merge changed; the merged node itself is kept as a ParleyMergedAway tombstone (no
 * labels, no relationships, its properties and element id untouched) until the merge is undone.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Row, Tx } from '../neo4j/db';
import { isPlainNode, isPlainRelationship, type Plain, type PlainNode } from '../neo4j/convert';
import { HttpError, notFound } from '../errors';
import { findDuplicates, findDuplicatesFor, pairKey, type DupNode } from '../duplicates';
import { planMerge, type Json, type MergePlan, type StoredNode, type StoredRel } from '../duplicates/merge-plan';
import type { DismissResponse, DuplicatesResponse, MergeListResponse, MergeRecord } from '../../../contract';
import { displayName, nodeId } from './shape';

/** Nodes read for one candidate search at most. */
export const DUPLICATE_SCAN_LIMIT = 20_000;
export const MERGE_LIST_LIMIT = 500;

export interface Actor {
  /** the reviewer named in the request */
  reviewer: string | null;
  /** the request carried the server's token */
  authenticated: boolean;
  /** the signed-in account (accounts on), else null */
  user: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

function ref(n: PlainNode) {
  return { id: nodeId(n), name: displayName(n.properties, nodeId(n)), labels: n.labels };
}

function stored(n: PlainNode): StoredNode {
  return { elementId: n.elementId, labels: n.labels, properties: n.properties as Record<string, Json> };
}

function storedRels(v: Plain | undefined): StoredRel[] {
  return (Array.isArray(v) ? v : []).filter(isPlainRelationship).map((r) => ({
    elementId: r.elementId,
    type: r.type,
    start: r.startElementId,
    end: r.endElementId,
    properties: r.properties as Record<string, Json>,
  }));
}

const SYSTEM_LABELS = new Set(['Source', 'Snapshot', 'ParleyMerge', 'ParleyDismissal', 'ParleyMergedAway']);

/** The properties a record node stores, back into the API's merge record. */
function toRecord(p: Record<string, Plain>): MergeRecord {
  return {
    id: str(p.id) ?? '',
    at: str(p.at) ?? '',
    by: str(p.by),
    authenticated: p.authenticated === true,
    user: str(p.user),
    status: p.status === 'undone' ? 'undone' : 'merged',
    keep: { id: str(p.keep) ?? '', name: str(p.keepName) ?? '', labels: strs(p.labels) },
    merge: { id: str(p.merge) ?? '', name: str(p.mergeName) ?? '', labels: strs(p.labels) },
    moved: num(p.moved),
    folded: num(p.folded),
    dropped: num(p.dropped),
    aliasesAdded: strs(p.aliasesAdded),
    conflicts: strs(p.conflicts),
    undoneAt: str(p.undoneAt),
    undoneBy: str(p.undoneBy),
  };
}

/** Thrown inside a transaction when a write did not do what the checks promised (rolls everything back). */
class MergeInvariantError extends Error {}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: HttpError };
const fail = <T>(status: number, code: string, message: string): Outcome<T> => ({
  ok: false,
  error: new HttpError(status, code, message),
});

export function createDuplicatesRepository(db: Db) {
  /**
   * The entity nodes of a label (all labels when null) as the pure finder takes them, with their neighbours: what
   * the import preview and the article extractor match new names against (`findDuplicatesFor`, `bestMatch`).
   */
  async function existing(
    label: string | null,
  ): Promise<{ nodes: (DupNode & { ref: ReturnType<typeof ref> })[]; truncated: boolean }> {
    const rows = await db.query('duplicates-nodes', { label, limit: DUPLICATE_SCAN_LIMIT + 1 });
    const nodes: (DupNode & { ref: ReturnType<typeof ref> })[] = [];
    for (const row of rows.slice(0, DUPLICATE_SCAN_LIMIT)) {
      if (!isPlainNode(row.n)) continue;
      const r = ref(row.n);
      nodes.push({
        id: r.id,
        labels: r.labels,
        name: r.name,
        aliases: strs(row.n.properties.aliases),
        properties: { date: row.n.properties.date },
        neighbours: strs(row.neighbours),
        ref: r,
      });
    }
    return { nodes, truncated: rows.length > DUPLICATE_SCAN_LIMIT };
  }

  /** Pairs marked "not the same", as `pairKey`s. */
  async function dismissed(): Promise<Set<string>> {
    const rows = await db.query('duplicates-dismissed');
    return new Set(rows.map((d) => pairKey(str(d.a) ?? '', str(d.b) ?? '')));
  }

  /**
   * The import preview's hook (server/src/import/engine.ts PossibleDuplicates): the stored nodes, of the same
   * label, that the nodes an import would create may duplicate, best first, pairs marked "not the same" left out.
   */
  async function possibleDuplicates(
    incoming: { id: string; name: string | null; aliases: string[]; labels: string[] }[],
  ): Promise<
    {
      incoming: { id: string; name: string | null; labels: string[] };
      existing: { id: string; name: string | null; labels: string[] };
      score: number;
      reasons: string[];
    }[]
  > {
    const named = incoming.filter((n): n is typeof n & { name: string } => typeof n.name === 'string' && n.name !== '');
    if (named.length === 0) return [];
    const [{ nodes }, skip] = await Promise.all([existing(null), dismissed()]);
    return findDuplicatesFor(named, nodes, { perNode: 3 }).flatMap(({ node, matches }) =>
      matches
        .filter((m) => !skip.has(pairKey(node.id, m.node.id)))
        .map((m) => ({
          incoming: { id: node.id, name: node.name, labels: node.labels },
          existing: { id: m.node.id, name: m.node.name, labels: [...m.node.labels] },
          score: m.score,
          reasons: m.reasons.map((r) => r.text),
        })),
    );
  }

  async function candidates(label: string | null, limit: number): Promise<DuplicatesResponse> {
    const [{ nodes, truncated }, skip] = await Promise.all([existing(label), dismissed()]);
    const found = findDuplicates(nodes, { limit, dismissed: skip });
    return {
      candidates: found.map((c) => ({ a: c.a.ref, b: c.b.ref, score: c.score, reasons: c.reasons })),
      scanned: nodes.length,
      truncated,
    };
  }

  /** The live node with this API id, or a 404/409 that says what happened to it. */
  async function live(tx: Tx, id: string, role: string): Promise<Outcome<PlainNode>> {
    const [row] = await tx.run('duplicates-find-live', { id });
    if (row && isPlainNode(row.n)) return { ok: true, value: row.n };
    if (row && isPlainNode(row.mergedInto)) {
      return fail(
        409,
        'already_merged',
        `${role} "${id}" was already merged into "${nodeId(row.mergedInto)}"; use that id, or undo that merge first (GET /api/merges).`,
      );
    }
    return fail(
      404,
      'not_found',
      `${role}: no node has the id "${id}". Use an id from /api/search or /api/duplicates.`,
    );
  }

  async function dismiss(a: string, b: string, actor: Actor): Promise<DismissResponse> {
    if (a === b) throw new HttpError(400, 'same_node', `"a" and "b" are both "${a}": give two different nodes.`);
    const out = await db.transaction(
      async (tx): Promise<Outcome<DismissResponse>> => {
        const na = await live(tx, a, 'a');
        if (!na.ok) return na;
        const nb = await live(tx, b, 'b');
        if (!nb.ok) return nb;
        const [ia, ib] = [nodeId(na.value), nodeId(nb.value)];
        if (ia === ib) return fail(400, 'same_node', `"${a}" and "${b}" are one node.`);
        const [row] = await tx.run('duplicates-dismiss', {
          key: pairKey(ia, ib),
          a: ia < ib ? ia : ib,
          b: ia < ib ? ib : ia,
          at: new Date().toISOString(),
          by: actor.user ?? actor.reviewer,
        });
        return {
          ok: true,
          value: {
            a: str(row?.a) ?? ia,
            b: str(row?.b) ?? ib,
            at: str(row?.at) ?? '',
            by: str(row?.by),
            created: row?.created === true,
          },
        };
      },
      { mode: 'write' },
    );
    if (!out.ok) throw out.error;
    return out.value;
  }

  async function setProps(tx: Tx, rows: { kind: 'node' | 'rel'; elementId: string; set: Record<string, Json> }[]) {
    if (rows.length === 0) return;
    const [r] = await tx.run('duplicates-set-props', { rows });
    if (num(r?.found) !== rows.length) throw new MergeInvariantError('a node or relationship to update is gone');
  }

  async function merge(keepId: string, mergeId: string, actor: Actor): Promise<MergeRecord> {
    if (keepId === mergeId) {
      throw new HttpError(400, 'same_node', `"keep" and "merge" are both "${keepId}": give two different nodes.`);
    }
    const out = await db.transaction(
      async (tx): Promise<Outcome<MergeRecord>> => {
        const k = await live(tx, keepId, 'keep');
        if (!k.ok) return k;
        const m = await live(tx, mergeId, 'merge');
        if (!m.ok) return m;
        const [K, M] = [k.value, m.value];
        if (K.elementId === M.elementId) return fail(400, 'same_node', `"${keepId}" and "${mergeId}" are one node.`);
        const system = [...K.labels, ...M.labels].find((l) => SYSTEM_LABELS.has(l));
        if (system) return fail(400, 'not_mergeable', `${system} nodes cannot be merged; merge people, agencies, …`);
        if ([...K.labels].sort().join(':') !== [...M.labels].sort().join(':')) {
          return fail(
            400,
            'different_labels',
            `"${keepId}" is ${K.labels.join(':') || 'unlabelled'} but "${mergeId}" is ${M.labels.join(':') || 'unlabelled'}: only nodes with the same labels can be merged.`,
          );
        }
        await tx.run('duplicates-lock', { ids: [K.elementId, M.elementId] });
        const [state] = await tx.run('duplicates-state', { keep: K.elementId, merge: M.elementId });
        if (!state || !isPlainNode(state.k) || !isPlainNode(state.m)) throw new MergeInvariantError('nodes vanished');
        const keep = stored(state.k);
        const gone = stored(state.m);
        const plan = planMerge(keep, gone, storedRels(state.rels));

        await tx.run('duplicates-delete-rels', { ids: plan.mergedRels.map((r) => r.elementId) });
        const created = plan.create.length
          ? await tx.run('duplicates-create-rels', { rows: plan.create })
          : ([] as Row[]);
        if (created.length !== plan.create.length) throw new MergeInvariantError('a relationship end is gone');
        const changeMap = (cs: MergePlan['keepChanges']) => Object.fromEntries(cs.map((c) => [c.key, c.after]));
        await setProps(tx, [
          ...plan.update.map((u) => ({ kind: 'rel' as const, elementId: u.elementId, set: changeMap(u.changes) })),
          { kind: 'node', elementId: keep.elementId, set: changeMap(plan.keepChanges) },
        ]);
        await tx.run('duplicates-retire', { elementId: gone.elementId, labels: gone.labels });

        const before = new Set(strs(keep.properties.aliases));
        const aliasesAfter = plan.keepChanges.find((c) => c.key === 'aliases')?.after;
        const record = {
          id: `merge-${randomUUID()}`,
          at: new Date().toISOString(),
          by: actor.reviewer,
          authenticated: actor.authenticated,
          user: actor.user,
          status: 'merged',
          keep: plan.keepId,
          merge: plan.mergeId,
          keepName: displayName(keep.properties, plan.keepId),
          mergeName: displayName(gone.properties, plan.mergeId),
          labels: keep.labels,
          keepElementId: keep.elementId,
          mergeElementId: gone.elementId,
          moved: plan.create.reduce((n, c) => n + c.from.length, 0),
          folded: plan.update.reduce((n, u) => n + u.from.length, 0),
          dropped: plan.dropped.length,
          aliasesAdded: strs(aliasesAfter).filter((a) => !before.has(a)),
          conflicts: Object.keys(JSON.parse(str(changeMap(plan.keepChanges).mergedValues) ?? '{}') as object),
          plan: JSON.stringify(plan),
          createdRels: created.map((r) => str(r.elementId) ?? ''),
        };
        const [row] = await tx.run('merge-create', { record });
        if (!row || !isPlainNode(row.r)) throw new MergeInvariantError('the merge record was not stored');
        return { ok: true, value: toRecord(row.r.properties) };
      },
      { mode: 'write' },
    );
    if (!out.ok) throw out.error;
    return out.value;
  }

  async function list(): Promise<MergeListResponse> {
    const rows = await db.query('merge-list', { limit: MERGE_LIST_LIMIT });
    return { merges: rows.map((r) => toRecord((r.r ?? {}) as Record<string, Plain>)) };
  }

  /** Undoes one merge, putting back exactly what it changed (see the module comment); 409 when it cannot. */
  async function undo(id: string, actor: Actor): Promise<MergeRecord> {
    const out = await db.transaction(
      async (tx): Promise<Outcome<MergeRecord>> => {
        const [row] = await tx.run('merge-get', { id });
        if (!row || !isPlainNode(row.r))
          return fail(404, 'not_found', `No merge has the id "${id}"; GET /api/merges lists them.`);
        const rec = row.r.properties;
        if (rec.status === 'undone')
          return fail(409, 'already_undone', `Merge "${id}" was already undone at ${str(rec.undoneAt)}.`);
        const plan = JSON.parse(str(rec.plan) ?? '{}') as MergePlan;
        const createdRels = strs(rec.createdRels);
        const K = str(rec.keepElementId) ?? '';
        const M = str(rec.mergeElementId) ?? '';
        const labels = strs(rec.labels);
        const changed = (what: string): Outcome<MergeRecord> => ({
          ok: false,
          error: new HttpError(409, 'graph_changed', `Merge "${id}" cannot be undone: ${what}`),
        });
        const later = await tx.run('merge-later', { at: str(rec.at) ?? '', ids: [plan.keepId, plan.mergeId] });
        if (later.length > 0) {
          return changed(
            `later merges involve the same nodes; undo them first (${later.map((r) => str(r.id)).join(', ')}).`,
          );
        }
        const ends = new Set(plan.mergedRels.flatMap((r) => [r.start, r.end]));
        ends.add(K).add(M);
        const [locked] = await tx.run('duplicates-lock', { ids: [...ends] });
        if (num(locked?.locked) !== ends.size) return changed('a node it touched has been deleted since.');
        const [tomb] = await tx.run('duplicates-tombstone', { elementId: M, id: plan.mergeId });
        if (!tomb || !isPlainNode(tomb.m)) return changed('the merged node’s tombstone is gone.');
        if (num(tomb.clashes) > 0) return changed(`another node now has the id "${plan.mergeId}".`);
        const [state] = await tx.run('duplicates-state', { keep: K, merge: M });
        if (!state || !isPlainNode(state.k)) return changed(`the kept node "${plan.keepId}" is gone.`);
        const kp = state.k.properties;
        const moved = plan.keepChanges.find((c) => !same(kp[c.key], c.after));
        if (moved) return changed(`"${plan.keepId}".${moved.key} was changed after the merge.`);
        const rels = new Map(storedRels(state.rels).map((r) => [r.elementId, r]));
        const createdOk = plan.create.every((c, i) => same(rels.get(createdRels[i] ?? '')?.properties, c.properties));
        const updatedOk = plan.update.every((u) =>
          u.changes.every((c) => same(rels.get(u.elementId)?.properties[c.key], c.after)),
        );
        if (!createdOk || !updatedOk) return changed('relationships it moved were changed or deleted after the merge.');

        await tx.run('duplicates-delete-rels', { ids: createdRels });
        const restore = (cs: MergePlan['keepChanges']) =>
          Object.fromEntries(cs.map((c) => [c.key, c.hadBefore ? c.before : null]));
        await setProps(tx, [
          ...plan.update.map((u) => ({ kind: 'rel' as const, elementId: u.elementId, set: restore(u.changes) })),
          { kind: 'node', elementId: K, set: restore(plan.keepChanges) },
        ]);
        const [revived] = await tx.run('duplicates-revive', { elementId: M, labels });
        if (!revived) throw new MergeInvariantError('the tombstone could not be revived');
        if (plan.mergedRels.length > 0) {
          const back = await tx.run('duplicates-create-rels', { rows: plan.mergedRels });
          if (back.length !== plan.mergedRels.length) throw new MergeInvariantError('a relationship end is gone');
        }
        const [updated] = await tx.run('merge-set', {
          id,
          set: { status: 'undone', undoneAt: new Date().toISOString(), undoneBy: actor.user ?? actor.reviewer },
        });
        if (!updated || !isPlainNode(updated.r)) throw new MergeInvariantError('the merge record is gone');
        return { ok: true, value: toRecord(updated.r.properties) };
      },
      { mode: 'write' },
    );
    if (!out.ok) throw out.error;
    return out.value;
  }

  async function get(id: string): Promise<MergeRecord> {
    const [row] = await db.query('merge-get', { id });
    if (!row || !isPlainNode(row.r)) throw notFound(`No merge has the id "${id}"; GET /api/merges lists them.`);
    return toRecord(row.r.properties);
  }

  return { existing, dismissed, possibleDuplicates, candidates, dismiss, merge, list, undo, get };
}

export type DuplicatesRepository = ReturnType<typeof createDuplicatesRepository>;
