/**
 * Scoring a pair of nodes as possible duplicates (pure; no database). A pair is compared through every pair
 * of their names (name and aliases); the best comparison gives the base score, and neighbours adjust it:
 * shared neighbours raise it a little, a direct relationship between the two lowers it (people who met are
 * two people). Every score comes with the reasons that made it, in words a reviewer can check.
 *
 * People are compared as names (surname, given names, initials); everything else (agencies, places, issues,
 * meetings, unknown labels) as sets of words. Nodes are only ever compared with nodes of the same labels.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { acronym, fold, parsePersonName, skeleton, thingTokens, type PersonName } from './normalize';

export interface DupNode {
  id: string;
  labels: readonly string[];
  name: string;
  aliases?: readonly string[] | undefined;
  /** other properties; `date` is compared (two meetings on different dates are different meetings) */
  properties?: Readonly<Record<string, unknown>> | undefined;
  /** ids of the nodes it is related to */
  neighbours?: readonly string[] | undefined;
}

export type ReasonCode =
  | 'same-name'
  | 'accents'
  | 'titles'
  | 'transliteration'
  | 'initials'
  | 'surname-only'
  | 'similar-name'
  | 'word-order'
  | 'acronym'
  | 'contained-name'
  | 'similar-words'
  | 'shared-alias'
  | 'same-date'
  | 'shared-neighbours'
  | 'directly-related'
  | 'different-given-names'
  | 'different-dates'
  | 'different-labels';

export interface Reason {
  code: ReasonCode;
  text: string;
}

export interface PairScore {
  score: number;
  reasons: Reason[];
}

/** Pairs scoring at least this are proposed. Chosen on the labelled pairs of test/fixtures/duplicates/. */
export const PROPOSE_AT = 0.75;

const PERSON_LABELS = new Set(['Person', 'People', 'Human', 'Actor', 'Director', 'Author', 'Character', 'Writer']);

export function isPersonLike(labels: readonly string[]): boolean {
  return labels.some((l) => PERSON_LABELS.has(l));
}

export function labelKey(labels: readonly string[]): string {
  return [...labels].sort().join(':');
}

interface Variant {
  raw: string;
  alias: boolean;
  folded: string;
  person: PersonName | null;
  words: string[];
  acronym: string;
}

export interface Prepared {
  node: DupNode;
  person: boolean;
  variants: Variant[];
  neighbours: Set<string>;
  date: string | null;
}

export function prepare(node: DupNode): Prepared {
  const person = isPersonLike(node.labels);
  const names = [node.name, ...(node.aliases ?? [])].filter((s) => typeof s === 'string' && s.trim() !== '');
  const seen = new Set<string>();
  const variants: Variant[] = [];
  names.forEach((raw, i) => {
    const folded = fold(raw);
    if (folded === '' || seen.has(folded)) return;
    seen.add(folded);
    const p = person ? parsePersonName(raw) : null;
    variants.push({
      raw,
      alias: i > 0,
      folded,
      person: p && p.nameLike ? p : null,
      words: p && p.nameLike ? thingTokens(p.stripped.join(' ')) : thingTokens(raw),
      acronym: acronym(raw),
    });
  });
  const date = node.properties?.date;
  return {
    node,
    person,
    variants,
    neighbours: new Set(node.neighbours ?? []),
    date: typeof date === 'string' && date !== '' ? date : null,
  };
}

const q = (s: string) => `"${s}"`;

/** Why two equal canonical names are equal: the least normalisation that already made them meet. */
function equalNameReason(a: Variant, b: Variant): Reason {
  if (a.raw.trim().toLowerCase() === b.raw.trim().toLowerCase()) {
    return { code: 'same-name', text: `same name ${q(a.raw)}` };
  }
  if (a.folded === b.folded) {
    return { code: 'accents', text: `${q(a.raw)} and ${q(b.raw)} differ only in accents, case or punctuation` };
  }
  const sa = a.person?.stripped.join(' ') ?? a.words.join(' ');
  const sb = b.person?.stripped.join(' ') ?? b.words.join(' ');
  if (sa === sb) {
    return { code: 'titles', text: `${q(a.raw)} and ${q(b.raw)} are one name once titles and particles are set aside` };
  }
  return { code: 'transliteration', text: `${q(a.raw)} and ${q(b.raw)} are spellings of one name (transliteration)` };
}

/** Similarity of two canonical tokens; one consonant skeleton (Mohammed / Muhammad) counts as 0.92 at least. */
function similar(x: string, y: string): number {
  if (x === y) return 1;
  const jw = jaroWinkler(x, y);
  return x.length >= 3 && y.length >= 3 && skeleton(x) === skeleton(y) ? Math.max(jw, 0.92) : jw;
}

function personScore(a: Variant, b: Variant): PairScore {
  const pa = a.person as PersonName;
  const pb = b.person as PersonName;
  if (pa.canon.join(' ') === pb.canon.join(' ')) return { score: 0.97, reasons: [equalNameReason(a, b)] };
  if (pa.canon.length >= 2 && [...pa.canon].sort().join(' ') === [...pb.canon].sort().join(' ')) {
    return {
      score: 0.9,
      reasons: [{ code: 'word-order', text: `${q(a.raw)} and ${q(b.raw)} are one name in another order` }],
    };
  }
  const ss = similar(pa.surname, pb.surname);
  const shortSurname = Math.min(pa.surname.length, pb.surname.length) < 4;
  if (ss < 0.9 || (shortSurname && ss < 1)) return { score: 0, reasons: [] };
  const surnameWords =
    ss === 1 ? 'the same surname' : `similar surnames (${pa.stripped.at(-1)} / ${pb.stripped.at(-1)})`;
  if (pa.given.length === 0 || pb.given.length === 0) {
    const [only, full] = pa.given.length === 0 ? [a, b] : [b, a];
    return {
      score: ss === 1 ? 0.78 : 0.7 * ss,
      reasons: [{ code: 'surname-only', text: `${q(only.raw)} is ${surnameWords} as ${q(full.raw)}, given alone` }],
    };
  }
  const ga = pa.given[0] ?? '';
  const gb = pb.given[0] ?? '';
  if (ga.length === 1 || gb.length === 1) {
    if (ga[0] !== gb[0]) {
      return {
        score: 0,
        reasons: [{ code: 'different-given-names', text: `${q(a.raw)} and ${q(b.raw)} have different initials` }],
      };
    }
    return {
      score: 0.45 * ss + 0.4,
      reasons: [{ code: 'initials', text: `${q(a.raw)} and ${q(b.raw)}: ${surnameWords}, and the initial fits` }],
    };
  }
  const gs = similar(ga, gb);
  if (gs < 0.88) {
    return {
      score: 0,
      reasons: [{ code: 'different-given-names', text: `${q(a.raw)} and ${q(b.raw)} have different given names` }],
    };
  }
  return {
    score: 0.45 * ss + 0.45 * gs + 0.02,
    reasons: [{ code: 'similar-name', text: `${q(a.raw)} and ${q(b.raw)} are near spellings of one name` }],
  };
}

function wordsMatch(x: string, y: string): boolean {
  return x === y || (x.length >= 5 && y.length >= 5 && jaroWinkler(x, y) >= 0.92);
}

function thingScore(a: Variant, b: Variant): PairScore {
  const wa = [...new Set(a.words)];
  const wb = [...new Set(b.words)];
  if (wa.length === 0 || wb.length === 0) return { score: 0, reasons: [] };
  if (wa.length === wb.length && [...wa].sort().join(' ') === [...wb].sort().join(' ')) {
    return { score: 0.95, reasons: [equalNameReason(a, b)] };
  }
  const compact = (v: Variant, w: string[]) => (w.length === 1 ? (w[0] ?? '') : v.folded.replace(/ /g, ''));
  if (
    (a.acronym.length >= 2 && a.acronym === compact(b, wb)) ||
    (b.acronym.length >= 2 && b.acronym === compact(a, wa))
  ) {
    const [long, short] = a.acronym.length >= 2 && a.acronym === compact(b, wb) ? [a, b] : [b, a];
    return { score: 0.85, reasons: [{ code: 'acronym', text: `${q(short.raw)} is the initials of ${q(long.raw)}` }] };
  }
  const [small, large, vs, vl] = wa.length <= wb.length ? [wa, wb, a, b] : [wb, wa, b, a];
  if (small.every((w) => large.includes(w))) {
    return {
      score: 0.5 + (0.45 * small.length) / large.length,
      reasons: [{ code: 'contained-name', text: `every word of ${q(vs.raw)} is in ${q(vl.raw)}` }],
    };
  }
  const matched = small.filter((w) => large.some((x) => wordsMatch(w, x))).length;
  const union = wa.length + wb.length - matched;
  if (matched === 0) return { score: 0, reasons: [] };
  return {
    score: (0.9 * matched) / union,
    reasons: [{ code: 'similar-words', text: `${q(a.raw)} and ${q(b.raw)} share ${matched} of ${union} words` }],
  };
}

function variantScore(a: Variant, b: Variant): PairScore {
  const r = a.person && b.person ? personScore(a, b) : thingScore(a, b);
  if (r.score > 0 && r.reasons[0]?.code !== 'titles') {
    const titled = [a, b].filter((v) => v.person?.hadTitles).map((v) => q(v.raw));
    if (titled.length > 0) r.reasons.push({ code: 'titles', text: `titles set aside in ${titled.join(' and ')}` });
  }
  if (r.score > 0 && (a.alias || b.alias)) {
    const which = [a, b].filter((v) => v.alias).map((v) => q(v.raw));
    r.reasons.push({ code: 'shared-alias', text: `matched through the alias ${which.join(' and ')}` });
  }
  return r;
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

/** Scores two prepared nodes (see the module comment). Never throws; 0 for nodes of different labels. */
export function scorePrepared(a: Prepared, b: Prepared): PairScore {
  if (labelKey(a.node.labels) !== labelKey(b.node.labels)) {
    return { score: 0, reasons: [{ code: 'different-labels', text: 'they have different labels' }] };
  }
  let best: PairScore = { score: 0, reasons: [] };
  let conflict: PairScore | null = null;
  for (const va of a.variants) {
    for (const vb of b.variants) {
      const r = variantScore(va, vb);
      if (r.score > best.score) best = r;
      else if (r.score === 0 && r.reasons.length > 0 && !conflict) conflict = r;
    }
  }
  if (best.score === 0) return { score: 0, reasons: conflict?.reasons ?? [] };
  // "Coulter" (an alias of Sonata Coulter) fits "Sarah Coulter", but the full names say they differ.
  const weak = best.reasons[0]?.code === 'surname-only' || best.reasons[0]?.code === 'initials';
  if (weak && conflict)
    return { score: round(Math.min(best.score, 0.5)), reasons: [...best.reasons, ...conflict.reasons] };
  let score = best.score;
  const reasons = [...best.reasons];
  if (a.date && b.date) {
    if (a.date !== b.date) {
      return { score: 0, reasons: [{ code: 'different-dates', text: `different dates (${a.date}, ${b.date})` }] };
    }
    score += 0.05;
    reasons.push({ code: 'same-date', text: `same date (${a.date})` });
  }
  if (score >= 0.5) {
    const shared = [...a.neighbours].filter((n) => b.neighbours.has(n) && n !== a.node.id && n !== b.node.id);
    if (shared.length > 0) {
      score += Math.min(0.1, 0.03 * shared.length);
      const shown = shared.slice(0, 3).join(', ') + (shared.length > 3 ? ', …' : '');
      reasons.push({
        code: 'shared-neighbours',
        text: `${shared.length} shared neighbour${shared.length > 1 ? 's' : ''} (${shown})`,
      });
    }
    if (a.neighbours.has(b.node.id) || b.neighbours.has(a.node.id)) {
      score -= 0.1;
      reasons.push({ code: 'directly-related', text: 'they are related to each other, as two entities would be' });
    }
  }
  return { score: round(score), reasons };
}

export function scorePair(a: DupNode, b: DupNode): PairScore {
  return scorePrepared(prepare(a), prepare(b));
}
