/**
 * What an import does to each node and relationship, decided in one pure place used by the preview (a dry
 * run) and the writer alike. Updating never loses what is there:
 * - aliases and evidence (quote + source) are added to what is stored, never replaced;
 * - a property the node lacks is added; one with the same value changes nothing;
 * - a property whose new value differs is a conflict, resolved by the user's rule: `keep` (the default) keeps
 *   the stored value, `replace` writes the new one. Either way the preview lists it.
 * - a different name is a conflict too, and the name that is not kept becomes an alias, so both spellings
 *   stay searchable.
 */
import { relationshipKey, type ImportNode, type ImportRelationship, type PropertyValue } from './model';
import { setOwn } from './model';

export type ConflictRule = 'keep' | 'replace';
export type Outcome = 'created' | 'updated' | 'unchanged';

export interface Conflict {
  id: string;
  key: string;
  stored: PropertyValue;
  incoming: PropertyValue;
}

export interface StoredItem {
  labels?: string[];
  properties: Record<string, unknown>;
}

export interface Change {
  outcome: Outcome;
  /** properties to write (all of them for a new item, only the changed keys for an existing one) */
  set: Record<string, PropertyValue>;
  /** for an existing item: the stored values of the changed keys, null where the key was absent (the pre-image) */
  before: Record<string, PropertyValue>;
  addLabels: string[];
  conflicts: Conflict[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const asValue = (v: unknown): PropertyValue => (v === undefined ? null : (v as PropertyValue));

function apply(
  id: string,
  stored: Record<string, unknown>,
  key: string,
  incoming: PropertyValue,
  rule: ConflictRule,
  change: Change,
): void {
  if (incoming === null) return;
  const old = stored[key];
  if (old === undefined || old === null) {
    setOwn(change.set, key, incoming);
  } else if (!same(old, incoming)) {
    change.conflicts.push({ id, key, stored: asValue(old), incoming });
    if (rule === 'replace') setOwn(change.set, key, incoming);
  }
}

function finish(stored: Record<string, unknown>, change: Change): Change {
  for (const k of Object.keys(change.set)) setOwn(change.before, k, asValue(stored[k]));
  change.outcome = Object.keys(change.set).length > 0 || change.addLabels.length > 0 ? 'updated' : 'unchanged';
  return change;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

export function planNode(stored: StoredItem | null, n: ImportNode, rule: ConflictRule): Change {
  const change: Change = { outcome: 'created', set: {}, before: {}, addLabels: [], conflicts: [] };
  if (!stored) {
    for (const [k, v] of Object.entries(n.properties)) if (v !== null) setOwn(change.set, k, v);
    setOwn(change.set, 'id', n.id);
    if (n.name !== null) setOwn(change.set, 'name', n.name);
    setOwn(
      change.set,
      'aliases',
      [...new Set(n.aliases)].filter((a) => a !== n.name),
    );
    if (n.description !== null) setOwn(change.set, 'description', n.description);
    change.addLabels = n.labels.slice(1);
    return change;
  }
  const p = stored.properties;
  for (const [k, v] of Object.entries(n.properties)) apply(n.id, p, k, v, rule, change);
  if (n.description !== null) apply(n.id, p, 'description', n.description, rule, change);
  const storedName = typeof p.name === 'string' ? p.name : null;
  let aliases = union(Array.isArray(p.aliases) ? (p.aliases as string[]) : [], n.aliases);
  if (n.name !== null) {
    if (storedName === null) setOwn(change.set, 'name', n.name);
    else if (storedName !== n.name) {
      change.conflicts.push({ id: n.id, key: 'name', stored: storedName, incoming: n.name });
      if (rule === 'replace') setOwn(change.set, 'name', n.name);
      aliases = union(aliases, [rule === 'replace' ? storedName : n.name]);
    }
  }
  const name = (change.set.name as string | undefined) ?? storedName;
  aliases = aliases.filter((a) => a !== name);
  const storedAliases = Array.isArray(p.aliases) ? (p.aliases as string[]) : [];
  if (!same(aliases, storedAliases) && !(aliases.length === 0 && p.aliases === undefined))
    setOwn(change.set, 'aliases', aliases);
  change.addLabels = n.labels.filter((l) => !(stored.labels ?? []).includes(l));
  return finish(p, change);
}

/** The relationships of a set with the same ends and type folded into one (evidence of both, all properties). */
export function foldRelationships(rels: readonly ImportRelationship[]): Map<string, ImportRelationship> {
  const out = new Map<string, ImportRelationship>();
  for (const r of rels) {
    const key = relationshipKey(r);
    const prev = out.get(key);
    if (!prev) {
      out.set(key, { ...r, properties: { ...r.properties }, evidence: [...r.evidence] });
      continue;
    }
    for (const [k, v] of Object.entries(r.properties)) if (!(k in prev.properties)) setOwn(prev.properties, k, v);
    for (const e of r.evidence)
      if (!prev.evidence.some((x) => x.source === e.source && x.quote === e.quote)) prev.evidence.push(e);
    prev.inferred = prev.inferred && r.inferred;
    prev.inferenceReason = prev.inferred ? (prev.inferenceReason ?? r.inferenceReason) : null;
  }
  return out;
}

export function planRelationship(stored: StoredItem | null, r: ImportRelationship, rule: ConflictRule): Change {
  const key = relationshipKey(r);
  const change: Change = { outcome: 'created', set: {}, before: {}, addLabels: [], conflicts: [] };
  if (!stored) {
    for (const [k, v] of Object.entries(r.properties)) if (v !== null) setOwn(change.set, k, v);
    Object.assign(change.set, {
      id: key,
      quotes: r.evidence.map((e) => e.quote),
      sourceIds: r.evidence.map((e) => e.source),
      inferred: r.inferred,
      inferenceReason: r.inferenceReason,
    });
    return change;
  }
  const p = stored.properties;
  for (const [k, v] of Object.entries(r.properties)) apply(key, p, k, v, rule, change);
  const quotes = Array.isArray(p.quotes) ? [...(p.quotes as string[])] : [];
  const sourceIds = Array.isArray(p.sourceIds) ? [...(p.sourceIds as string[])] : [];
  let added = false;
  for (const e of r.evidence) {
    if (quotes.some((q, i) => q === e.quote && sourceIds[i] === e.source)) continue;
    quotes.push(e.quote);
    sourceIds.push(e.source);
    added = true;
  }
  if (added) Object.assign(change.set, { quotes, sourceIds });
  // stated evidence makes an inferred relationship stated; a new inference never un-states one
  if (p.inferred === true && !r.inferred && r.evidence.length > 0) setOwn(change.set, 'inferred', false);
  return finish(p, change);
}
