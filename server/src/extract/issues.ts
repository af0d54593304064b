/**
 * Topics: the phrase after an ISSUE_RULES match ("talks on …", "concern over …") becomes an Issue, DISCUSSED by
 * the meeting of its sentence or RAISED by the party the rule names. A phrase runs to the next comma, "which",
 * "that", "who" or a finite verb, fourteen words at most.
 */
import { slug, type EntityDraft } from './entities';
import type { MeetingDraft } from './meetings';
import { matchAll, sentenceText, type Parsed, type Range } from './nlp';
import { ISSUE_RULES } from './rules';
import { addRelationship, entitiesIn, type Context } from './types';

const STOP = new Set(['which', 'that', 'who', 'while', 'but', 'whose', 'where', 'when', 'because', 'as']);
const LEADING = new Set(['the', 'a', 'an', 'their', 'its', 'his', 'her', 'our', 'these', 'those']);

function phraseAfter(p: Parsed, sent: number, from: number): Range | undefined {
  const s = p.sentences[sent]!;
  let i = from;
  while (i < s.tokens.length && LEADING.has(s.tokens[i]!.lower)) i++;
  const start = i;
  while (i < s.tokens.length && i - start < 14) {
    const t = s.tokens[i]!;
    const prevVerb = i > start && (s.tokens[i - 1]!.tags.has('Gerund') || s.tokens[i - 1]!.tags.has('Verb'));
    const finiteVerb =
      ['Copula', 'Modal', 'PastTense', 'PresentTense'].some((x) => t.tags.has(x)) && !t.tags.has('Gerund') && !prevVerb;
    if (STOP.has(t.lower) || (i > start && (/[“"(]/.test(t.pre) || finiteVerb))) break;
    i++;
    if (/[,;:.!?”")—–]/.test(t.post)) break;
  }
  return i > start ? { sent, from: start, to: i } : undefined;
}

/** the meeting each sentence speaks of (set by findMeetings through the meetings' quotes) */
function meetingOf(ctx: Context, meetings: MeetingDraft[], sent: number): MeetingDraft | undefined {
  const quote = sentenceText(ctx.p, sent);
  return meetings.find((m) => m.quotes.includes(quote));
}

export function findIssues(ctx: Context, meetings: MeetingDraft[]): EntityDraft[] {
  const issues: EntityDraft[] = [];
  interface Hit {
    rule: (typeof ISSUE_RULES)[number];
    sent: number;
    start: number;
    phrase: Range;
    by?: EntityDraft;
  }
  const hits: Hit[] = [];
  for (const rule of ISSUE_RULES) {
    for (const m of matchAll(ctx.p, rule.match)) {
      if (ctx.skipped.has(m.sent)) continue;
      const phrase = phraseAfter(ctx.p, m.sent, m.to);
      if (!phrase) continue;
      const by = m.groups.by ? entitiesIn(ctx, m.groups.by)[0] : undefined;
      hits.push({ rule, sent: m.sent, start: m.from, phrase, ...(by ? { by } : {}) });
    }
  }
  for (const h of hits) {
    // "Central to the discussions was the U.S. concern over X": the issue is X, the inner phrase
    const inner = hits.find((o) => o !== h && o.sent === h.sent && o.start >= h.phrase.from && o.start < h.phrase.to);
    const phrase = inner ? inner.phrase : h.phrase;
    const s = ctx.p.sentences[h.sent]!;
    const text = ctx.p.text.slice(s.tokens[phrase.from]!.start, s.tokens[phrase.to - 1]!.end);
    const only = s.tokens[phrase.from]!;
    if (phrase.to - phrase.from === 1 && !only.tags.has('Noun')) continue;
    const name = text.charAt(0).toUpperCase() + text.slice(1);
    const key = `issue:${slug(text)}`;
    let issue = issues.find((e) => e.key === key);
    if (!issue) {
      issue = {
        key,
        label: 'Issue',
        name,
        aliases: new Set(),
        mentions: [],
        confidence: h.rule.confidence,
        properties: {},
        rule: h.rule.id,
      };
      if (text !== name) issue.aliases.add(text);
      issues.push(issue);
    }
    const quote = sentenceText(ctx.p, h.sent);
    const reason = h.rule.inferred;
    const base = { quote, confidence: h.rule.confidence, properties: {}, rule: h.rule.id };
    const flags = reason ? { inferred: true, inferenceReason: reason } : { inferred: false };
    const meeting = meetingOf(ctx, meetings, h.sent);
    if (h.rule.type === 'RAISED' && h.by)
      addRelationship(ctx, { type: 'RAISED', source: h.by.key, target: key, ...base, ...flags });
    if (meeting && (h.rule.type === 'DISCUSSED' || !h.by)) {
      addRelationship(ctx, { type: 'DISCUSSED', source: meeting.key, target: key, ...base, ...flags });
    }
  }
  // keep only issues something points at
  return issues.filter((i) => ctx.relationships.some((r) => r.target === i.key));
}
