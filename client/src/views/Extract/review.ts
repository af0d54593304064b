/**
 * The review screen's plain logic (no React): the proposals as one keyboard-ordered list of items in groups, and
 * the article cut into plain and highlighted pieces around every proposal's quote (rendered as <mark> elements by
 * ArticleText — never as HTML).
 */
import type { ExtractResponse, ProposedEntity } from '../../../../contract';

export type Decision = 'accepted' | 'rejected';
export interface Edit {
  name: string;
  label: ProposedEntity['label'];
}

export interface ReviewItem {
  /** `e:<key>`, `m:<key>` or `r:<index>` */
  id: string;
  kind: 'entity' | 'meeting' | 'relationship';
  group: string;
  quotes: string[];
}

export const GROUPS = ['People', 'Agencies', 'Places', 'Meetings', 'Issues', 'Relationships'] as const;
const GROUP_OF: Record<ProposedEntity['label'], string> = {
  Person: 'People',
  Agency: 'Agencies',
  Place: 'Places',
  Issue: 'Issues',
};

export function reviewItems(p: ExtractResponse, edits: Record<string, Edit>): ReviewItem[] {
  const items: ReviewItem[] = [
    ...p.entities.map((e) => ({
      id: `e:${e.key}`,
      kind: 'entity' as const,
      group: GROUP_OF[edits[e.key]?.label ?? e.label],
      quotes: e.quotes,
    })),
    ...p.meetings.map((m) => ({ id: `m:${m.key}`, kind: 'meeting' as const, group: 'Meetings', quotes: m.quotes })),
    ...p.relationships.map((r, i) => ({
      id: `r:${i}`,
      kind: 'relationship' as const,
      group: 'Relationships',
      quotes: [r.quote],
    })),
  ];
  const rank = (g: string) => GROUPS.indexOf(g as (typeof GROUPS)[number]);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item.group) - rank(b.item.group) || a.i - b.i)
    .map((x) => x.item);
}

export interface Piece {
  text: string;
  /** highlighted: a quote of some proposal; `active` when it is a quote of the current one */
  mark: boolean;
  active: boolean;
}

/** Cuts `text` at the first occurrence of every quote (overlaps merged); `active` quotes are marked apart. */
export function highlight(text: string, quotes: string[], activeQuotes: string[]): Piece[] {
  const spans: [number, number, boolean][] = [];
  const active = new Set(activeQuotes);
  for (const q of new Set([...quotes, ...activeQuotes])) {
    if (!q) continue;
    const at = text.indexOf(q);
    if (at >= 0) spans.push([at, at + q.length, active.has(q)]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number, boolean][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      last[1] = Math.max(last[1], s[1]);
      last[2] = last[2] || s[2];
    } else merged.push([...s]);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const [from, to, isActive] of merged) {
    if (from > at) pieces.push({ text: text.slice(at, from), mark: false, active: false });
    pieces.push({ text: text.slice(from, to), mark: true, active: isActive });
    at = to;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false, active: false });
  return pieces;
}
