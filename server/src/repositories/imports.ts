/**
 * (Over 400 lines with Prettier's wrapping: the writer and its undo belong together, since every record a batch
 * writes is one the rollback reads.)
 *
 * The import writer: the database side of the import engine (server/src/import/). Each batch is its own write
 * transaction that reads what is stored, decides with the engine's pure rules (import/merge.ts) and writes;
 * in the same transaction it records what it created (a ParleyCreated node: ids per label, relationship keys)
 * and the stored values of what it changed (a ParleyPreImage node), so that `rollback` can put the database
 * back as it was, whether
 * the import failed half-way, was killed, or is undone later. Labels and types are validated and escaped.
 */
import type { Db, Row, Tx } from '../neo4j/db';
import { escapeName } from '../neo4j/names';
import { planNode, planRelationship, type Change, type ConflictRule, type StoredItem } from '../import/merge';
import type { ImportNode, ImportRelationship } from '../import/model';
import { relationshipKey } from '../import/model';

export interface NodeRef {
  id: string;
  labels: string[];
}

/**
 * How a batch is written. `dry`: in a transaction rolled back at the end (the warm-up's). `fresh`: nothing of
 * the batch can be stored yet, so nothing is read first (nodes: `nodesIn`; relationships: `newRelationshipsIn`).
 */
export interface WriteOptions {
  dry?: boolean;
  fresh?: boolean;
}

/** A batch of relationships between nodes of one pair of labels, as the two relationship writers take it. */
interface RelationshipBatch {
  importId: string;
  sourceLabel: string;
  targetLabel: string;
  rels: readonly ImportRelationship[];
  rule: ConflictRule;
}

export interface BatchResult {
  changes: { key: string; change: Change }[];
}

export interface ImportRecord {
  id: string;
  status: string;
  files: string[];
  by: string | null;
  rule: string;
  startedAt: string;
  finishedAt: string | null;
  done: number;
  total: number;
  counts: unknown;
  error: string | null;
}

const INTERNAL = new Set(['ParleyInternal', 'ParleyImport', 'ParleyPreImage', 'ParleyCreated', 'Snapshot']);

const now = () => new Date().toISOString();

function toRecord(r: Row): ImportRecord {
  let counts: unknown = null;
  if (typeof r.counts === 'string') {
    try {
      counts = JSON.parse(r.counts);
    } catch {
      counts = null;
    }
  }
  return {
    id: String(r.id),
    status: String(r.status),
    files: Array.isArray(r.files) ? r.files.map(String) : [],
    by: typeof r.by === 'string' ? r.by : null,
    rule: String(r.rule ?? 'keep'),
    startedAt: String(r.startedAt ?? ''),
    finishedAt: typeof r.finishedAt === 'string' ? r.finishedAt : null,
    done: typeof r.done === 'number' ? r.done : 0,
    total: typeof r.total === 'number' ? r.total : 0,
    counts,
    error: typeof r.error === 'string' ? r.error : null,
  };
}

/** Parley's own labels and the pairs of end labels its model relates (README "Data model"), for `warmUp`. */
const MODEL_LABELS = ['Source', 'Person', 'Agency', 'Meeting', 'Issue', 'Place'];
const MODEL_PAIRS: [string, string][] = [
  ['Person', 'Agency'],
  ['Person', 'Meeting'],
  ['Agency', 'Meeting'],
  ['Meeting', 'Place'],
  ['Meeting', 'Meeting'],
  ['Meeting', 'Issue'],
  ['Agency', 'Issue'],
  ['Person', 'Person'],
];

/** thrown at the end of a dry batch (the warm-up's) so that its transaction is rolled back */
class RolledBack extends Error {
  constructor(readonly result: BatchResult) {
    super('rolled back on purpose');
  }
}

/** A dry batch answers no changes, whatever its transaction ended with (the driver wraps what it throws). */
async function rolledBackIf(dry: boolean, work: () => Promise<BatchResult>): Promise<BatchResult> {
  if (!dry) return work();
  return work().catch(() => ({ changes: [] }));
}

/**
 * The read of stored nodes by id, for one label: the writer's first statement and the database check's look-up
 * (`findNodes`) alike, so that one plan per label serves both and `warmUp` plans it for both.
 */
const readNodesText = (label: string) =>
  `MATCH (n:${escapeName(label)}) WHERE n.id IN $ids RETURN n.id AS id, elementId(n) AS eid, labels(n) AS labels, properties(n) AS props`;

/**
 * A batch that created fewer relationships than it was given fails (and its transaction leaves nothing): an end
 * was deleted since the check, or (a first load's batch, `newRelationshipsIn`) an end id is on two stored nodes
 * or the relationship was stored since the check.
 */
function lostEnds(expected: number, res: Row[], fresh = false) {
  const n = Number(res[0]?.n ?? 0);
  if (n === expected) return;
  throw new Error(
    fresh
      ? `import: ${expected - n} relationship(s) lost an end node while writing, found an end id on two stored nodes, or were stored since the check (by another import, or a file changed between the passes); nothing of this batch was kept`
      : `import: ${expected - n} relationship(s) lost an end node while writing; nothing of this batch was kept`,
  );
}

export function createImportsRepository(db: Db) {
  /** labels that hold Parley-addressable nodes (everything but Parley's bookkeeping) */
  async function dataLabels(): Promise<string[]> {
    const rows = await db.query('CALL db.labels() YIELD label RETURN label');
    // every `Parley…` label is Parley's bookkeeping (import/names.ts refuses them in files)
    return rows.map((r) => String(r.label)).filter((l) => !INTERNAL.has(l) && !l.startsWith('Parley'));
  }

  /** true when the database holds a node that is not Parley's bookkeeping (`count-entities`: the count store) */
  async function hasData(): Promise<boolean> {
    const [row] = await db.query('count-entities');
    return row?.count !== 0;
  }

  /** Stored nodes by id (any label), with their labels and properties. Read-only. */
  async function findNodes(ids: readonly string[]): Promise<Map<string, StoredItem>> {
    const out = new Map<string, StoredItem>();
    if (ids.length === 0) return out;
    for (const label of await dataLabels()) {
      for (let i = 0; i < ids.length; i += 10_000) {
        const rows = await db.query(readNodesText(label), { ids: ids.slice(i, i + 10_000) });
        for (const r of rows) {
          if (out.has(String(r.id))) continue;
          out.set(String(r.id), {
            labels: (r.labels as string[]) ?? [],
            properties: (r.props ?? {}) as Record<string, unknown>,
          });
        }
      }
    }
    return out;
  }

  /**
   * The stored relationships of a batch (by key), and the element ids of every row's two ends, so that the
   * writes after it find them by element id: those statements name no label and are planned once for every
   * label (planning a statement costs 0.4–1.7 s on a cold JVM here; see README "Performance").
   */
  async function readRelationships(
    run: Tx['run'],
    sourceLabel: string,
    targetLabel: string,
    rels: readonly ImportRelationship[],
  ): Promise<Map<string, StoredItem & { a: string; b: string; found: boolean }>> {
    const rows = await run(
      `UNWIND $rows AS row
       MATCH (a:${escapeName(sourceLabel)} {id: row.source})
       MATCH (b:${escapeName(targetLabel)} {id: row.target})
       CALL (a, b, row) {
         OPTIONAL MATCH (a)-[r]->(x) WHERE x = b AND type(r) = row.type AND r.id = row.key
         RETURN properties(r) AS props LIMIT 1
       }
       RETURN row.key AS key, elementId(a) AS a, elementId(b) AS b, props`,
      { rows: rels.map((r) => ({ source: r.source, target: r.target, type: r.type, key: relationshipKey(r) })) },
    );
    const out = new Map<string, StoredItem & { a: string; b: string; found: boolean }>();
    for (const r of rows) {
      const key = String(r.key);
      if (out.get(key)?.found) continue;
      out.set(key, {
        properties: (r.props ?? {}) as Record<string, unknown>,
        a: String(r.a),
        b: String(r.b),
        found: r.props !== null && r.props !== undefined,
      });
    }
    return out;
  }

  /** Stored relationships of one pair of end labels, by their key. Read-only. */
  async function findRelationships(sourceLabel: string, targetLabel: string, rels: readonly ImportRelationship[]) {
    const all = await db.transaction((tx) => readRelationships(tx.run, sourceLabel, targetLabel, rels));
    return new Map([...all].filter(([, v]) => v.found).map(([k, v]) => [k, { properties: v.properties }]));
  }

  async function existingSourceTexts(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.query('import-existing-sources', { ids });
    return new Map(rows.map((r) => [String(r.id), String(r.text ?? '')]));
  }

  /** A uniqueness constraint on `id` for each label, so that MERGE and lookups use an index (schema, not undone). */
  async function ensureIdConstraints(labels: readonly string[]): Promise<void> {
    const rows = await db.query(
      "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' AND properties = ['id'] RETURN labelsOrTypes",
    );
    const have = new Set(rows.flatMap((r) => (Array.isArray(r.labelsOrTypes) ? r.labelsOrTypes.map(String) : [])));
    for (const label of labels) {
      if (have.has(label)) continue;
      try {
        await db.query(
          `CREATE CONSTRAINT IF NOT EXISTS FOR (n:${escapeName(label)}) REQUIRE n.id IS UNIQUE`,
          {},
          { mode: 'write' },
        );
      } catch {
        // an existing database may hold duplicate ids under this label: lookups then scan the label instead
      }
    }
  }

  async function begin(id: string, files: string[], by: string | null, rule: ConflictRule, total: number) {
    await db.query('import-create', { id, files, by, rule, now: now(), total }, { mode: 'write' });
  }

  async function progress(id: string, done: number) {
    await db.query('import-progress', { id, done, now: now() }, { mode: 'write' });
  }

  async function finish(id: string, status: string, counts: unknown, error: string | null) {
    await db.query(
      'import-finish',
      { id, status, now: now(), counts: counts === null ? null : JSON.stringify(counts), error },
      { mode: 'write' },
    );
  }

  /**
   * A batch of nodes of one (first) label, written in the caller's transaction. `fresh`: the import was checked
   * against a database that held none of its node ids (engine.ts), so nothing is read and every node is created;
   * a node with one of those ids written since by someone else makes the CREATE fail on the label's uniqueness
   * constraint, and the import is undone.
   */
  async function nodesIn(
    run: Tx['run'],
    importId: string,
    label: string,
    nodes: readonly ImportNode[],
    rule: ConflictRule,
    fresh = false,
  ): Promise<BatchResult> {
    const rows = fresh ? [] : await run(readNodesText(label), { ids: nodes.map((n) => n.id) });
    const stored = new Map(
      rows.map((r) => [
        String(r.id),
        {
          labels: r.labels as string[],
          properties: (r.props ?? {}) as Record<string, unknown>,
          eid: String(r.eid),
        },
      ]),
    );
    const changes = nodes.map((n) => ({ key: n.id, change: planNode(stored.get(n.id) ?? null, n, rule) }));
    const created = changes.filter((c) => c.change.outcome === 'created');
    const updated = changes.filter((c) => c.change.outcome === 'updated');
    if (updated.length > 0) {
      await run(
        `UNWIND $rows AS row
       CREATE (:ParleyInternal:ParleyPreImage {importId: $importId, kind: 'node', label: $label, itemId: row.id,
               before: row.before, addedLabels: row.addLabels})`,
        {
          importId,
          label,
          rows: updated.map((c) => ({
            id: c.key,
            before: JSON.stringify(c.change.before),
            addLabels: c.change.addLabels,
          })),
        },
      );
      await run(
        `UNWIND $rows AS row
       MATCH (n) WHERE elementId(n) = row.eid
       SET n += row.set
       SET n:$(row.addLabels)`,
        {
          rows: updated.map((c) => ({
            eid: stored.get(c.key)!.eid,
            set: c.change.set,
            addLabels: c.change.addLabels,
          })),
        },
      );
    }
    if (created.length > 0) {
      await run(
        `CREATE (:ParleyInternal:ParleyCreated {importId: $importId, kind: 'node', label: $label, ids: $ids})`,
        { importId, label, ids: created.map((c) => c.key) },
      );
      await run(
        `UNWIND $rows AS row
       CREATE (n:$(row.labels))
       SET n = row.set`,
        { rows: created.map((c) => ({ set: c.change.set, labels: [label, ...c.change.addLabels] })) },
      );
    }
    return { changes };
  }

  /** One batch of nodes of one (first) label, in one transaction (`fresh`: see `nodesIn`). */
  async function writeNodes(
    importId: string,
    label: string,
    nodes: readonly ImportNode[],
    rule: ConflictRule,
    { dry = false, fresh = false }: WriteOptions = {},
  ): Promise<BatchResult> {
    escapeName(label);
    for (const n of nodes) for (const l of n.labels) escapeName(l); // throws on a bad name, before writing
    return rolledBackIf(dry, () =>
      db.transaction(
        async (tx) => {
          const result = await nodesIn(tx.run, importId, label, nodes, rule, fresh);
          if (dry) throw new RolledBack(result);
          return result;
        },
        { mode: 'write', timeoutMs: 300_000 },
      ),
    );
  }

  /**
   * A batch of relationships written in the caller's transaction: what is stored read first, then each
   * relationship created or updated by the rule (`newRelationshipsIn` when none of them can be stored yet).
   */
  async function relationshipsIn(run: Tx['run'], batch: RelationshipBatch): Promise<BatchResult> {
    const { importId, sourceLabel, targetLabel, rels, rule } = batch;
    const stored = await readRelationships(run, sourceLabel, targetLabel, rels);
    const changes = rels.map((r) => ({
      key: relationshipKey(r),
      rel: r,
      change: planRelationship(stored.get(relationshipKey(r))?.found ? stored.get(relationshipKey(r))! : null, r, rule),
    }));
    const updated = changes.filter((c) => c.change.outcome === 'updated');
    const created = changes.filter((c) => c.change.outcome === 'created');
    if (updated.length > 0) {
      await run(
        `UNWIND $rows AS row
       CREATE (:ParleyInternal:ParleyPreImage {importId: $importId, kind: 'relationship', itemId: row.key, type: row.type,
               source: row.source, sourceLabel: $sourceLabel, target: row.target, targetLabel: $targetLabel,
               before: row.before, addedLabels: []})`,
        {
          importId,
          sourceLabel,
          targetLabel,
          rows: updated.map((c) => ({
            key: c.key,
            type: c.rel.type,
            source: c.rel.source,
            target: c.rel.target,
            before: JSON.stringify(c.change.before),
          })),
        },
      );
      await run(
        `UNWIND $rows AS row
       MATCH (a) WHERE elementId(a) = row.a
       MATCH (b) WHERE elementId(b) = row.b
       MATCH (a)-[r]->(x) WHERE x = b AND type(r) = row.type AND r.id = row.key
       SET r += row.set`,
        {
          rows: updated.map((c) => ({
            key: c.key,
            type: c.rel.type,
            a: stored.get(c.key)!.a,
            b: stored.get(c.key)!.b,
            set: c.change.set,
          })),
        },
      );
    }
    if (created.length > 0) {
      await recordCreated(run, batch, created);
      const res = await run(
        `UNWIND $rows AS row
       MATCH (a) WHERE elementId(a) = row.a
       MATCH (b) WHERE elementId(b) = row.b
       CREATE (a)-[r:$(row.type)]->(b)
       SET r = row.set
       RETURN count(r) AS n`,
        {
          rows: created.map((c) => ({
            type: c.rel.type,
            a: stored.get(c.key)?.a ?? null,
            b: stored.get(c.key)?.b ?? null,
            set: c.change.set,
          })),
        },
      );
      lostEnds(created.length, res);
    }
    return { changes: changes.map(({ key, change }) => ({ key, change })) };
  }

  /** What rollback reads to delete the relationships a batch created (import-created.cypher). */
  async function recordCreated(
    run: Tx['run'],
    { importId, sourceLabel, targetLabel }: RelationshipBatch,
    created: readonly { key: string; rel: ImportRelationship }[],
  ) {
    const rows = created.map((c) => ({ key: c.key, type: c.rel.type, source: c.rel.source, target: c.rel.target }));
    await run(
      `CREATE (:ParleyInternal:ParleyCreated {importId: $importId, kind: 'relationship', sourceLabel: $sourceLabel,
             targetLabel: $targetLabel, rows: $rows})`,
      { importId, sourceLabel, targetLabel, rows: JSON.stringify(rows) },
    );
  }

  /**
   * `relationshipsIn` when none of `rels` can be stored yet: no read, one statement. Each row is created only
   * when its two ids find exactly one pair of nodes and no relationship with its key links them: what the check
   * pass saw can have changed since (another import writing the same relationship, a file edited between the
   * passes, a node deleted), and then the batch fails and the import is undone rather than writing a duplicate.
   */
  async function newRelationshipsIn(run: Tx['run'], batch: RelationshipBatch): Promise<BatchResult> {
    const { sourceLabel, targetLabel, rels, rule } = batch;
    const changes = rels.map((r) => ({ key: relationshipKey(r), rel: r, change: planRelationship(null, r, rule) }));
    await recordCreated(run, batch, changes);
    const res = await run(
      `UNWIND $rows AS row
       CALL (row) {
         MATCH (a:${escapeName(sourceLabel)} {id: row.source})
         MATCH (b:${escapeName(targetLabel)} {id: row.target})
         WHERE NOT EXISTS { MATCH (a)-[x]->(y) WHERE y = b AND type(x) = row.type AND x.id = row.key }
         RETURN collect([a, b]) AS ends
       }
       WITH row, ends WHERE size(ends) = 1
       WITH row, ends[0][0] AS a, ends[0][1] AS b
       CREATE (a)-[r:$(row.type)]->(b)
       SET r = row.set
       RETURN count(r) AS n`,
      {
        rows: changes.map((c) => ({
          key: c.key,
          source: c.rel.source,
          target: c.rel.target,
          type: c.rel.type,
          set: c.change.set,
        })),
      },
    );
    lostEnds(changes.length, res, true);
    return { changes: changes.map(({ key, change }) => ({ key, change })) };
  }

  /** One batch of relationships between nodes of one pair of labels, in one transaction. */
  async function writeRelationships(
    importId: string,
    sourceLabel: string,
    targetLabel: string,
    rels: readonly ImportRelationship[],
    rule: ConflictRule,
    { dry = false, fresh = false }: WriteOptions = {},
  ): Promise<BatchResult> {
    for (const l of [sourceLabel, targetLabel]) escapeName(l); // throws on a bad name, before writing
    for (const r of rels) escapeName(r.type);
    return rolledBackIf(dry, () =>
      db.transaction(
        async (tx) => {
          // fresh (none of them can be stored yet: import/stream.ts, `pushRels`): nothing read first
          const write = fresh ? newRelationshipsIn : relationshipsIn;
          const result = await write(tx.run, { importId, sourceLabel, targetLabel, rels, rule });
          if (dry) throw new RolledBack(result);
          return result;
        },
        { mode: 'write', timeoutMs: 300_000 },
      ),
    );
  }

  /**
   * The import's statements planned and run once, in transactions rolled back, so that the first user import
   * does not pay for it: on a cold JVM each new statement costs 0.4–1.7 s to plan on these machines, and a
   * fresh import plans about five per label and two per pair of end labels (README "Performance"), besides the
   * database check's, the constraint check's and the import record's, which were left to the first load until a
   * profile showed them costing it 1.1 s cold. Labels and pairs given are Parley's own model; the statements
   * that name no label serve every label. Never throws.
   */
  async function warmUp(
    labels: readonly string[] = MODEL_LABELS,
    pairs: readonly (readonly [string, string])[] = MODEL_PAIRS,
  ): Promise<number> {
    const t0 = performance.now();
    const probe = '\u0000parley-warm-up';
    // what an import runs besides its batches, each planned and run once as well: the database check (labels,
    // source texts), the constraint check and the import record (written, then rolled back)
    await hasData().catch(() => {});
    await dataLabels().catch(() => {});
    await existingSourceTexts([probe]).catch(() => {});
    await ensureIdConstraints([]).catch(() => {});
    await rolledBackIf(true, () =>
      db.transaction(
        async (tx) => {
          const at = { id: probe, now: now() };
          await tx.run('import-create', { ...at, files: [], by: null, rule: 'keep', total: 0 });
          await tx.run('import-progress', { ...at, done: 0 });
          await tx.run('import-finish', { ...at, status: 'committed', counts: null, error: null });
          throw new RolledBack({ changes: [] });
        },
        { mode: 'write' },
      ),
    );
    for (const label of labels) {
      const n: ImportNode = {
        id: probe,
        labels: [label],
        name: 'warm-up',
        aliases: [],
        description: null,
        properties: {},
        at: { file: '' },
      };
      await writeNodes(probe, label, [n], 'keep', { dry: true }).catch(() => {});
    }
    for (const [a, b] of pairs) {
      const r: ImportRelationship = {
        type: 'PARLEY_WARM_UP',
        source: probe,
        target: probe,
        properties: {},
        evidence: [],
        inferred: false,
        inferenceReason: null,
        at: { file: '' },
      };
      await writeRelationships(probe, a, b, [r], 'keep', { dry: true }).catch(() => {});
      // a first load's relationships (fresh: no read before the write)
      await writeRelationships(probe, a, b, [r], 'keep', { dry: true, fresh: true }).catch(() => {});
    }
    return Math.round(performance.now() - t0);
  }

  /**
   * Puts the database back as it was before the import: stored values restored from the pre-images, then what
   * the import created removed. Every step can run again (a rollback killed half-way is finished by the next).
   */
  async function undoCreatedRelationships(importId: string): Promise<void> {
    for (;;) {
      const recs = await db.query('import-created', { importId, kind: 'relationship', limit: 20 });
      if (recs.length === 0) return;
      await db.transaction(
        async (tx) => {
          for (const c of recs) {
            await tx.run(
              `UNWIND $rows AS row
               MATCH (a:${escapeName(String(c.sourceLabel))} {id: row.source})
               MATCH (b:${escapeName(String(c.targetLabel))} {id: row.target})
               MATCH (a)-[r]->(x)
               WHERE x = b AND type(r) = row.type AND r.id = row.key
               DELETE r`,
              { rows: JSON.parse(String(c.rows)) as unknown[] },
            );
          }
          await tx.run('import-delete-records', { pids: recs.map((c) => c.pid) });
        },
        { mode: 'write', timeoutMs: 300_000 },
      );
    }
  }

  async function undoCreatedNodes(importId: string): Promise<void> {
    for (;;) {
      const recs = await db.query('import-created', { importId, kind: 'node', limit: 20 });
      if (recs.length === 0) return;
      await db.transaction(
        async (tx) => {
          for (const c of recs) {
            await tx.run(`MATCH (n:${escapeName(String(c.label))}) WHERE n.id IN $ids DETACH DELETE n`, { ids: c.ids });
          }
          await tx.run('import-delete-records', { pids: recs.map((c) => c.pid) });
        },
        { mode: 'write', timeoutMs: 300_000 },
      );
    }
  }

  async function restorePreImages(importId: string): Promise<void> {
    for (;;) {
      const pre = await db.query('import-preimages', { importId, limit: 1000 });
      if (pre.length === 0) return;
      await db.transaction(
        async (tx) => {
          for (const p of pre) {
            const before = JSON.parse(String(p.before)) as Record<string, unknown>;
            if (p.kind === 'node') {
              await tx.run(
                `MATCH (n:${escapeName(String(p.label))} {id: $id}) SET n += $before REMOVE n:$($addedLabels)`,
                {
                  id: p.itemId,
                  before,
                  addedLabels: (p.addedLabels as string[]) ?? [],
                },
              );
            } else {
              await tx.run(
                `MATCH (a:${escapeName(String(p.sourceLabel))} {id: $source})
                 MATCH (b:${escapeName(String(p.targetLabel))} {id: $target})
                 MATCH (a)-[r]->(x)
                 WHERE x = b AND type(r) = $type AND r.id = $key
                 SET r += $before`,
                { source: p.source, target: p.target, type: p.type, key: p.itemId, before },
              );
            }
          }
          await tx.run('import-delete-records', { pids: pre.map((p) => p.pid) });
        },
        { mode: 'write', timeoutMs: 300_000 },
      );
    }
  }

  /**
   * Puts the database back as it was before the import: the relationships it created removed, the stored
   * values it changed restored from the pre-images, the nodes it created removed. Each record is undone and
   * dropped in one transaction, so a rollback killed half-way is finished by the next one.
   */
  async function rollback(importId: string, finalStatus: 'failed' | 'undone', error: string | null): Promise<void> {
    await db.query(
      'import-finish',
      { id: importId, status: 'rolling-back', now: now(), counts: null, error },
      { mode: 'write' },
    );
    await undoCreatedRelationships(importId);
    await restorePreImages(importId);
    await undoCreatedNodes(importId);
    await finish(importId, finalStatus, null, error);
  }

  async function list(limit = 100): Promise<ImportRecord[]> {
    return (await db.query('import-list', { limit })).map(toRecord);
  }

  async function get(id: string): Promise<ImportRecord | null> {
    const [row] = await db.query('import-get', { id });
    return row ? toRecord(row) : null;
  }

  /** Imports whose process died (still running, no heartbeat for `staleMs`), oldest first. */
  async function stale(staleMs: number): Promise<string[]> {
    const before = new Date(Date.now() - staleMs).toISOString();
    return (await db.query('import-stale', { before })).map((r) => String(r.id));
  }

  return {
    dataLabels,
    hasData,
    findNodes,
    findRelationships,
    existingSourceTexts,
    ensureIdConstraints,
    begin,
    progress,
    finish,
    writeNodes,
    writeRelationships,
    rollback,
    warmUp,
    list,
    get,
    stale,
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
