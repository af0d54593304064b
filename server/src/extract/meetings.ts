/**
 * Meetings: sentences that say people met (a verb of MEETING_VERBS) or name a meeting (MEETING_NOUNS) become
 * meeting mentions with the date and place next to them and their attendees; mentions of one meeting are merged
 * (same day, same place, shared attendees), "the talks" / "this meeting" refer back to the article's main
 * meeting and "the next meeting" to the last planned one. See rules.ts for the patterns.
 */
import type { DateMention } from './dates';
import type { EntityDraft } from './entities';
import { matchAll, sentenceText, tagRange, type Range, type Sentence } from './nlp';
import {
  AGREEMENT_RULES,
  EXCLUSION_ZONES,
  MEETING_DETERMINERS,
  MEETING_NOUNS,
  MEETING_PARTICIPANT_RULES,
  MEETING_VERBS,
  PLANNED_MARKERS,
  PLANNED_MARKERS_BEFORE,
  SPEAKER_PATTERNS,
  type MeetingStatus,
} from './rules';
import { bestMatch } from './meeting-match';
import { addRelationship, entitiesIn, type Context } from './types';

export interface MeetingDraft {
  key: string;
  status: MeetingStatus;
  date: DateMention | null;
  place: EntityDraft | null;
  attendees: Map<EntityDraft, string>;
  /** attendees known only through a phrase without a name ("the ambassador"), with the reason */
  inferredAttendees: Map<EntityDraft, string>;
  quotes: string[];
  /** set when the place was taken from the previous sentence: the reason shown with HELD_IN */
  placeInferenceReason?: string;
  round?: number;
  confidence: number;
}

interface Trigger extends Range {
  verb: boolean;
}

const ORDINALS: Record<string, number> = { first: 1, initial: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 };
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its']);
const PLANNED = new Set(PLANNED_MARKERS);
const PLANNED_BEFORE = new Set(PLANNED_MARKERS_BEFORE);
const DETERMINER = new Set(MEETING_DETERMINERS);

/** no comma or semicolon between tokens a and b of a sentence: one clause */
function oneClause(s: Sentence, a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (/[,;]/.test(s.tokens[i]!.post)) return false;
  return true;
}

/** token indexes per sentence matched by a list of patterns (zones run on to the next comma) */
function zoneTokens(ctx: Context): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const pattern of EXCLUSION_ZONES) {
    for (const m of matchAll(ctx.p, pattern)) {
      if (ctx.skipped.has(m.sent)) continue;
      const s = ctx.p.sentences[m.sent]!;
      const zone = out.get(m.sent) ?? new Set<number>();
      for (let i = m.groups.z?.from ?? m.from; i < s.tokens.length; i++) {
        zone.add(i);
        if (i >= m.to - 1 && /[,;]/.test(s.tokens[i]!.post)) break;
      }
      out.set(m.sent, zone);
    }
  }
  return out;
}

function groupEntities(ctx: Context, pattern: string, names: string[]): Map<number, EntityDraft[]> {
  const out = new Map<number, EntityDraft[]>();
  for (const m of matchAll(ctx.p, pattern)) {
    if (ctx.skipped.has(m.sent)) continue;
    const list = out.get(m.sent) ?? [];
    for (const n of names) {
      const g = m.groups[n];
      if (g) for (const e of entitiesIn(ctx, g)) if (!list.includes(e)) list.push(e);
    }
    out.set(m.sent, list);
  }
  return out;
}

function collect(ctx: Context, patterns: readonly string[], names: string[]): Map<number, EntityDraft[]> {
  const out = new Map<number, EntityDraft[]>();
  for (const pattern of patterns) {
    for (const [sent, list] of groupEntities(ctx, pattern, names)) out.set(sent, [...(out.get(sent) ?? []), ...list]);
  }
  return out;
}

function triggers(ctx: Context): Trigger[] {
  for (const [patterns, tag] of [
    [MEETING_NOUNS, 'MeetNoun'],
    [MEETING_VERBS, 'MeetVerb'],
  ] as const) {
    for (const pattern of patterns) {
      for (const m of matchAll(ctx.p, pattern)) {
        if (ctx.skipped.has(m.sent)) continue;
        for (let i = m.from; i < m.to; i++) {
          if (!ctx.entityAt.has(`${m.sent}:${i}`)) tagRange(ctx.p, { sent: m.sent, from: i, to: i + 1 }, tag);
        }
      }
    }
  }
  const out: Trigger[] = [];
  for (const m of matchAll(ctx.p, '#MeetVerb+')) out.push({ ...m, verb: true });
  for (const m of matchAll(ctx.p, '#MeetNoun+')) {
    if (!out.some((t) => t.sent === m.sent && t.from <= m.from && m.to <= t.to)) out.push({ ...m, verb: false });
  }
  return out.filter((t) => !ctx.skipped.has(t.sent)).sort((a, b) => a.sent - b.sent || a.from - b.from);
}

export function findMeetings(ctx: Context): MeetingDraft[] {
  // first: tagging the triggers (#MeetVerb, #MeetNoun) is what lets the zone and participant patterns match
  const found = triggers(ctx);
  const zones = zoneTokens(ctx);
  const speakers = collect(ctx, SPEAKER_PATTERNS, ['s']);
  const participants = collect(ctx, MEETING_PARTICIPANT_RULES, ['a', 'b']);
  const agreed = collect(ctx, AGREEMENT_RULES, ['a', 'b']);

  const meetings: MeetingDraft[] = [];
  let primary: MeetingDraft | undefined;
  /** the meeting a verb last told of, and in which sentence: "he met X. The meeting …" refers to it */
  let lastVerb: { meeting: MeetingDraft; sent: number } | undefined;
  let n = 0;
  const handled = new Set<string>();

  for (const t of found) {
    const s = ctx.p.sentences[t.sent]!;
    const quote = sentenceText(ctx.p, t.sent);
    // a zone that holds the trigger itself ("…, where he met X") is the meeting's own clause
    const zone = new Set(
      [...(zones.get(t.sent) ?? [])].filter((i) => i < t.from || !(zones.get(t.sent)?.has(t.from) ?? false)),
    );
    const lower = (i: number) => s.tokens[i]?.lower ?? '';
    // planned: a marker a few words before or just after the trigger ("will meet", "a follow-up meeting")
    let planned = false;
    for (let i = Math.max(0, t.from - 6); i < Math.min(s.tokens.length, t.to + 3); i++)
      if (PLANNED.has(lower(i)) || (i < t.from && PLANNED_BEFORE.has(lower(i)))) planned = true;
    // the words before a noun: determiner, ordinal, adjectives, a date ("the February 27 meeting")
    let j = t.from - 1;
    while (
      j >= 0 &&
      (s.tokens[j]!.tags.has('Adjective') ||
        s.tokens[j]!.tags.has('Date') ||
        ORDINALS[lower(j)] ||
        /-/.test(lower(j)) ||
        /-/.test(s.tokens[j]!.post) ||
        (j > 0 && /-/.test(s.tokens[j - 1]!.post))) &&
      !DEFINITE.has(lower(j))
    )
      j--;
    const definite = DEFINITE.has(lower(j));
    const determined = DETERMINER.has(lower(j)) || ORDINALS[lower(j)] !== undefined;
    const ordinal = [t.from - 1, t.from - 2].map((i) => ORDINALS[lower(i)]).find((x) => x !== undefined);

    const datesHere = ctx.dates.filter((d) => d.range.sent === t.sent && !zone.has(d.range.from));
    const placesHere = entitiesAt(ctx, t.sent).filter(
      ([e, i]) => e.label === 'Place' && !zone.has(i) && ['in', 'at'].includes(lower(i - 1)),
    );
    let date: DateMention | undefined;
    let place: EntityDraft | undefined;
    let placeReason: string | undefined;
    if (t.verb) {
      date = datesHere.find((d) => d.range.from >= t.to) ?? datesHere[0];
      place = (placesHere.find(([, i]) => i >= t.to) ?? placesHere[0])?.[0];
    } else {
      // right before ("the February 27 meeting") or after it in its clause ("a call between X and Y on May 2")
      date = datesHere.find(
        (d) =>
          (d.range.to <= t.from && t.from - d.range.to <= 0) ||
          (d.range.from >= t.to && d.range.from - t.to <= 12 && oneClause(s, t.to, d.range.from)),
      );
      place = placesHere.find(([, i]) => i >= t.to && i - t.to <= 12 && oneClause(s, t.to, i))?.[0];
    }
    let attendees: EntityDraft[] = [];
    // who agreed on a meeting did not attend it, unless they agreed to meet ("agreed to meet again")
    const excluded = new Set([...(speakers.get(t.sent) ?? []), ...(t.verb ? [] : (agreed.get(t.sent) ?? []))]);
    if (t.verb) {
      attendees = entitiesAt(ctx, t.sent)
        .filter(
          ([e, i]) =>
            e.label !== 'Place' && !zone.has(i) && !excluded.has(e) && !qualifier(ctx, t.sent, i) && !venue(s, i),
        )
        .map(([e]) => e)
        .filter((e, i, all) => all.indexOf(e) === i);
    } else {
      attendees = (participants.get(t.sent) ?? []).filter((e) => !excluded.has(e));
    }
    const status: MeetingStatus = planned ? 'planned' : 'held';
    const isMention =
      t.verb || !!date || !!place || (attendees.length > 0 && determined) || (!definite && planned && determined);

    let meeting: MeetingDraft | undefined;
    if (!isMention) {
      if (!definite) continue; // "several tracks of talks": no particular meeting
      const recent =
        lastVerb && t.sent - lastVerb.sent <= 1 && lastVerb.meeting.status === 'held' ? lastVerb.meeting : undefined;
      meeting = planned ? [...meetings].reverse().find((m) => m.status === 'planned') : (recent ?? primary);
      if (!meeting) continue;
    } else {
      meeting = bestMatch(meetings, status, date ?? null, place ?? null, attendees, t.verb);
      if (!meeting && t.verb && (!date || !place)) {
        // a new meeting told of by a verb takes the date and place of the sentence before when that sentence
        // tells of no meeting of its own ("On Friday, Morita arrived in Jakarta. He met …"), marked inferred
        const before = fromPreviousSentence(ctx, t.sent, found, zones);
        if (!date && before.date) date = before.date;
        if (!place && before.place) {
          place = before.place;
          placeReason = `The place is named in the sentence before (“${sentenceText(ctx.p, t.sent - 1)}”), which tells of no other meeting; the meeting's own sentence does not name it.`;
        }
      }
      if (!meeting) {
        meeting = {
          key: '',
          status,
          date: date ?? null,
          place: place ?? null,
          attendees: new Map(),
          inferredAttendees: new Map(),
          quotes: [],
          confidence: t.verb ? 0.85 : 0.7,
          ...(placeReason && place ? { placeInferenceReason: placeReason } : {}),
        };
        meeting.key = `m${n++}`;
        meetings.push(meeting);
        if (!primary && status === 'held') primary = meeting;
      }
      if (date && (!meeting.date || (!meeting.date.monthDay && date.monthDay))) meeting.date = date;
      if (!meeting.place && place) meeting.place = place;
      for (const e of attendees) {
        if (meeting.attendees.has(e)) {
          // named in this sentence after being only inferred before: stated now
          if (!corefReason(ctx, t.sent, e)) meeting.inferredAttendees.delete(e);
          continue;
        }
        meeting.attendees.set(e, quote);
        const reason = corefReason(ctx, t.sent, e);
        if (reason) meeting.inferredAttendees.set(e, reason);
      }
    }
    if (t.verb) lastVerb = { meeting, sent: t.sent };
    if (ordinal && meeting.round === undefined) meeting.round = ordinal;
    if (!meeting.quotes.includes(quote)) meeting.quotes.push(quote);
    const once = `${meeting.key}:${t.sent}`;
    if (handled.has(once)) continue;
    handled.add(once);
    for (const e of agreed.get(t.sent) ?? []) {
      if (meeting.status !== 'planned') continue;
      addRelationship(ctx, {
        type: 'AGREED_ON',
        source: e.key,
        target: meeting.key,
        quote,
        confidence: 0.75,
        inferred: false,
        properties: {},
        rule: 'agreed-on',
      });
    }
    for (const e of speakers.get(t.sent) ?? []) {
      addRelationship(ctx, {
        type: 'STATED',
        source: e.key,
        target: meeting.key,
        quote,
        confidence: 0.6,
        inferred: false,
        properties: {},
        rule: 'speaker',
      });
    }
    if (lower(t.from - 1) === 'follow-up' && primary && primary !== meeting) {
      addRelationship(ctx, {
        type: 'FOLLOWS',
        source: meeting.key,
        target: primary.key,
        quote,
        confidence: 0.6,
        inferred: false,
        properties: {},
        rule: 'follow-up',
      });
    }
  }
  return meetings;
}

/** why `e` is in sentence `sent` only through a phrase without a name (undefined when it is named there) */
function corefReason(ctx: Context, sent: number, e: EntityDraft): string | undefined {
  let reason: string | undefined;
  for (const [entity, i] of entitiesAt(ctx, sent)) {
    if (entity !== e) continue;
    const r = ctx.corefAt.get(`${sent}:${i}`);
    if (!r) return undefined;
    reason = r;
  }
  return reason;
}

/** the one date and the one place ("in X") of the sentence before `sent`, when it has no meeting trigger */
function fromPreviousSentence(
  ctx: Context,
  sent: number,
  found: Trigger[],
  zones: Map<number, Set<number>>,
): { date?: DateMention; place?: EntityDraft } {
  const prev = sent - 1;
  if (prev < 0 || ctx.skipped.has(prev) || found.some((t) => t.sent === prev)) return {};
  const s = ctx.p.sentences[prev]!;
  const zone = zones.get(prev) ?? new Set<number>();
  const dates = ctx.dates.filter((d) => d.range.sent === prev && !zone.has(d.range.from));
  const places = [
    ...new Set(
      entitiesAt(ctx, prev)
        .filter(([e, i]) => e.label === 'Place' && !zone.has(i) && ['in', 'at'].includes(s.tokens[i - 1]?.lower ?? ''))
        .map(([e]) => e),
    ),
  ];
  const out: { date?: DateMention; place?: EntityDraft } = {};
  if (dates.length === 1) {
    const d = dates[0]!;
    const reason = `The date is given in the sentence before (“${sentenceText(ctx.p, prev)}”), which tells of no other meeting; the meeting's own sentence gives none.`;
    out.date = {
      ...d,
      inferred: true,
      inferenceReason: d.inferenceReason ? `${reason} ${d.inferenceReason}` : reason,
    };
  }
  if (places.length === 1) out.place = places[0]!;
  return out;
}

/** "at the Pacific Islands Forum": an agency after a locative preposition is where, not who */
function venue(s: Sentence, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && s.tokens[j]!.lower === 'the') j--;
  return j >= 0 && ['at', 'in', 'inside', 'outside'].includes(s.tokens[j]!.lower);
}

/** a government named only to qualify someone: "Russian Foreign Minister …", "Iran’s deputy foreign minister" */
function qualifier(ctx: Context, sent: number, i: number): boolean {
  const m = ctx.mentionAt.get(`${sent}:${i}`);
  if (!m) return false;
  if (m.rule === 'country-of-title') return true;
  const s = ctx.p.sentences[sent]!;
  const last = s.tokens[m.range.to - 1];
  const next = s.tokens[m.range.to];
  return (
    m.label === 'Agency' &&
    !!last?.possessive &&
    !!next &&
    !/^\p{Lu}/u.test(next.text) &&
    !ctx.entityAt.has(`${sent}:${m.range.to}`)
  );
}

/** the Person/Agency/Place entities of a sentence with the token where each appears */
function entitiesAt(ctx: Context, sent: number): [EntityDraft, number][] {
  const out: [EntityDraft, number][] = [];
  const s = ctx.p.sentences[sent]!;
  let last: EntityDraft | undefined;
  for (let i = 0; i < s.tokens.length; i++) {
    const e = ctx.entityAt.get(`${sent}:${i}`);
    if (e && e !== last) out.push([e, i]);
    last = e;
  }
  return out;
}
