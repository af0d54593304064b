/**
 * Dates and times in the text. compromise-dates finds the phrases; this module turns each into a calendar
 * date against the article's publication date when the user gave one. What the text does not state (the year
 * of "April 10", the day of "on Thursday") is marked inferred with the reason, as the seed does; without a
 * publication date such a date stays partial (`date: null`, `monthDay` kept) rather than being guessed.
 */
import { isIsoDate } from '../../../contract';
import { dateRanges, rangeText, type Parsed, type Range } from './nlp';

export interface DateMention {
  range: Range;
  text: string;
  /** YYYY-MM-DD, or null when the text and the publication date do not fix it */
  date: string | null;
  /** MM-DD when the month and day are stated */
  monthDay: string | null;
  weekday: string | null;
  /** the time of day when stated, e.g. "10 a.m." */
  time: string | null;
  inferred: boolean;
  inferenceReason?: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_SHORT = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const RELATIVE: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parseIso = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  return full >= 0 ? full : w.length >= 3 ? MONTH_SHORT.indexOf(w.slice(0, 3)) : -1;
}

/** month, day and year as written ("April 10", "10 April 2025", "April 10, 2025"), or undefined */
function calendarParts(text: string): { month: number; day: number; year?: number } | undefined {
  const words = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const m = monthIndex(words[i]!);
    if (m < 0 || !/^[A-Za-z]{3,}\.?$/.test(words[i]!)) continue;
    const after = /^(\d{1,2})(st|nd|rd|th)?$/.exec(words[i + 1] ?? '');
    const before = /^(\d{1,2})(st|nd|rd|th)?$/.exec(words[i - 1] ?? '');
    const dayMatch = after ?? before;
    if (!dayMatch) continue;
    const yearWord = words.slice(i + 1, i + 4).find((w) => /^\d{4}$/.test(w));
    const out: { month: number; day: number; year?: number } = { month: m + 1, day: Number(dayMatch[1]) };
    if (yearWord) out.year = Number(yearWord);
    return out;
  }
  const isoMatch = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (isoMatch) return { year: Number(isoMatch[1]), month: Number(isoMatch[2]), day: Number(isoMatch[3]) };
  return undefined;
}

/**
 * Normalises one date phrase. `published` is the article's date (YYYY-MM-DD) or null; `future` says the
 * sentence speaks of what is to come (a weekday then means the next one, not the last one).
 */
export function normaliseDate(text: string, published: string | null, future = false): Omit<DateMention, 'range'> {
  const base = { text, date: null, monthDay: null, weekday: null, time: null, inferred: false } as Omit<
    DateMention,
    'range'
  >;
  const timeMatch = /\b(\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC)|\d{1,2}:\d{2}|noon|midnight)/i.exec(text);
  if (timeMatch) base.time = timeMatch[1]!;
  const parts = calendarParts(text);
  const lower = text.toLowerCase();
  const weekday = WEEKDAYS.find((w) => new RegExp(`\\b${w}\\b`).test(lower)) ?? null;
  base.weekday = weekday;
  if (parts) {
    base.monthDay = `${pad(parts.month)}-${pad(parts.day)}`;
    if (parts.year !== undefined) {
      const d = `${parts.year}-${base.monthDay}`;
      if (isIsoDate(d)) base.date = d;
      return base;
    }
    if (!published) return base;
    const pub = parseIso(published);
    let year = pub.getUTCFullYear();
    const candidate = `${year}-${base.monthDay}`;
    // news reports the past: a date more than a month after publication is last year's, unless it is to come
    if (!future && isIsoDate(candidate) && parseIso(candidate).getTime() > addDays(pub, 31).getTime()) year -= 1;
    if (future && isIsoDate(candidate) && parseIso(candidate).getTime() < addDays(pub, -31).getTime()) year += 1;
    const d = `${year}-${base.monthDay}`;
    if (!isIsoDate(d)) return base;
    base.date = d;
    base.inferred = true;
    base.inferenceReason = `The text gives “${text.trim()}” without a year; ${year} is taken from the article's publication date (${published}).`;
    return base;
  }
  const rel = Object.keys(RELATIVE).find((w) => new RegExp(`\\b${w}\\b`).test(lower));
  if ((weekday || rel) && published) {
    const pub = parseIso(published);
    let d: Date;
    if (rel) d = addDays(pub, RELATIVE[rel]!);
    else {
      const target = WEEKDAYS.indexOf(weekday!);
      const diff = (target - pub.getUTCDay() + 7) % 7;
      d = future ? addDays(pub, diff === 0 ? 7 : diff) : addDays(pub, diff === 0 ? 0 : diff - 7);
    }
    base.date = iso(d);
    base.monthDay = base.date.slice(5);
    base.inferred = true;
    base.inferenceReason = `The text says “${text.trim()}”; the date is counted from the article's publication date (${published}), taking the ${future ? 'next' : 'last'} such day.`;
  }
  return base;
}

/** Every date phrase of the text that names a day (month and day, a weekday, today/yesterday/tomorrow). */
export function findDates(p: Parsed, published: string | null, futureSentences: Set<number>): DateMention[] {
  const out: DateMention[] = [];
  for (const r of dateRanges(p)) {
    const tokens = p.sentences[r.sent]!.tokens.slice(r.from, r.to);
    const namesDay = tokens.some(
      (t) => t.tags.has('Month') || t.tags.has('WeekDay') || /^(today|yesterday|tomorrow)$/i.test(t.text),
    );
    if (!namesDay) continue;
    // compromise-dates includes a leading preposition ("on April 10"); keep the date words only
    let from = r.from;
    while (from < r.to && p.sentences[r.sent]!.tokens[from]!.tags.has('Preposition')) from++;
    const range = { ...r, from };
    out.push({ range, ...normaliseDate(rangeText(p, range), published, futureSentences.has(r.sent)) });
  }
  return out;
}
