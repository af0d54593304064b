/**
 * The relationships of the meetings found (meetings.ts): ATTENDED / PARTICIPATED_IN for their attendees (inferred
 * for an attendee known only as "the ambassador", and for the head of a delegation that took part), HELD_IN, and
 * FOLLOWS between numbered rounds.
 */
import type { MeetingDraft } from './meetings';
import { addRelationship, type Context } from './types';

/** ATTENDED / PARTICIPATED_IN for the attendees, HELD_IN, and FOLLOWS between rounds */
export function meetingRelationships(ctx: Context, meetings: MeetingDraft[]): void {
  for (const m of meetings) {
    for (const [e, quote] of m.attendees) {
      const leads = ctx.relationships.find(
        (r) => r.type === 'LEADS' && r.source === e.key && [...m.attendees.keys()].some((a) => a.key === r.target),
      );
      const head = leads && ctx.entities.find((a) => a.key === leads.target);
      const coref = m.inferredAttendees.get(e);
      addRelationship(ctx, {
        type: e.label === 'Person' ? 'ATTENDED' : 'PARTICIPATED_IN',
        source: e.key,
        target: m.key,
        quote,
        confidence: coref ? Math.min(0.6, m.confidence) : m.confidence,
        ...(coref ? { inferred: true as const, inferenceReason: coref } : { inferred: false as const }),
        properties: head ? { role: `head of ${head.name}` } : {},
        rule: 'meeting-attendee',
      });
    }
    // the head of a delegation that took part attended, when the text says who led it
    for (const [agency] of [...m.attendees].filter(([e]) => e.label === 'Agency')) {
      for (const lead of ctx.relationships.filter((r) => r.type === 'LEADS' && r.target === agency.key)) {
        const person = ctx.entities.find((e) => e.key === lead.source);
        if (!person || m.attendees.has(person)) continue;
        addRelationship(ctx, {
          type: 'ATTENDED',
          source: person.key,
          target: m.key,
          quote: lead.quote,
          confidence: 0.6,
          inferred: true,
          inferenceReason: `${person.name} led the ${agency.name}, which took part in the meeting; the text does not say in words that ${person.name} attended.`,
          properties: { role: `head of ${agency.name}` },
          rule: 'leader-of-participant',
        });
      }
    }
    if (m.place) {
      const quote = m.quotes.find((q) => q.includes(m.place!.mentions[0]?.surface ?? m.place!.name)) ?? m.quotes[0]!;
      addRelationship(ctx, {
        type: 'HELD_IN',
        source: m.key,
        target: m.place.key,
        quote,
        confidence: m.placeInferenceReason ? 0.6 : m.confidence,
        ...(m.placeInferenceReason
          ? { inferred: true as const, inferenceReason: m.placeInferenceReason }
          : { inferred: false as const }),
        properties: {},
        rule: m.placeInferenceReason ? 'meeting-place-previous-sentence' : 'meeting-place',
      });
    }
    const previous = m.round !== undefined && meetings.find((o) => o.round === m.round! - 1);
    if (previous) {
      const quote = m.quotes.find((q) => /\b(second|third|fourth|fifth|initial|first)\b/i.test(q)) ?? m.quotes[0]!;
      addRelationship(ctx, {
        type: 'FOLLOWS',
        source: m.key,
        target: previous.key,
        quote,
        confidence: 0.7,
        inferred: false,
        properties: {},
        rule: 'meeting-round',
      });
    }
  }
}
