/**
 * Finding candidate pairs without comparing every node with every other (pure; no database). Each node gets
 * blocking keys from its names — its whole canonical name, its canonical surname and the consonant skeleton
 * of it (people), each word and the initials (other labels) — and only nodes that share a key, within one
 * label set, are scored. A key shared by more than MAX_BLOCK nodes (a word such as "delegation" or "ministry"
 * in a large graph) is too common to say anything and is not used to pair nodes, except whole-name keys, which
 * are always used (up to MAX_NAME_BLOCK). Proposals never merge anything: they are answers for a reviewer.
 */
import { skeleton } from './normalize';
import { labelKey, PROPOSE_AT, prepare, scorePrepared, type DupNode, type Prepared, type Reason } from './score';

export const MAX_BLOCK = 200;
export const MAX_NAME_BLOCK = 1000;

export interface Candidate<N extends DupNode = DupNode> {
  a: N;
  b: N;
  score: number;
  reasons: Reason[];
}

export interface FindOptions {
  /** proposals scoring below are left out (default PROPOSE_AT) */
  threshold?: number;
  /** at most this many, best first (default: all) */
  limit?: number;
  /** pairs a reviewer said are not the same: `pairKey(a, b)` */
  dismissed?: ReadonlySet<string>;
}

/** The key of an unordered pair of ids (for dismissed pairs). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function blockingKeys(p: Prepared): Set<string> {
  const keys = new Set<string>();
  for (const v of p.variants) {
    if (v.person) {
      keys.add(`n:${v.person.canon.join(' ')}`);
      if (v.person.surname.length >= 2) keys.add(`s:${v.person.surname}`);
      if (v.person.surname.length >= 4) keys.add(`k:${skeleton(v.person.surname)}`);
    } else {
      keys.add(`n:${[...v.words].sort().join(' ')}`);
      for (const w of v.words) {
        if (w.length >= 3) keys.add(`w:${w}`);
        if (w.length >= 5) keys.add(`w:${w.slice(0, 5)}`);
      }
      if (v.acronym.length >= 2) keys.add(`a:${v.acronym}`);
      if (v.words.length === 1) keys.add(`a:${v.words[0]}`);
      // a name written with dots or run together ("U.S.", "USA") meets its initials
      const compact = v.folded.replace(/ /g, '');
      if (compact.length >= 2 && compact.length <= 6) keys.add(`a:${compact}`);
    }
  }
  keys.delete('n:');
  return keys;
}

function byScore<N extends DupNode>(x: Candidate<N>, y: Candidate<N>): number {
  return y.score - x.score || x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id);
}

class BlockIndex {
  private readonly blocks = new Map<string, Prepared[]>();
  add(p: Prepared, keys: Set<string>): void {
    const lk = labelKey(p.node.labels);
    for (const k of keys) {
      const key = `${lk}|${k}`;
      const list = this.blocks.get(key);
      if (list) list.push(p);
      else this.blocks.set(key, [p]);
    }
  }
  /** Blocks small enough to pair within. */
  *usable(): Iterable<Prepared[]> {
    for (const [key, list] of this.blocks) if (list.length > 1 && list.length <= limitOf(key)) yield list;
  }
  /** Nodes sharing a usable key with `p` (keys of `p` given). */
  partners(p: Prepared, keys: Set<string>): Set<Prepared> {
    const lk = labelKey(p.node.labels);
    const out = new Set<Prepared>();
    for (const k of keys) {
      const key = `${lk}|${k}`;
      const list = this.blocks.get(key);
      if (list && list.length <= limitOf(key)) for (const x of list) out.add(x);
    }
    return out;
  }
}

function limitOf(key: string): number {
  return key.includes('|n:') ? MAX_NAME_BLOCK : MAX_BLOCK;
}

/** Candidate duplicates among `nodes`, best first: each pair once, only within one label set. */
export function findDuplicates<N extends DupNode>(nodes: readonly N[], opts: FindOptions = {}): Candidate<N>[] {
  const threshold = opts.threshold ?? PROPOSE_AT;
  const prepared = nodes.map(prepare);
  const index = new BlockIndex();
  for (const p of prepared) index.add(p, blockingKeys(p));
  const seen = new Set<string>();
  const out: Candidate<N>[] = [];
  for (const block of index.usable()) {
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const [pa, pb] = [block[i] as Prepared, block[j] as Prepared];
        if (pa.node.id === pb.node.id) continue;
        const key = pairKey(pa.node.id, pb.node.id);
        if (seen.has(key)) continue;
        seen.add(key);
        if (opts.dismissed?.has(key)) continue;
        const r = scorePrepared(pa, pb);
        if (r.score < threshold) continue;
        const [a, b] = pa.node.id < pb.node.id ? [pa, pb] : [pb, pa];
        out.push({ a: a.node as N, b: b.node as N, score: r.score, reasons: r.reasons });
      }
    }
  }
  out.sort(byScore);
  return opts.limit === undefined ? out : out.slice(0, opts.limit);
}

export interface Match<N extends DupNode = DupNode> {
  node: N;
  score: number;
  reasons: Reason[];
}

/**
 * For each incoming node (an import's rows, an article's entities), the existing nodes it may duplicate, best
 * first. A node with the same id as an existing one is the same node, not a duplicate, and is not matched to it.
 */
export function findDuplicatesFor<I extends DupNode, E extends DupNode>(
  incoming: readonly I[],
  existing: readonly E[],
  opts: FindOptions & { perNode?: number } = {},
): { node: I; matches: Match<E>[] }[] {
  const threshold = opts.threshold ?? PROPOSE_AT;
  const index = new BlockIndex();
  for (const e of existing) {
    const p = prepare(e);
    index.add(p, blockingKeys(p));
  }
  return incoming.map((node) => {
    const p = prepare(node);
    const matches: Match<E>[] = [];
    for (const other of index.partners(p, blockingKeys(p))) {
      if (other.node.id === node.id || opts.dismissed?.has(pairKey(node.id, other.node.id))) continue;
      const r = scorePrepared(p, other);
      if (r.score >= threshold) matches.push({ node: other.node as E, score: r.score, reasons: r.reasons });
    }
    matches.sort((x, y) => y.score - x.score || x.node.id.localeCompare(y.node.id));
    return { node, matches: opts.perNode === undefined ? matches : matches.slice(0, opts.perNode) };
  });
}

export interface BestMatch {
  id: string;
  score: number;
  /** the reasons as one sentence, for a proposal's `match.reason` */
  reason: string;
  reasons: Reason[];
}

/**
 * The existing node that a mention most probably names ("Darchiev" → person:aleksandr-darchiyev), or null.
 * `label` is the mention's label; only existing nodes with exactly that label set are considered.
 */
export function bestMatch(
  mention: { name: string; label?: string; labels?: readonly string[]; aliases?: readonly string[] },
  existing: readonly DupNode[],
  opts: { threshold?: number } = {},
): BestMatch | null {
  const labels = mention.labels ?? (mention.label ? [mention.label] : []);
  const probe: DupNode = { id: '\u0000mention', labels, name: mention.name, aliases: mention.aliases ?? [] };
  const [result] = findDuplicatesFor([probe], existing, { ...opts, perNode: 1 });
  const m = result?.matches[0];
  if (!m) return null;
  return { id: m.node.id, score: m.score, reason: m.reasons.map((r) => r.text).join('; '), reasons: m.reasons };
}
