/**
 * Finds the people, agencies and places a text mentions, sentence by sentence: capitalised runs of words are
 * split into a title and a name and classified with the word lists of lexicon.ts and compromise's tags;
 * "a U.S. delegation" and "the previous U.S. administration" become agencies; a country or capital is a place
 * where the text uses it as a location and a government where it acts ("Moscow wants", "Russia’s policy").
 */
import {
  AGENCY_KEYWORDS,
  AGENCY_MODIFIERS,
  AGENCY_NOUNS,
  CAPITALS,
  COUNTRY_WORDS,
  GEOGRAPHIC_HEADS,
  LOCATIVE_PREPOSITIONS,
  REPORTING_VERBS,
  TITLE_HEADS,
  TITLE_WORDS,
} from './lexicon';
import type { Parsed, Range, Sentence, Token } from './nlp';

export type MentionLabel = 'Person' | 'Agency' | 'Place';

export interface Mention {
  label: MentionLabel;
  range: Range;
  /** the proposed name ("Sonata Coulter", "United States", "U.S. delegation") */
  name: string;
  /** the exact words of the text, without a possessive ’s */
  surface: string;
  title?: string;
  /** for countries and capitals: the country; for "a U.S. delegation": the country it comes from */
  country?: string;
  kind?: 'government' | 'delegation' | 'embassy' | 'agency';
  confidence: number;
  /** the rule that found it */
  rule: string;
  unnamed?: boolean;
}

export interface TitleSpan {
  range: Range;
  text: string;
}

const set = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
const TITLE = set(TITLE_WORDS);
const HEAD = set(TITLE_HEADS);
const AGENCY_KEY = set(AGENCY_KEYWORDS);
const AGENCY_NOUN = set(AGENCY_NOUNS);
const MODIFIER = set(AGENCY_MODIFIERS);
const LOCATIVE = set(LOCATIVE_PREPOSITIONS);
const GEOGRAPHIC = new Set<string>(GEOGRAPHIC_HEADS);
const REPORTING = set(REPORTING_VERBS);
const CONNECTORS = new Set(['of', 'for', 'de', 'al', 'bin', 'von', 'van', 'der', 'la', 'le', 'du', 'del']);
const PORTFOLIO = new Set([...TITLE, 'affairs', 'relations', 'europe', 'asia', 'africa', 'americas', 'and']);
const PROPER_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization', 'Acronym', 'Demonym', 'FirstName', 'LastName'];
const COMMON_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Adverb', 'Verb', 'Gerund', 'QuestionWord'];
const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'Honorific', 'MaleName', 'FemaleName'];
const PLACE_TAGS = ['Place', 'Country', 'City', 'Region', 'Address'];
const BREAK_AFTER = /[,;:.!?”"()[\]—–]/;
const ACRONYM_COUNTRY = new Set(['U.S.', 'US', 'USA', 'U.K.', 'UK']);

const has = (t: Token, tags: readonly string[]) => tags.some((x) => t.tags.has(x));
const bare = (t: Token) => t.text.replace(/['’]s$/, '').replace(/['’]$/, '');
const isUpper = (t: Token) => /^\p{Lu}/u.test(t.text);
const isCountryWord = (w: string) => Object.hasOwn(COUNTRY_WORDS, w);

/** words written with a capital inside sentences somewhere in the text: names, even at a sentence's start */
export function collectKnownNames(p: Parsed): Set<string> {
  const known = new Set<string>();
  for (const s of p.sentences) {
    for (let i = 1; i < s.tokens.length; i++) {
      if (!startsClause(s, i) && isUpper(s.tokens[i]!)) known.add(bare(s.tokens[i]!));
    }
  }
  return known;
}

const NONE = new Set<string>();

function capitalised(s: Sentence, i: number, startsClause: boolean, knownNames: Set<string> = NONE): boolean {
  const t = s.tokens[i];
  if (!t || !isUpper(t) || t.tags.has('Month') || t.tags.has('WeekDay') || t.text === 'I') return false;
  if (!startsClause) return true;
  if (TITLE.has(t.lower) || isCountryWord(bare(t)) || Object.hasOwn(CAPITALS, bare(t))) return true;
  if (knownNames.has(bare(t)) && !has(t, ['Determiner', 'Preposition', 'Conjunction', 'Pronoun'])) return true;
  // "Sonata Coulter met …": a plain word followed by a capitalised one starts a name
  const next = s.tokens[i + 1];
  if (next && isUpper(next) && !has(t, COMMON_TAGS) && !has(t, ['Adjective', 'Plural']) && !/[,;:]/.test(t.post))
    return true;
  return has(t, PROPER_TAGS) && !has(t, COMMON_TAGS);
}

function startsClause(s: Sentence, i: number): boolean {
  if (i === 0) return true;
  const prev = s.tokens[i - 1];
  const cur = s.tokens[i];
  return /[“"‘:]/.test(cur?.pre ?? '') || /[:“"]\s*$/.test(prev?.post ?? '');
}

/** capitalised runs of a sentence, connectors ("of", "for") allowed inside */
function runs(s: Sentence, known: Set<string>): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < s.tokens.length) {
    if (!capitalised(s, i, startsClause(s, i), known)) {
      i++;
      continue;
    }
    const from = i;
    let to = i + 1;
    while (to < s.tokens.length) {
      const prev = s.tokens[to - 1]!;
      if (BREAK_AFTER.test(prev.post) || prev.possessive) break;
      const t = s.tokens[to]!;
      if (capitalised(s, to, false) && !/[“"(]/.test(t.pre)) to++;
      else if (CONNECTORS.has(t.lower) && capitalised(s, to + 1, false) && !BREAK_AFTER.test(t.post)) to += 2;
      else break;
    }
    out.push([from, to]);
    i = to;
  }
  return out;
}

const textOf = (p: Parsed, s: Sentence, from: number, to: number) =>
  p.text.slice(s.tokens[from]!.start, s.tokens[to - 1]!.end).replace(/['’]s?$/, '');

export interface SentenceMentions {
  mentions: Mention[];
  titles: TitleSpan[];
}

/** The mentions of one sentence (countries and capitals are resolved to place or government later). */
export function findMentions(p: Parsed, s: Sentence, known: Set<string>): SentenceMentions {
  const mentions: Mention[] = [];
  const titles: TitleSpan[] = [];
  const range = (from: number, to: number): Range => ({ sent: s.index, from, to });
  const add = (m: Omit<Mention, 'range' | 'surface'> & { from: number; to: number }) => {
    const { from, to, ...rest } = m;
    mentions.push({ ...rest, range: range(from, to), surface: textOf(p, s, from, to) });
  };
  const skipUntil = new Set<number>();

  for (const [from, to] of runs(s, known)) {
    if (skipUntil.has(from)) continue;
    const toks = s.tokens.slice(from, to);
    const words = toks.map(bare);
    const phrase = words.join(' ');
    const written = textOf(p, s, from, to);

    // a title prefix: title words that include a head ("Deputy Assistant Secretary", "Foreign Minister")
    let k = 0;
    let countryPrefix: string | undefined;
    for (const n of [3, 2, 1]) {
      const head = words.slice(0, n).join(' ');
      if (toks.length > n && isCountryWord(head) && TITLE.has(toks[n]!.lower)) {
        countryPrefix = head;
        k = n;
        break;
      }
    }
    let titleEnd = k;
    while (titleEnd < toks.length && TITLE.has(toks[titleEnd]!.lower)) titleEnd++;
    const hasHead = toks.slice(k, titleEnd).some((t) => HEAD.has(t.lower));
    if (hasHead) {
      // a portfolio: "of State for Russia", "of Foreign Affairs"
      let end = titleEnd;
      while (end < toks.length && CONNECTORS.has(toks[end]!.lower)) {
        let e = end + 1;
        while (
          e < toks.length &&
          (PORTFOLIO.has(toks[e]!.lower) || isCountryWord(words[e]!) || has(toks[e]!, PLACE_TAGS))
        )
          e++;
        if (e === end + 1) break;
        end = e;
      }
      let tEnd = from + end;
      if (end === toks.length) {
        // a pure title; it may go on past the run: "… for Russia and Central Europe"
        while (s.tokens[tEnd]?.lower === 'and' && capitalised(s, tEnd + 1, false)) {
          tEnd += 2;
          while (capitalised(s, tEnd, false) && !BREAK_AFTER.test(s.tokens[tEnd - 1]!.post)) tEnd++;
          skipUntil.add(tEnd - 1);
        }
        for (let x = from + 1; x < tEnd; x++) skipUntil.add(x);
      }
      if (countryPrefix) {
        add({
          label: 'Place',
          from,
          to: from + k,
          name: COUNTRY_WORDS[countryPrefix]!,
          country: COUNTRY_WORDS[countryPrefix]!,
          confidence: 0.8,
          rule: 'country-of-title',
        });
      }
      titles.push({ range: range(from + k, tEnd), text: textOf(p, s, from + k, tEnd) });
      if (end < toks.length) {
        add({
          label: 'Person',
          from: from + end,
          to,
          name: textOf(p, s, from + end, to),
          title: textOf(p, s, from + k, from + end),
          confidence: 0.9,
          rule: 'title-name',
        });
      }
      continue;
    }

    const next = s.tokens[to];
    const nextLower = next && !isUpper(next) ? next.lower : '';
    const modFrom = from > 0 && MODIFIER.has(s.tokens[from - 1]!.lower) ? from - 1 : from;
    const countryOf = (w: string) => (isCountryWord(w) ? COUNTRY_WORDS[w] : undefined);

    // "a U.S. delegation", "the previous U.S. administration", "U.S. and Russian delegations"
    const country = countryOf(phrase);
    if (country && (AGENCY_NOUN.has(nextLower) || (nextLower === 'and' && coordinatedNoun(s, to + 1)))) {
      const noun = AGENCY_NOUN.has(nextLower) ? nextLower : coordinatedNoun(s, to + 1)!;
      const singular = noun.replace(/ies$/, 'y').replace(/s$/, '');
      const nounEnd = AGENCY_NOUN.has(nextLower) ? to + 1 : to;
      const lead = modFrom < from ? `${s.tokens[modFrom]!.text} ` : '';
      add({
        label: 'Agency',
        from: modFrom,
        to: nounEnd,
        name: `${lead}${phrase} ${singular}`,
        country,
        kind: singular === 'delegation' ? 'delegation' : singular === 'embassy' ? 'embassy' : 'agency',
        confidence: 0.85,
        rule: 'country-agency-noun',
      });
      continue;
    }

    // agencies by keyword: "State Department", "U.S. Embassy" (+ "in Moscow")
    if (toks.some((t) => AGENCY_KEY.has(t.lower) || AGENCY_KEY.has(bare(t).toLowerCase()))) {
      let end = to;
      let name = phrase;
      const isPost = toks.some((t) => ['embassy', 'consulate', 'mission'].includes(t.lower));
      if (isPost && (nextLower === 'in' || nextLower === 'to') && capitalised(s, to + 1, false)) {
        let e = to + 1;
        while (capitalised(s, e, false) && !BREAK_AFTER.test(s.tokens[e - 1]!.post)) e++;
        end = e;
        name = textOf(p, s, from, e);
        const placeName = textOf(p, s, to + 1, e);
        add({
          label: 'Place',
          from: to + 1,
          to: e,
          name: placeName,
          country: CAPITALS[placeName],
          confidence: 0.85,
          rule: 'agency-location',
        });
      }
      add({
        label: 'Agency',
        from,
        to: end,
        name: name.replace(/^The /, ''),
        country: countryOf(words[0]!),
        kind: isPost ? 'embassy' : 'agency',
        confidence: 0.85,
        rule: 'agency-keyword',
      });
      continue;
    }

    // countries and capitals: place or government, decided for the whole text later
    if (country || Object.hasOwn(CAPITALS, phrase)) {
      const demonymModifier =
        country && phrase !== country && !ACRONYM_COUNTRY.has(phrase) && !!nextLower && !LOCATIVE.has(nextLower);
      const acronymModifier =
        ACRONYM_COUNTRY.has(phrase) && !!nextLower && has(next!, ['Noun', 'Adjective']) && !next!.tags.has('Verb');
      if (demonymModifier || acronymModifier) continue;
      add({
        label: 'Place',
        from,
        to,
        name: country ?? phrase,
        country: country ?? CAPITALS[phrase],
        confidence: 0.85,
        rule: country ? 'country' : 'capital',
      });
      continue;
    }

    if (toks.some((t) => has(t, PERSON_TAGS)) && !toks.every((t) => has(t, PLACE_TAGS))) {
      add({ label: 'Person', from, to, name: written, confidence: toks.length > 1 ? 0.85 : 0.6, rule: 'person-tag' });
      continue;
    }
    if (toks.some((t) => has(t, PLACE_TAGS))) {
      add({ label: 'Place', from, to, name: written.replace(/^The /, ''), confidence: 0.8, rule: 'place-tag' });
      continue;
    }
    if (toks.some((t) => t.tags.has('Organization'))) {
      add({ label: 'Agency', from, to, name: written, confidence: 0.6, rule: 'organization-tag' });
      continue;
    }
    // an unknown name: a person when a cue says so ("led by X", "X said", "X, <title>")
    const prev = s.tokens[from - 1];
    const last = toks[toks.length - 1]!;
    const cue =
      prev?.lower === 'by' ||
      (prev && REPORTING.has(prev.lower)) ||
      (next && REPORTING.has(next.lower)) ||
      (next && next.tags.has('Verb') && !next.tags.has('Gerund') && !isUpper(next)) ||
      (/,/.test(last.post) && next !== undefined && TITLE.has(next.lower));
    let before = from - 1;
    while (before >= 0 && s.tokens[before]!.lower === 'the') before--;
    const geographic = toks.length >= 2 && GEOGRAPHIC.has(last.text.replace(/[^\p{L}]/gu, ''));
    if ((geographic || (before >= 0 && LOCATIVE.has(s.tokens[before]!.lower))) && toks.length <= 4) {
      add({ label: 'Place', from, to, name: written, confidence: 0.7, rule: 'locative-name' });
    } else if (toks.length >= 2 && toks.length <= 4 && cue) {
      add({ label: 'Person', from, to, name: written, confidence: 0.7, rule: 'name-cue' });
    } else if (toks.length === 1 || toks.length > 4) {
      add({ label: 'Person', from, to, name: written, confidence: 0.3, rule: 'unknown-name' });
    } else if (from > 0) {
      add({ label: 'Person', from, to, name: written, confidence: 0.5, rule: 'capitalised-name' });
    }
  }
  return { mentions, titles };
}

function coordinatedNoun(s: Sentence, i: number): string | undefined {
  // "U.S. and Russian delegations": the noun after the second country word
  let j = i;
  while (j < s.tokens.length && isUpper(s.tokens[j]!) && j - i < 3) j++;
  const noun = s.tokens[j]?.lower;
  return j > i && noun && AGENCY_NOUN.has(noun) ? noun : undefined;
}

/** true when a place-like mention is used as a location ("in Istanbul") */
export function isLocative(s: Sentence, m: Mention): boolean {
  let i = m.range.from - 1;
  while (i >= 0 && ['the', 'central', 'northern', 'southern', 'eastern', 'western'].includes(s.tokens[i]!.lower)) i--;
  return i >= 0 && LOCATIVE.has(s.tokens[i]!.lower);
}

/** true when a country or capital acts ("Moscow wants", "Russia’s policy", "invaded by Russia") */
export function isParty(s: Sentence, m: Mention): boolean {
  const last = s.tokens[m.range.to - 1];
  if (last?.possessive) return true;
  // "talks between Canberra and Wellington", "relations with Moscow"
  const prev = s.tokens[m.range.from - 1]?.lower;
  if (prev === 'between' || prev === 'with' || prev === 'against') return true;
  if (prev === 'and' && s.tokens.slice(Math.max(0, m.range.from - 6), m.range.from).some((t) => t.lower === 'between'))
    return true;
  let i = m.range.to;
  while (s.tokens[i]?.tags.has('Adverb')) i++;
  const next = s.tokens[i];
  if (next && next.tags.has('Verb') && !next.tags.has('Gerund') && !BREAK_AFTER.test(last?.post ?? '')) return true;
  return false;
}
