/**
 * The import engine, used by `POST /api/imports`, `npm run load` and the seed at start:
 * 1. read and check the files (read.ts; no database);
 * 2. check against the database what the files refer to (ids and sources already there, ids stored under
 *    another label) and plan, per label and type, what will be created, updated, unchanged, in conflict;
 * 3. write in batches, each its own transaction, under an import record (status running → committed); on any
 *    failure the engine undoes what the import did (its creation and pre-image records) and marks it failed.
 *    A process killed half-way leaves the record `running`; `recoverImports` (run at start and by the CLI)
 *    undoes it once its heartbeat is stale.
 */
import { randomUUID } from 'node:crypto';
import { quoteProblem } from '../dataset/schema';
import type { ImportsRepository } from '../repositories/imports';
import { externalIds, describeAt } from './read';
import { foldRelationships, planNode, planRelationship, type Conflict, type ConflictRule } from './merge';
import type { FileSummary, ImportNode, ImportRelationship, ImportSet, Problem } from './model';
import { relationshipKey } from './model';
import { progressAt, type Progress } from './progress';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}
export interface Plan {
  labels: Record<string, Counts>;
  types: Record<string, Counts>;
  /** the first conflicts, for the preview */
  conflicts: Conflict[];
  totals: { nodes: number; relationships: number; sources: number };
}

/** a possible duplicate of a node of the files among the stored nodes (filled by the duplicate finder) */
export interface DuplicateCandidate {
  incoming: { id: string; name: string | null; labels: string[] };
  existing: { id: string; name: string | null; labels: string[] };
  score: number;
  reasons: string[];
}
/**
 * The hook the duplicate finder (server/src/duplicates/) plugs into: given the nodes a preview would create,
 * the stored nodes they may duplicate. Not set = no proposals.
 */
export type PossibleDuplicates = (
  nodes: { id: string; name: string | null; aliases: string[]; labels: string[] }[],
) => Promise<DuplicateCandidate[]>;

export interface Preview {
  ok: boolean;
  problems: Problem[];
  files: FileSummary[];
  plan: Plan | null;
  possibleDuplicates: DuplicateCandidate[];
}

export interface RunOptions {
  rule?: ConflictRule;
  batchSize?: number;
  by?: string | null;
  files?: string[];
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  importId?: string;
}

export interface RunResult {
  id: string;
  status: 'committed' | 'failed';
  plan: Plan;
  ms: number;
  error: string | null;
}

export class ImportInvalidError extends Error {
  override name = 'ImportInvalidError';
  constructor(readonly problems: Problem[]) {
    super(
      `the import is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written):\n` +
        problems.map((p) => `  ${describeAt(p)}: ${p.message}`).join('\n'),
    );
  }
}

export const MAX_CONFLICTS_SHOWN = 100;

/** Source files become `Source` nodes (name, text, outlet, published, description). */
export function sourceNodes(set: Pick<ImportSet, 'sources'>): ImportNode[] {
  return set.sources.map((s) => {
    const properties: ImportNode['properties'] = { text: s.text };
    if (s.outlet !== null) properties.outlet = s.outlet;
    if (s.published !== null) properties.published = s.published;
    return {
      id: s.id,
      labels: ['Source'],
      name: s.name,
      aliases: [],
      description: s.description === '' ? null : s.description,
      properties,
      at: s.at,
    };
  });
}

interface Resolved {
  problems: Problem[];
  nodes: ImportNode[];
  rels: ImportRelationship[];
  /** the first label of every node the relationships touch (from the files or the database) */
  labelOf: Map<string, string>;
  stored: Awaited<ReturnType<ImportsRepository['findNodes']>>;
}

/** Checks against the database what the files refer to. Read-only. */
async function resolve(repo: ImportsRepository, set: ImportSet): Promise<Resolved> {
  const problems: Problem[] = [];
  const nodes = [...sourceNodes(set), ...set.nodes];
  const rels = [...foldRelationships(set.relationships).values()];
  const ext = externalIds(set);
  const stored = await repo.findNodes([...nodes.map((n) => n.id), ...ext.nodes]);
  const labelOf = new Map<string, string>();
  for (const n of nodes) {
    labelOf.set(n.id, n.labels[0]!);
    const s = stored.get(n.id);
    if (s && s.labels && !s.labels.includes(n.labels[0]!)) {
      problems.push({
        ...n.at,
        message: `the id ${JSON.stringify(n.id)} is already in the database as a ${s.labels.join(':')} node, not ${n.labels[0]}: use its label or another id`,
      });
    }
    if (
      s &&
      n.labels[0] === 'Source' &&
      typeof s.properties.text === 'string' &&
      s.properties.text !== n.properties.text
    ) {
      problems.push({
        ...n.at,
        message: `the source ${JSON.stringify(n.id)} is already in the database with a different text: its quotes were checked against that text, so give the new text another id`,
      });
    }
  }
  for (const id of ext.nodes) {
    const s = stored.get(id);
    if (s?.labels?.[0]) labelOf.set(id, s.labels[0]);
  }
  const texts = await repo.existingSourceTexts(ext.sources);
  for (const r of set.relationships) {
    for (const end of [r.source, r.target]) {
      if (!labelOf.has(end)) {
        problems.push({
          ...r.at,
          message: `unknown node id ${JSON.stringify(end)}: neither the files nor the database have a node with this id; add the node or fix the id`,
        });
      }
    }
    for (const e of r.evidence) {
      if (set.sources.some((s) => s.id === e.source)) continue;
      const text = texts.get(e.source);
      if (text === undefined) {
        problems.push({
          ...r.at,
          message: `unknown source ${JSON.stringify(e.source)}: give its text as ${e.source}.txt (or in sources.csv), or use the id of a source already in the database`,
        });
      } else if (!text.includes(e.quote)) {
        problems.push({ ...r.at, message: quoteProblem(e.quote, text, e.source)! });
      }
    }
  }
  return { problems, nodes, rels, labelOf, stored };
}

const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0, conflicts: 0 });

export function groupRels(rels: readonly ImportRelationship[], labelOf: Map<string, string>) {
  const groups = new Map<string, { sourceLabel: string; targetLabel: string; rels: ImportRelationship[] }>();
  for (const r of rels) {
    const sourceLabel = labelOf.get(r.source)!;
    const targetLabel = labelOf.get(r.target)!;
    const k = `${sourceLabel}\u0000${targetLabel}`;
    const g = groups.get(k) ?? { sourceLabel, targetLabel, rels: [] };
    g.rels.push(r);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** Validation, then a dry run against the database: what would happen, per label and type. Writes nothing. */
export async function previewImport(
  repo: ImportsRepository,
  set: ImportSet,
  rule: ConflictRule = 'keep',
  possibleDuplicates?: PossibleDuplicates,
): Promise<Preview> {
  if (set.problems.length > 0)
    return { ok: false, problems: set.problems, files: set.files, plan: null, possibleDuplicates: [] };
  const r = await resolve(repo, set);
  if (r.problems.length > 0)
    return { ok: false, problems: r.problems, files: set.files, plan: null, possibleDuplicates: [] };
  const plan = emptyPlan({ nodes: set.nodes.length, relationships: r.rels.length, sources: set.sources.length });
  const created: ImportNode[] = [];
  for (const n of r.nodes) {
    const c = planNode(r.stored.get(n.id) ?? null, n, rule);
    if (c.outcome === 'created') created.push(n);
    tally(plan, 'labels', n.labels[0]!, c);
  }
  for (const g of groupRels(r.rels, r.labelOf)) {
    const storedRels = await repo.findRelationships(g.sourceLabel, g.targetLabel, g.rels);
    for (const rel of g.rels)
      tally(plan, 'types', rel.type, planRelationship(storedRels.get(relationshipKey(rel)) ?? null, rel, rule));
  }
  const dups = possibleDuplicates
    ? await possibleDuplicates(
        created
          .filter((n) => n.labels[0] !== 'Source')
          .map((n) => ({ id: n.id, name: n.name, aliases: n.aliases, labels: n.labels })),
      )
    : [];
  return { ok: true, problems: [], files: set.files, plan, possibleDuplicates: dups };
}

export function chunk<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * What a write pass hands each batch to: the import's id and rule, the plan it tallies into, and `step`, called
 * after every batch (progress, the heartbeat, a stop request).
 */
export interface Writer {
  id: string;
  rule: ConflictRule;
  plan: Plan;
  writeNodes(label: string, nodes: readonly ImportNode[]): Promise<void>;
  /** `fresh`: none of `rels` can be stored yet (stream.ts, `pushRels`): written without reading first */
  writeRelationships(
    sourceLabel: string,
    targetLabel: string,
    rels: readonly ImportRelationship[],
    fresh?: boolean,
  ): Promise<void>;
}

export function emptyPlan(totals: Plan['totals']): Plan {
  return { labels: {}, types: {}, conflicts: [], totals };
}

/** Adds one item's outcome to the plan (and its first conflicts, for the preview). */
export function tally(plan: Plan, bucket: 'labels' | 'types', key: string, c: ReturnType<typeof planNode>): void {
  const counts = (plan[bucket][key] ??= zero());
  counts[c.outcome]++;
  if (c.conflicts.length > 0) counts.conflicts++;
  for (const x of c.conflicts) if (plan.conflicts.length < MAX_CONFLICTS_SHOWN) plan.conflicts.push(x);
}

/**
 * The all-or-nothing frame of every write: the import record (running), the batches `body` writes through the
 * Writer (each its own transaction), then committed; on any failure everything the import wrote is undone and
 * the record marked failed (or, when the undo cannot reach the database, left for the recovery).
 */
export async function writeAllOrNothing(
  repo: ImportsRepository,
  opts: RunOptions & {
    files: string[];
    labels: string[];
    total: number;
    totals: Plan['totals'];
    /** the database held none of the import's node ids when it was checked: nodes are created without a read */
    fresh?: boolean;
  },
  body: (w: Writer) => Promise<void>,
): Promise<RunResult> {
  const t0 = performance.now();
  const rule = opts.rule ?? 'keep';
  const id = opts.importId ?? `imp-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  const total = opts.total;
  const plan = emptyPlan(opts.totals);
  await repo.ensureIdConstraints(opts.labels);
  await repo.begin(id, opts.files, opts.by ?? null, rule, total);
  let done = 0;
  const tWrite = performance.now();
  let lastBeat = performance.now();
  const step = async (n: number) => {
    done += n;
    // the heartbeat (and the progress others can poll) at most every 2 s: it costs a transaction
    if (performance.now() - lastBeat >= 2_000 || done === total) {
      lastBeat = performance.now();
      await repo.progress(id, done);
    }
    opts.onProgress?.(progressAt('writing', done, total, tWrite, performance.now()));
    if (opts.signal?.aborted) throw new Error('the import was stopped before it finished');
  };
  const writer: Writer = {
    id,
    rule,
    plan,
    async writeNodes(label, nodes) {
      const res = await repo.writeNodes(id, label, nodes, rule, { fresh: opts.fresh ?? false });
      for (const c of res.changes) tally(plan, 'labels', label, c.change);
      await step(nodes.length);
    },
    async writeRelationships(sourceLabel, targetLabel, rels, fresh = false) {
      const res = await repo.writeRelationships(id, sourceLabel, targetLabel, rels, rule, { fresh });
      res.changes.forEach((c, i) => tally(plan, 'types', rels[i]!.type, c.change));
      await step(rels.length);
    },
  };
  try {
    await body(writer);
    if (done !== total) await repo.progress(id, done);
    await repo.finish(id, 'committed', plan, null);
    opts.onProgress?.(progressAt('done', done, total, tWrite, performance.now()));
    return { id, status: 'committed', plan, ms: Math.round(performance.now() - t0), error: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    opts.onProgress?.(progressAt('rolling-back', done, total, tWrite, performance.now()));
    try {
      await repo.rollback(id, 'failed', message);
    } catch (rbErr) {
      const why = rbErr instanceof Error ? rbErr.message : String(rbErr);
      throw new ImportFailedError(
        id,
        message,
        `the undo failed too (${why}); it will be finished at the next start of Parley or \`npm run load\``,
      );
    }
    throw new ImportFailedError(id, message, 'everything it had written was undone');
  }
}

/**
 * Writes a valid set, all or nothing, in batches of `batchSize` rows (each its own transaction). Throws
 * ImportInvalidError (nothing written) when the files or their references are wrong; otherwise answers
 * committed, or failed after undoing whatever the import had written.
 */
export async function runImport(repo: ImportsRepository, set: ImportSet, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? 5_000;
  if (set.problems.length > 0) throw new ImportInvalidError(set.problems);
  opts.onProgress?.(progressAt('checking', 0, 0, t0, t0));
  const r = await resolve(repo, set);
  if (r.problems.length > 0) throw new ImportInvalidError(r.problems);
  const byLabel = new Map<string, ImportNode[]>();
  for (const n of r.nodes) {
    const list = byLabel.get(n.labels[0]!);
    if (list) list.push(n);
    else byLabel.set(n.labels[0]!, [n]);
  }
  const result = await writeAllOrNothing(
    repo,
    {
      ...opts,
      files: opts.files ?? set.files.map((f) => f.file),
      labels: [...byLabel.keys()],
      total: r.nodes.length + r.rels.length,
      totals: { nodes: set.nodes.length, relationships: r.rels.length, sources: set.sources.length },
      fresh: r.nodes.every((n) => !r.stored.has(n.id)),
    },
    async (w) => {
      for (const [label, nodes] of byLabel)
        for (const batch of chunk(nodes, batchSize)) await w.writeNodes(label, batch);
      for (const g of groupRels(r.rels, r.labelOf))
        for (const batch of chunk(g.rels, batchSize)) await w.writeRelationships(g.sourceLabel, g.targetLabel, batch);
    },
  );
  return { ...result, ms: Math.round(performance.now() - t0) };
}

export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  constructor(
    readonly importId: string,
    readonly reason: string,
    readonly outcome: string,
  ) {
    super(`import ${importId} failed (${reason}); ${outcome}`);
  }
}

/** Undoes imports left `running` by a process that died (no heartbeat for `staleMs`). Returns their ids. */
export async function recoverImports(
  repo: ImportsRepository,
  staleMs = 120_000,
  log: (m: string) => void = () => {},
): Promise<string[]> {
  const ids = await repo.stale(staleMs);
  for (const id of ids) {
    log(`undoing import ${id}, left unfinished by a process that stopped`);
    await repo.rollback(id, 'failed', 'the process running it stopped before it finished; undone at the next start');
  }
  return ids;
}
