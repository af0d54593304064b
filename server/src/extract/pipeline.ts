/**
 * The extraction pipeline: article text in, proposals out (a proposed Source, entities, relationships and
 * meetings, each with the exact quote it came from and a confidence). Pure and synchronous: no database, no
 * network. Matching proposals against the graph is a separate, injected step (`matchProposals`).
 */
import { isQuoteOf } from '../dataset/schema';
import type { EntityMatch, Proposals, ProposedEntity, ProposedMeeting, ProposedRelationship } from '../../../contract';
import { findDates } from './dates';
import { resolveEntities, slug, type EntityDraft } from './entities';
import { findIssues } from './issues';
import { BOILERPLATE_LINES } from './lexicon';
import { titleCoreference } from './coreference';
import { meetingRelationships } from './meeting-relations';
import { findMeetings, type MeetingDraft } from './meetings';
import { collectKnownNames, findMentions, type Mention } from './mentions';
import { matchAll, parse, rangeText, sentenceText, tagRange, type Parsed, type Range } from './nlp';
import { PLANNED_MARKERS, RELATION_RULES, UNNAMED_PERSON_RULES } from './rules';
import { addRelationship, entitiesIn, type Context } from './types';

export interface ExtractInput {
  text: string;
  title?: string | undefined;
  outlet?: string | undefined;
  published?: string | undefined;
}

/** What the graph is asked about each proposed entity. */
export interface EntityCandidate {
  key: string;
  label: ProposedEntity['label'];
  name: string;
  aliases: string[];
}
/** Finds the existing node a proposed entity probably is (the duplicate finder, wired in by the app). */
export type EntityMatcher = (candidate: EntityCandidate) => Promise<EntityMatch | undefined>;

const ENGLISH = new Set(
  'the of and to in a is that for on with as was by at from it an be have has had are were said will his her their this which who not but or after its'.split(
    ' ',
  ),
);
const MIN_CONFIDENCE = 0.5;
/** a "sentence" longer than this is not prose (a list, a table, text without punctuation): it is skipped */
export const MAX_SENTENCE_WORDS = 150;
/** a run of words longer than this without . ! ? ; or a line break is refused before parsing */
export const MAX_RUN_WORDS = 400;

function emptyProposals(input: ExtractInput, text: string, warnings: string[], ms: number, words: number): Proposals {
  return {
    source: proposedSource(input, text),
    entities: [],
    relationships: [],
    meetings: [],
    warnings,
    stats: { sentences: 0, words, ms },
  };
}

function proposedSource(input: ExtractInput, text: string): Proposals['source'] {
  const firstWords = text.trim().split(/\s+/).slice(0, 8).join(' ');
  const name =
    input.title ?? `Untitled article beginning “${firstWords}${text.trim().split(/\s+/).length > 8 ? '…' : ''}”`;
  return {
    key: `source:${slug(input.title ?? firstWords)
      .slice(0, 60)
      .replace(/-+$/, '')}`,
    name,
    text,
    outlet: input.outlet ?? null,
    published: input.published ?? null,
    description:
      'Article given to Parley for extraction.' +
      (input.title ? '' : ' It was given without a title, so the name quotes its first words.') +
      (input.outlet ? '' : ' The outlet was not given.') +
      (input.published ? '' : ' The publication date was not given.'),
  };
}

/** Reads an article and proposes what it says. Everything returned quotes `text` exactly. */
export function extractProposals(input: ExtractInput): Proposals {
  const started = performance.now();
  const text = input.text.replace(/\r\n?/g, '\n');
  const words = text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
  const elapsed = () => Math.round(performance.now() - started);
  if (words.length < 3) {
    return emptyProposals(
      input,
      text,
      ['The text has no sentences to read (fewer than three words): paste the article itself.'],
      elapsed(),
      words.length,
    );
  }
  const english = words.filter((w) => ENGLISH.has(w.toLowerCase())).length / words.length;
  if (words.length >= 8 && english < 0.08) {
    return emptyProposals(
      input,
      text,
      [
        `The text does not look like English (${Math.round(english * 100)}% common English words): Parley's rules read English only, so nothing was proposed.`,
      ],
      elapsed(),
      words.length,
    );
  }

  // compromise slows down sharply on very long sentences: text without punctuation is refused before parsing
  let longest = 0;
  for (const run of text.split(/[.!?…;\n]+/)) longest = Math.max(longest, (run.match(/\S+/g) ?? []).length);
  if (longest > MAX_RUN_WORDS) {
    return emptyProposals(
      input,
      text,
      [
        `The text has a passage of ${longest} words without a full stop or line break: Parley reads sentences (at most ${MAX_RUN_WORDS} words between stops); add the punctuation or remove the passage.`,
      ],
      elapsed(),
      words.length,
    );
  }

  const p = parse(text);
  const ctx: Context = {
    p,
    published: input.published ?? null,
    skipped: boilerplate(p),
    entities: [],
    entityAt: new Map(),
    mentionAt: new Map(),
    titles: [],
    corefAt: new Map(),
    dates: [],
    relationships: [],
  };

  // 1. entities
  const mentions: Mention[] = [];
  const known = collectKnownNames(p);
  for (const s of p.sentences) {
    if (ctx.skipped.has(s.index)) continue;
    const found = findMentions(p, s, known);
    mentions.push(...found.mentions);
    ctx.titles.push(...found.titles.map((t) => t.range));
  }
  const { entities, byMention } = resolveEntities(p, mentions);
  ctx.entities = entities.filter((e) => e.confidence >= MIN_CONFIDENCE);
  for (const [m, e] of byMention) {
    if (!ctx.entities.includes(e)) continue;
    markEntity(ctx, m.range, e);
    for (let i = m.range.from; i < m.range.to; i++) ctx.mentionAt.set(`${m.range.sent}:${i}`, m);
  }
  for (const t of ctx.titles) tagRange(p, t, 'EntTitle');
  unnamedPeople(ctx);
  titleCoreference(ctx, markEntity);

  // 2. dates, then relationships stated by titles and appositions
  const planned = new Set(PLANNED_MARKERS);
  const future = new Set(p.sentences.filter((s) => s.tokens.some((t) => planned.has(t.lower))).map((s) => s.index));
  ctx.dates = findDates(p, ctx.published, future).filter((d) => !ctx.skipped.has(d.range.sent));
  for (const rule of RELATION_RULES) {
    for (const m of matchAll(p, rule.match)) {
      if (ctx.skipped.has(m.sent) || !m.groups.from || !m.groups.to) continue;
      const from = entitiesIn(ctx, m.groups.from).at(-1);
      const to = entitiesIn(ctx, m.groups.to)[0];
      if (!from || !to) continue;
      const base = {
        type: rule.type,
        source: from.key,
        target: to.key,
        quote: sentenceText(p, m.sent),
        confidence: rule.confidence,
        properties: { ...rule.properties },
        rule: rule.id,
      };
      addRelationship(
        ctx,
        rule.inferred ? { ...base, inferred: true, inferenceReason: rule.inferred } : { ...base, inferred: false },
      );
    }
  }
  impliedRepresentation(ctx);

  // 3. meetings and issues
  const meetings = findMeetings(ctx);
  const issues = findIssues(ctx, meetings);
  const keyed = nameMeetings(ctx, meetings);
  meetingRelationships(ctx, meetings);

  const all = [...ctx.entities, ...issues];
  const proposals: Proposals = {
    source: proposedSource(input, text),
    entities: all.map((e) => toEntity(p, e)),
    relationships: ctx.relationships.filter((r) => isQuoteOf(r.quote, text)).map(toRelationship(keyed)),
    meetings: meetings.map((m) => toMeeting(m, keyed)),
    warnings: [],
    stats: { sentences: p.sentences.length, words: words.length, ms: 0 },
  };
  const long = p.sentences.filter((x) => x.tokens.length > MAX_SENTENCE_WORDS).length;
  if (long > 0) {
    proposals.warnings.push(
      `${long} passage${long === 1 ? '' : 's'} of more than ${MAX_SENTENCE_WORDS} words without a full stop ${long === 1 ? 'was' : 'were'} skipped: Parley reads sentences; add the punctuation or remove the passage.`,
    );
  }
  if (proposals.entities.length === 0 && proposals.meetings.length === 0) {
    proposals.warnings.push('No people, agencies, places or meetings were found in the text.');
  }
  proposals.stats.ms = elapsed();
  return proposals;
}

/** sentences left out: page furniture (BOILERPLATE_LINES) and passages too long to be sentences */
function boilerplate(p: Parsed): Set<number> {
  const spans: [number, number][] = [];
  for (const pattern of BOILERPLATE_LINES) {
    for (const m of p.text.matchAll(new RegExp(pattern, 'gim'))) spans.push([m.index, m.index + m[0].length]);
  }
  return new Set(
    p.sentences
      .filter((s) => s.tokens.length > MAX_SENTENCE_WORDS || spans.some(([a, b]) => s.start >= a && s.start < b))
      .map((s) => s.index),
  );
}

function markEntity(ctx: Context, r: Range, e: EntityDraft): void {
  for (let i = r.from; i < r.to; i++) ctx.entityAt.set(`${r.sent}:${i}`, e);
  const tag = e.label === 'Person' ? 'EntPerson' : e.label === 'Agency' ? 'EntAgency' : 'EntPlace';
  tagRange(ctx.p, r, tag);
  if (e.label !== 'Place') tagRange(ctx.p, r, 'EntParty');
}

/** "a State Department spokesperson", "his Russian counterpart": people the text does not name */
function unnamedPeople(ctx: Context): void {
  for (const rule of UNNAMED_PERSON_RULES) {
    for (const m of matchAll(ctx.p, rule.match)) {
      const of = m.groups.of && entitiesIn(ctx, m.groups.of)[0];
      const who = m.groups.who;
      if (!of || !who || ctx.skipped.has(m.sent)) continue;
      const span: Range = rule.span === 'who' ? who : { sent: m.sent, from: m.groups.of!.from, to: who.to };
      const next = ctx.entityAt.get(`${m.sent}:${span.to}`);
      const afterAll = ctx.entityAt.get(`${m.sent}:${Math.max(span.to, m.to)}`);
      // named right after: "his counterpart, Sergei Lavrov", "a spokesperson for the ministry, Mao Ning"
      if (next?.label === 'Person' || afterAll?.label === 'Person') continue;
      const name = rule.name.replace('{of}', of.name);
      const key = `person:${slug(name)}`;
      let e = ctx.entities.find((x) => x.key === key);
      const surface = rangeText(ctx.p, span);
      if (!e) {
        e = {
          key,
          label: 'Person',
          name,
          aliases: new Set(),
          mentions: [],
          confidence: rule.confidence,
          properties: { unnamed: true },
          rule: rule.id,
        };
        ctx.entities.push(e);
      }
      if (surface !== name) e.aliases.add(surface);
      e.mentions.push({ label: 'Person', range: span, name, surface, confidence: rule.confidence, rule: rule.id });
      markEntity(ctx, span, e);
      addRelationship(ctx, {
        type: rule.type,
        source: key,
        target: of.key,
        quote: sentenceText(ctx.p, m.sent),
        confidence: rule.confidence,
        inferred: false,
        properties: {},
        rule: rule.id,
      });
    }
  }
}

/** "a U.S. delegation" represents the United States when the article names it as a party */
function impliedRepresentation(ctx: Context): void {
  for (const e of ctx.entities) {
    const country = e.properties.country;
    if (e.label !== 'Agency' || typeof country !== 'string') continue;
    const gov = ctx.entities.find(
      (g) => g.label === 'Agency' && g.properties.kind === 'government' && g.name === country,
    );
    const first = e.mentions[0];
    if (!gov || !first) continue;
    const type = e.properties.kind === 'embassy' ? 'PART_OF' : 'REPRESENTS';
    addRelationship(ctx, {
      type,
      source: e.key,
      target: gov.key,
      quote: sentenceText(ctx.p, first.range.sent),
      confidence: 0.6,
      inferred: true,
      inferenceReason: `“${first.surface}” names the ${type === 'PART_OF' ? 'embassy' : 'agency'} after the country; that it ${type === 'PART_OF' ? 'is part of' : 'represents'} the government of ${country} is implied, not stated.`,
      properties: {},
      rule: 'country-agency',
    });
  }
}

function nameMeetings(ctx: Context, meetings: MeetingDraft[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set(ctx.entities.map((e) => e.key));
  for (const m of meetings) {
    const when = m.date?.date ?? m.date?.text ?? null;
    const where = m.place?.name ?? null;
    const base = slug(
      [m.status === 'planned' ? 'planned' : '', where ?? '', when ?? '', !where && !when ? 'meeting' : '']
        .filter(Boolean)
        .join(' '),
    );
    let key = `meeting:${base}`;
    for (let n = 2; used.has(key); n++) key = `meeting:${base}-${n}`;
    used.add(key);
    keys.set(m.key, key);
  }
  return keys;
}

function toEntity(p: Parsed, e: EntityDraft): ProposedEntity {
  const quotes = [...new Set(e.mentions.map((m) => sentenceText(p, m.range.sent)))].slice(0, 5);
  return {
    key: e.key,
    label: e.label,
    name: e.name,
    aliases: [...e.aliases],
    quotes,
    confidence: round(e.confidence),
    properties: e.properties as ProposedEntity['properties'],
    rule: e.rule,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

const toRelationship =
  (keys: Map<string, string>) =>
  (r: Context['relationships'][number]): ProposedRelationship => ({
    type: r.type,
    source: keys.get(r.source) ?? r.source,
    target: keys.get(r.target) ?? r.target,
    quote: r.quote,
    confidence: round(r.confidence),
    inferred: r.inferred,
    ...(r.inferenceReason ? { inferenceReason: r.inferenceReason } : {}),
    properties: r.properties as ProposedRelationship['properties'],
    rule: r.rule,
  });

function toMeeting(m: MeetingDraft, keys: Map<string, string>): ProposedMeeting {
  const d = m.date;
  const when = d?.text ?? null;
  const where = m.place?.name;
  const name = `${m.status === 'planned' ? 'Planned meeting' : 'Meeting'}${where ? ` in ${where}` : ''}${when ? ` (${when})` : ''}`;
  return {
    key: keys.get(m.key)!,
    name,
    status: m.status,
    date: d?.date ?? null,
    dateText: when,
    monthDay: d?.monthDay ?? null,
    time: d?.time ?? null,
    dateInferred: d?.inferred ?? false,
    ...(d?.inferenceReason ? { dateInferenceReason: d.inferenceReason } : {}),
    ...(m.round !== undefined ? { round: m.round } : {}),
    place: m.place?.key ?? null,
    attendees: [...m.attendees.keys()].map((e) => e.key),
    quotes: m.quotes,
    confidence: round(m.confidence),
  };
}

/** Asks the matcher about every proposed entity; a failing matcher leaves the proposals unmatched. */
export async function matchProposals(proposals: Proposals, matcher: EntityMatcher | undefined): Promise<Proposals> {
  if (!matcher) return proposals;
  const entities = await Promise.all(
    proposals.entities.map(async (e) => {
      try {
        const match = await matcher({ key: e.key, label: e.label, name: e.name, aliases: e.aliases });
        return match ? { ...e, match } : e;
      } catch {
        return e;
      }
    }),
  );
  return { ...proposals, entities };
}
