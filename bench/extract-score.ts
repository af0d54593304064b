/**
 * Scores extraction proposals against an answer key: precision and recall per kind (people, organisations,
 * places, meetings, attendance, who-met-whom pairs). Pure; used by bench/extract.ts and its unit test.
 *
 * - An entity matches a key entity of the same kind when a name or alias of one equals a name or alias of the
 *   other (case, accents, punctuation and a possessive ’s ignored). Each key entity is matched once: a second
 *   proposal for it (a duplicate) counts as a false positive.
 * - A meeting matches a key meeting with the same status and the same date; when either has no full date, the
 *   same month and day, or — both undated — the same place (or both without one).
 * - Attendance is the set of (entity, meeting) pairs through matched entities and meetings; who-met-whom is the
 *   set of unordered pairs of distinct attendees (people and agencies) of one meeting.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Proposals } from '../contract';

export interface KeyEntity {
  name: string;
  aliases: string[];
}
export interface KeyMeeting {
  id: string;
  status: 'held' | 'planned';
  date: string | null;
  place: string | null;
}
export interface AnswerKey {
  text: string;
  published: string | null;
  people: KeyEntity[];
  organisations: KeyEntity[];
  places: KeyEntity[];
  meetings: KeyMeeting[];
  /** [entity name, meeting id] */
  attendance: [string, string][];
}

export const KINDS = ['people', 'organisations', 'places', 'meetings', 'attendance', 'pairs'] as const;
export type Kind = (typeof KINDS)[number];
export interface Count {
  tp: number;
  fp: number;
  fn: number;
}
export type Scores = Record<Kind, Count>;

export const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const LABEL_OF: Record<'people' | 'organisations' | 'places', string> = {
  people: 'Person',
  organisations: 'Agency',
  places: 'Place',
};

export const precision = (c: Count) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Count) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

function setScore<T>(predicted: Set<T>, expected: Set<T>): Count {
  let tp = 0;
  for (const x of predicted) if (expected.has(x)) tp++;
  return { tp, fp: predicted.size - tp, fn: expected.size - tp };
}

export function score(p: Proposals, key: AnswerKey): Scores {
  const out = {} as Scores;
  /** proposal key → key entity name */
  const entityMap = new Map<string, string>();
  for (const kind of ['people', 'organisations', 'places'] as const) {
    const expected = key[kind];
    const used = new Set<string>();
    let tp = 0;
    let fp = 0;
    for (const e of p.entities.filter((x) => x.label === LABEL_OF[kind])) {
      const mine = new Set([e.name, ...e.aliases].map(fold));
      const hit = expected.find((k) => [k.name, ...k.aliases].some((n) => mine.has(fold(n))));
      if (hit && !used.has(hit.name)) {
        used.add(hit.name);
        entityMap.set(e.key, hit.name);
        tp++;
      } else fp++;
    }
    out[kind] = { tp, fp, fn: expected.length - tp };
  }

  const meetingMap = new Map<string, string>();
  const placeName = (k: string | null) => (k ? (p.entities.find((e) => e.key === k)?.name ?? k) : null);
  const used = new Set<string>();
  for (const m of p.meetings) {
    const place = placeName(m.place);
    const hit = key.meetings.find((k) => {
      if (used.has(k.id) || k.status !== m.status) return false;
      if (k.date && m.date) return k.date === m.date;
      if (k.date && m.monthDay) return k.date.slice(5) === m.monthDay;
      if (!k.date && !m.date && !m.monthDay)
        return (k.place === null && place === null) || (!!k.place && !!place && fold(k.place) === fold(place));
      return false;
    });
    if (hit) {
      used.add(hit.id);
      meetingMap.set(m.key, hit.id);
    }
  }
  out.meetings = {
    tp: meetingMap.size,
    fp: p.meetings.length - meetingMap.size,
    fn: key.meetings.length - meetingMap.size,
  };

  const predictedAttendance = new Set<string>();
  const byMeeting = new Map<string, Set<string>>();
  for (const r of p.relationships) {
    if (r.type !== 'ATTENDED' && r.type !== 'PARTICIPATED_IN') continue;
    const who = entityMap.get(r.source) ?? `?${r.source}`;
    const meeting = meetingMap.get(r.target) ?? `?${r.target}`;
    predictedAttendance.add(`${who}\u0000${meeting}`);
    byMeeting.set(meeting, (byMeeting.get(meeting) ?? new Set()).add(who));
  }
  const expectedAttendance = new Set(key.attendance.map(([who, m]) => `${who}\u0000${m}`));
  out.attendance = setScore(predictedAttendance, expectedAttendance);

  const pairsOf = (groups: Iterable<Set<string>>) => {
    const pairs = new Set<string>();
    for (const g of groups) {
      const list = [...g].sort();
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) pairs.add(`${list[i]}\u0000${list[j]}`);
    }
    return pairs;
  };
  const expectedGroups = new Map<string, Set<string>>();
  for (const [who, m] of key.attendance) expectedGroups.set(m, (expectedGroups.get(m) ?? new Set()).add(who));
  out.pairs = setScore(pairsOf(byMeeting.values()), pairsOf(expectedGroups.values()));
  return out;
}

/** The seed's graph as an answer key: its people, agencies, places, meetings and attendance. */
export function seedKey(seedFile: string): AnswerKey & { textFile: string } {
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as {
    sources: { textFile: string }[];
    nodes: { id: string; label: string; name: string; aliases: string[]; properties: Record<string, unknown> }[];
    relationships: { type: string; source: string; target: string }[];
  };
  const of = (label: string) =>
    seed.nodes.filter((n) => n.label === label).map((n) => ({ name: n.name, aliases: n.aliases }));
  const nameOf = (id: string) => seed.nodes.find((n) => n.id === id)?.name ?? id;
  return {
    text: path.basename(seed.sources[0]!.textFile),
    textFile: path.join(path.dirname(seedFile), seed.sources[0]!.textFile),
    published: null,
    people: of('Person'),
    organisations: of('Agency'),
    places: of('Place'),
    meetings: seed.nodes
      .filter((n) => n.label === 'Meeting')
      .map((n) => ({
        id: n.id,
        status: n.properties.status as 'held' | 'planned',
        date: (n.properties.date as string | null) ?? null,
        place: (() => {
          const r = seed.relationships.find((x) => x.type === 'HELD_IN' && x.source === n.id);
          return r ? nameOf(r.target) : null;
        })(),
      })),
    attendance: seed.relationships
      .filter((r) => r.type === 'ATTENDED' || r.type === 'PARTICIPATED_IN')
      .map((r) => [nameOf(r.source), r.target] as [string, string]),
  };
}

export function add(a: Scores, b: Scores): Scores {
  const out = {} as Scores;
  for (const k of KINDS) out[k] = { tp: a[k].tp + b[k].tp, fp: a[k].fp + b[k].fp, fn: a[k].fn + b[k].fn };
  return out;
}

export const zero = (): Scores => Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Scores;
