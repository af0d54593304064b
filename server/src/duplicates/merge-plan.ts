/**
 * What a merge changes, computed from the two nodes and their relationships as they are (pure; no database).
 * The repository reads the state, asks for a plan, writes it and stores it, so an undo knows exactly what to
 * put back. The rules (README "Duplicates"):
 *   - the kept node keeps its id, name and every property it has;
 *   - the merged node's name and aliases become aliases; its id (and the ids merged into it before) go into
 *     `mergedIds`, so the id keeps resolving to the kept node;
 *   - a property the kept node lacks is taken over; string lists are united; a conflicting value is not lost
 *     but recorded in `mergedValues` (a JSON string: {key: [{from, value}]}), the kept node's value staying;
 *   - each relationship of the merged node moves to the kept node; when the kept node already has the same
 *     relationship (type, direction, other end), the two become one: their evidence (quote, source) pairs are
 *     united, `inferred` stays only if both were inferred, other properties follow the rule above;
 *   - relationships between the two nodes are not carried over (a person does not meet himself); they stay in
 *     the merge record and come back on undo.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StoredNode {
  elementId: string;
  labels: string[];
  properties: Record<string, Json>;
}

export interface StoredRel {
  elementId: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, Json>;
}

export interface PropertyChange {
  key: string;
  /** null when the key was absent before (then `hadBefore` is false) */
  before: Json;
  hadBefore: boolean;
  after: Json;
}

export interface MergePlan {
  keepId: string;
  mergeId: string;
  keepChanges: PropertyChange[];
  /** relationships to create on the kept node (element ids of the ends; the merged node replaced) */
  create: { from: string[]; type: string; start: string; end: string; properties: Record<string, Json> }[];
  /** relationships of the kept node that absorb one of the merged node's */
  update: { elementId: string; from: string[]; changes: PropertyChange[] }[];
  /** element ids of relationships between the two nodes (not carried over) */
  dropped: string[];
  /** every relationship of the merged node as it was, for undo */
  mergedRels: StoredRel[];
}

/** A node's API id: its `id` property, else its element id (as everywhere in the API). */
export function apiId(n: StoredNode): string {
  const id = n.properties.id;
  return typeof id === 'string' && id !== '' ? id : n.elementId;
}

const same = (x: Json | undefined, y: Json | undefined) => JSON.stringify(x) === JSON.stringify(y);

function isStringList(v: Json | undefined): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function union(...lists: (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

type Conflicts = Record<string, { from: string; value: Json }[]>;

export function parseMergedValues(v: Json | undefined): Conflicts {
  if (typeof v !== 'string') return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Conflicts) : {};
  } catch {
    return {};
  }
}

/**
 * Merges `extra` into `base` by the rules above (keys in `skip` are left to the caller). Returns the new
 * properties; conflicts go into `mergedValues`.
 */
function mergeProps(
  base: Record<string, Json>,
  extra: Record<string, Json>,
  from: string,
  skip: ReadonlySet<string>,
): Record<string, Json> {
  const out: Record<string, Json> = { ...base };
  const conflicts: Conflicts = parseMergedValues(base.mergedValues);
  for (const [key, list] of Object.entries(parseMergedValues(extra.mergedValues))) {
    conflicts[key] = [...(conflicts[key] ?? []), ...list];
  }
  for (const [key, value] of Object.entries(extra)) {
    if (skip.has(key) || key === 'mergedValues' || value === null) continue;
    const mine = out[key];
    if (mine === undefined || mine === null) out[key] = value;
    else if (same(mine, value)) continue;
    else if (isStringList(mine) && isStringList(value)) out[key] = union(mine, value);
    else {
      conflicts[key] = [...(conflicts[key] ?? []), { from, value }];
    }
  }
  const recorded = JSON.stringify(conflicts);
  if (Object.keys(conflicts).length > 0 && recorded !== base.mergedValues) out.mergedValues = recorded;
  return out;
}

function changes(before: Record<string, Json>, after: Record<string, Json>): PropertyChange[] {
  const keys = union(Object.keys(before), Object.keys(after)).sort();
  return keys
    .filter((k) => !same(before[k], after[k]))
    .map((k) => ({ key: k, before: before[k] ?? null, hadBefore: k in before, after: after[k] ?? null }));
}

const EVIDENCE = new Set(['quotes', 'sourceIds', 'inferred', 'id']);

/** Two relationships of one kind become one: evidence united, `inferred` only if both were. */
export function foldRelationship(
  base: Record<string, Json>,
  extra: Record<string, Json>,
  from: string,
): Record<string, Json> {
  const out = mergeProps(base, extra, from, EVIDENCE);
  const pairs = (p: Record<string, Json>) => {
    const quotes = isStringList(p.quotes) ? p.quotes : [];
    const sources = isStringList(p.sourceIds) ? p.sourceIds : [];
    return quotes.map((q, i) => [q, sources[i] ?? sources[0] ?? ''] as const);
  };
  const all = [...pairs(base)];
  for (const pr of pairs(extra)) if (!all.some(([q, s]) => q === pr[0] && s === pr[1])) all.push(pr);
  if (all.length > 0) {
    out.quotes = all.map(([q]) => q);
    out.sourceIds = all.map(([, s]) => s);
  }
  if (typeof base.inferred === 'boolean' || typeof extra.inferred === 'boolean') {
    out.inferred = base.inferred === true && extra.inferred === true;
  }
  if (base.id === undefined && extra.id !== undefined) out.id = extra.id;
  return out;
}

const relKey = (type: string, start: string, end: string) => `${type}\u0000${start}\u0000${end}`;

/**
 * The plan for merging `merge` into `keep`. `rels` are every relationship touching either node (each once).
 * Throws when the two are one node (the caller answers 4xx before that).
 */
export function planMerge(keep: StoredNode, merge: StoredNode, rels: readonly StoredRel[]): MergePlan {
  if (keep.elementId === merge.elementId)
    throw new Error('duplicates/merge-plan: a node cannot be merged into itself.');
  const K = keep.elementId;
  const M = merge.elementId;
  const keepId = apiId(keep);
  const mergeId = apiId(merge);

  const kp = keep.properties;
  const mp = merge.properties;
  const after = mergeProps(kp, mp, mergeId, new Set(['id', 'name', 'aliases', 'mergedIds']));
  const keepName = typeof kp.name === 'string' ? kp.name : '';
  const names = union(
    isStringList(kp.aliases) ? kp.aliases : [],
    typeof mp.name === 'string' ? [mp.name] : [],
    isStringList(mp.aliases) ? mp.aliases : [],
  ).filter((a) => a !== keepName && a.trim() !== '');
  if (names.length > 0 || kp.aliases !== undefined) after.aliases = names;
  if (kp.name === undefined && typeof mp.name === 'string') after.name = mp.name;
  after.mergedIds = union(
    isStringList(kp.mergedIds) ? kp.mergedIds : [],
    [mergeId],
    isStringList(mp.mergedIds) ? mp.mergedIds : [],
  ).filter((id) => id !== keepId);

  const keepRels = new Map<string, StoredRel>();
  for (const r of rels) {
    const touchesM = r.start === M || r.end === M;
    if (!touchesM && (r.start === K || r.end === K)) keepRels.set(relKey(r.type, r.start, r.end), r);
  }
  const mergedRels = rels.filter((r) => r.start === M || r.end === M);
  const dropped: string[] = [];
  const create = new Map<string, MergePlan['create'][number]>();
  const update = new Map<string, { rel: StoredRel; props: Record<string, Json>; from: string[] }>();
  for (const r of mergedRels) {
    const between = (r.start === K && r.end === M) || (r.start === M && r.end === K);
    if (between) {
      dropped.push(r.elementId);
      continue;
    }
    const start = r.start === M ? K : r.start;
    const end = r.end === M ? K : r.end;
    const key = relKey(r.type, start, end);
    const existing = keepRels.get(key);
    if (existing) {
      const u = update.get(key) ?? { rel: existing, props: existing.properties, from: [] };
      u.props = foldRelationship(u.props, r.properties, r.elementId);
      u.from.push(r.elementId);
      update.set(key, u);
      continue;
    }
    const c = create.get(key);
    if (c) {
      c.properties = foldRelationship(c.properties, r.properties, r.elementId);
      c.from.push(r.elementId);
    } else {
      create.set(key, { from: [r.elementId], type: r.type, start, end, properties: { ...r.properties } });
    }
  }
  return {
    keepId,
    mergeId,
    keepChanges: changes(kp, after),
    create: [...create.values()],
    update: [...update.values()]
      .map((u) => ({ elementId: u.rel.elementId, from: u.from, changes: changes(u.rel.properties, u.props) }))
      .filter((u) => u.changes.length > 0 || u.from.length > 0),
    dropped,
    mergedRels,
  };
}
