/**
 * Which meeting already found a new mention of a meeting belongs to (same day, same place, shared attendees), or
 * none: a new meeting. Used by meetings.ts.
 */
import type { DateMention } from './dates';
import type { EntityDraft } from './entities';
import type { MeetingDraft } from './meetings';
import type { MeetingStatus } from './rules';

function sameDay(a: DateMention | null, b: DateMention | null): boolean | undefined {
  if (!a || !b) return undefined;
  if (a.date && b.date) return a.date === b.date;
  if (a.monthDay && b.monthDay) return a.monthDay === b.monthDay;
  return undefined; // a weekday without a publication date: cannot tell
}

export function bestMatch(
  meetings: MeetingDraft[],
  status: MeetingStatus,
  date: DateMention | null,
  place: EntityDraft | null,
  attendees: EntityDraft[],
  verb: boolean,
): MeetingDraft | undefined {
  let best: MeetingDraft | undefined;
  let bestScore = 0;
  for (const m of meetings) {
    if (m.status !== status) continue;
    const day = sameDay(m.date, date);
    if (day === false) continue;
    if (m.place && place && m.place !== place) continue;
    const overlap = attendees.filter((e) => m.attendees.has(e)).length;
    const nothing = !date && !place && attendees.length === 0;
    // a verb tells of an event: shared attendees alone do not make it the same meeting when it has a date or
    // place of its own ("spoke by phone on Friday … later met him in Suva")
    if (verb && !day && !(m.place && m.place === place) && (date || place)) continue;
    // … and one that names someone the meeting did not have is another meeting ("Sybiha later met Fidan")
    if (verb && !day && !(m.place && m.place === place) && attendees.some((e) => !m.attendees.has(e))) continue;
    const score = (day ? 4 : 0) + (m.place && m.place === place ? 2 : 0) + overlap + (nothing ? 0.5 : 0);
    if (score > 0 && score >= bestScore) [best, bestScore] = [m, score];
  }
  return best;
}
