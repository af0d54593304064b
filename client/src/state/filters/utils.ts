import type { GraphEdge, GraphNode } from '../../../../contract';
import { primaryLabel } from '../data/utils';
import { carriesDate, nodeDateSpan, spanInRange, type DateProperty } from './dates';
import type { Filters, HistogramBin } from './types';

const emptyFiltersValue: Filters = { hiddenLabels: [], hiddenTypes: [], from: null, to: null };

/** Counts by primary label, sorted by label. */
export function labelCounts(nodes: Iterable<GraphNode>): { label: string; count: number }[] {
  const m = new Map<string, number>();
  for (const n of nodes) m.set(primaryLabel(n), (m.get(primaryLabel(n)) ?? 0) + 1);
  return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => a.label.localeCompare(b.label));
}

/** Counts by relationship type, sorted by type. */
export function typeCounts(edges: Iterable<Pick<GraphEdge, 'type'>>): { type: string; count: number }[] {
  const m = new Map<string, number>();
  for (const e of edges) m.set(e.type, (m.get(e.type) ?? 0) + 1);
  return [...m].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
}

/** Whether a date is inside the filter's time range (bounds included). */
export function inTimeRange(date: string, f: Pick<Filters, 'from' | 'to'>): boolean {
  return (f.from === null || date >= f.from) && (f.to === null || date <= f.to);
}

/**
 * The one rule for meetings without a date under a time range, the API's (GET /api/graph?from=&to= leaves them
 * out) applied in the client too, and said under the time bar.
 */
export const UNDATED_RULE = 'With a date range set, meetings without a date are left out (as in the API).';

/**
 * Whether the node is inside the time range: a node without the dates read (not a meeting, or without the chosen
 * `dateProperty`), a dated one in range (a year or month value overlapping it), or any node with no range.
 */
export function nodeInTime(node: GraphNode, f: Pick<Filters, 'from' | 'to' | 'dateProperty'>): boolean {
  if (f.from === null && f.to === null) return true;
  if (!carriesDate(node, f.dateProperty)) return true;
  const span = nodeDateSpan(node, f.dateProperty);
  return span !== null && spanInRange(span, f.from, f.to);
}

/** Whether the node passes the filters (its label shown, and inside the time range: see UNDATED_RULE). */
export function nodePasses(node: GraphNode, f: Filters): boolean {
  return !f.hiddenLabels.includes(primaryLabel(node)) && nodeInTime(node, f);
}

/** Whether a relationship passes the type filter (its ends are checked separately). */
export function edgePasses(edge: Pick<GraphEdge, 'type'>, f: Filters): boolean {
  return !f.hiddenTypes.includes(edge.type);
}

/** The sorted distinct meeting dates among the nodes (or the first days of the chosen property's values). */
export function meetingDates(nodes: Iterable<GraphNode>, property: DateProperty = null): string[] {
  const s = new Set<string>();
  for (const n of nodes) {
    const d = nodeDateSpan(n, property)?.[0];
    if (d) s.add(d);
  }
  return [...s].sort();
}

function monthKey(date: string): string {
  return date.slice(0, 7);
}
function nextMonth(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function lastDay(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${key}-${String(d).padStart(2, '0')}`;
}

/**
 * Meetings (or nodes dated by the chosen property) per calendar month — per year when they span over ten
 * years —, from the first dated meeting's month to the last one's (empty months included),
 * with how many of them the filters show (`shown`: the bar is coloured only when some are).
 */
export function meetingHistogram(nodes: Iterable<GraphNode>, f: Filters = emptyFiltersValue): HistogramBin[] {
  const counts = new Map<string, number>();
  const shown = new Map<string, number>();
  for (const n of nodes) {
    const d = nodeDateSpan(n, f.dateProperty)?.[0];
    if (!d) continue;
    counts.set(monthKey(d), (counts.get(monthKey(d)) ?? 0) + 1);
    if (nodePasses(n, f)) shown.set(monthKey(d), (shown.get(monthKey(d)) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const keys = [...counts.keys()].sort();
  // over ten years (a movie's release year, a person's birth year): one bin per year, not hundreds of months
  if (Number(keys[keys.length - 1]!.slice(0, 4)) - Number(keys[0]!.slice(0, 4)) > 10) return yearBins(counts, shown);
  const bins: HistogramBin[] = [];
  for (let k = keys[0]!; k <= keys[keys.length - 1]!; k = nextMonth(k)) {
    bins.push({ start: `${k}-01`, end: lastDay(k), count: counts.get(k) ?? 0, shown: shown.get(k) ?? 0 });
  }
  return bins;
}

function yearBins(counts: Map<string, number>, shown: Map<string, number>): HistogramBin[] {
  const byYear = (m: Map<string, number>) => {
    const out = new Map<number, number>();
    for (const [k, n] of m) out.set(Number(k.slice(0, 4)), (out.get(Number(k.slice(0, 4))) ?? 0) + n);
    return out;
  };
  const [c, s] = [byYear(counts), byYear(shown)];
  const years = [...c.keys()].sort((a, b) => a - b);
  const bins: HistogramBin[] = [];
  for (let y = years[0]!; y <= years[years.length - 1]!; y++) {
    bins.push({ start: `${y}-01-01`, end: `${y}-12-31`, count: c.get(y) ?? 0, shown: s.get(y) ?? 0 });
  }
  return bins;
}

/** Every day from `first` to `last` inclusive (YYYY-MM-DD); empty when either is missing or they are reversed. */
export function daysBetween(first: string | undefined, last: string | undefined): string[] {
  if (!first || !last || first > last) return [];
  const out: string[] = [];
  const d = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`).getTime();
  while (d.getTime() <= end && out.length < 100_000) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}
