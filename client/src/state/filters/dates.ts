/**
 * The time bar's dates from any date-like property the user picks (the server lists them per label in
 * `GET /api/schema`, `dateProperties`): Neo4j dates and datetimes (sent as ISO strings), ISO-like strings
 * (`2025`, `2025-02`, `2025-02-27…`) and whole-number years from 1000 to 2100. A value is a span of days: a year
 * covers its whole year and a month its whole month, as in the API (`GET /api/graph?dateProperty=`). Pure.
 */
import type { GraphNode } from '../../../../contract';
import { meetingDate } from '../data/utils';

/** The chosen property (null: Parley's meeting dates, `Meeting.date`). */
export type DateProperty = string | null | undefined;

const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** The first and last day a date-like value covers (YYYY-MM-DD), or null when the value is not date-like. */
export function dateSpan(value: unknown): [string, string] | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1000 && value <= 2100 ? [`${value}-01-01`, `${value}-12-31`] : null;
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T|\s)/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === undefined) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (m[3] === undefined) return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(lastDayOf(y, mo))}`];
  const d = Number(m[3]);
  if (d < 1 || d > lastDayOf(y, mo)) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return [day, day];
}

/**
 * The span of a node's date: its `Meeting.date` by default, else the chosen property's value. Null when the node
 * has no such date (nodes without the property are not judged by the time range: see `nodeInTime`).
 */
export function nodeDateSpan(node: GraphNode, property: DateProperty): [string, string] | null {
  if (!property) {
    const d = meetingDate(node);
    return d === null ? null : [d, d];
  }
  return dateSpan(node.properties[property]);
}

/** Whether a node carries the chosen date property at all (any value); by default, whether it is a meeting. */
export function carriesDate(node: GraphNode, property: DateProperty): boolean {
  if (!property) return node.labels.includes('Meeting');
  const v = node.properties[property];
  return v !== undefined && v !== null;
}

/** Whether a span overlaps the range (bounds included). */
export function spanInRange(span: [string, string], from: string | null, to: string | null): boolean {
  return (from === null || span[1] >= from) && (to === null || span[0] <= to);
}
