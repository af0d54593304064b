/**
 * The text as compromise sees it: sentences of tokens with their character offsets in the original text, and a
 * small matcher that runs a compromise pattern and returns each match with its named groups as token ranges.
 * compromise and compromise-dates run offline from their npm packages (no model is downloaded).
 */
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';

nlp.plugin(datesPlugin);

/** a compromise document or a part of it (typed loosely: its plugin-extended types do not line up) */
export type View = ReturnType<typeof nlp>;

export interface Token {
  text: string;
  /** lowercased, without a possessive ’s */
  lower: string;
  start: number;
  end: number;
  pre: string;
  post: string;
  tags: Set<string>;
  sent: number;
  i: number;
  possessive: boolean;
}

export interface Sentence {
  index: number;
  /** the sentence's span in the text, with its opening and closing punctuation (quote marks included) */
  start: number;
  end: number;
  tokens: Token[];
}

export interface Range {
  sent: number;
  /** token indexes, end exclusive */
  from: number;
  to: number;
}

export interface Match extends Range {
  groups: Record<string, Range>;
}

export interface Parsed {
  text: string;
  doc: View;
  sentences: Sentence[];
}

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
  index: [number, number];
  offset: { start: number; length: number };
}

const POSSESSIVE = /(?:['’]s|s['’])$/;

export function parse(text: string): Parsed {
  const doc = nlp(text);
  doc.compute('offset');
  doc.compute('index');
  const docs = (doc as unknown as { docs: RawTerm[][] }).docs;
  const sentences: Sentence[] = docs.map((terms, index) => {
    const tokens = terms.map((t, i): Token => {
      const possessive = POSSESSIVE.test(t.text) || /^['’]/.test(t.post);
      const bare = t.text.replace(/['’]s$/, '');
      return {
        text: t.text,
        lower: bare.toLowerCase(),
        start: t.offset.start,
        end: t.offset.start + t.offset.length,
        pre: t.pre,
        post: t.post,
        tags: t.tags,
        sent: index,
        i,
        possessive,
      };
    });
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const start = first ? first.start - first.pre.trimStart().length : 0;
    const end = last ? last.end + last.post.trimEnd().length : 0;
    return { index, start, end, tokens };
  });
  return { text, doc, sentences };
}

/** Adds a tag to tokens [from, to) of a sentence, so later patterns can use it (`#EntPerson`). */
export function tagRange(p: Parsed, r: Range, tag: string): void {
  if (r.to <= r.from) return;
  (p.doc as unknown as { update(ptrs: number[][]): View }).update([[r.sent, r.from, r.to]]).tag(tag);
}

function rangesOf(view: unknown): Range[] {
  const docs = (view as unknown as { docs: RawTerm[][] }).docs;
  const out: Range[] = [];
  for (const terms of docs) {
    const first = terms[0];
    const last = terms[terms.length - 1];
    if (!first || !last) continue;
    out.push({ sent: first.index[0], from: first.index[1], to: last.index[1] + 1 });
  }
  return out;
}

const GROUP_NAME = /\[<([a-z]+)>/g;

/** Runs a compromise pattern over the whole text; each match comes with its named groups as token ranges. */
export function matchAll(p: Parsed, pattern: string): Match[] {
  const view = p.doc.match(pattern) as View;
  if (!view.found) return [];
  const matches: Match[] = rangesOf(view).map((r) => ({ ...r, groups: {} }));
  const names = new Set([...pattern.matchAll(GROUP_NAME)].map((m) => m[1] as string));
  const bySentence = new Map<number, Match[]>();
  for (const m of matches) bySentence.set(m.sent, [...(bySentence.get(m.sent) ?? []), m]);
  for (const name of names) {
    for (const g of rangesOf(view.groups(name))) {
      const owner = bySentence.get(g.sent)?.find((m) => m.from <= g.from && g.to <= m.to);
      if (owner && !owner.groups[name]) owner.groups[name] = g;
    }
  }
  return matches;
}

/** The exact text of a token range (from its first token's start to its last token's end). */
export function rangeText(p: Parsed, r: Range): string {
  const s = p.sentences[r.sent];
  const a = s?.tokens[r.from];
  const b = s?.tokens[r.to - 1];
  return a && b ? p.text.slice(a.start, b.end) : '';
}

/** The exact text of a sentence, usable as an evidence quote. */
export function sentenceText(p: Parsed, sent: number): string {
  const s = p.sentences[sent];
  return s ? p.text.slice(s.start, s.end) : '';
}

/**
 * Date phrases: runs of words that compromise and compromise-dates tag as a date ("on April 10", "14 January
 * 2025", "on Friday"), cut at a comma unless a year follows ("April 10, 2025").
 */
export function dateRanges(p: Parsed): Range[] {
  (p.doc as unknown as { dates(): unknown }).dates(); // lets compromise-dates tag the date words
  const isDate = (t: Token) => t.tags.has('Date') || t.tags.has('Month') || t.tags.has('WeekDay');
  const out: Range[] = [];
  for (const s of p.sentences) {
    let i = 0;
    while (i < s.tokens.length) {
      if (!isDate(s.tokens[i]!)) {
        i++;
        continue;
      }
      const from = i;
      while (i < s.tokens.length && isDate(s.tokens[i]!)) {
        const t = s.tokens[i]!;
        i++;
        if (/[,;]/.test(t.post) && !s.tokens[i]?.tags.has('Year')) break;
        if (/[.!?:”")]/.test(t.post)) break;
      }
      out.push({ sent: s.index, from, to: i });
    }
  }
  return out;
}
