/**
 * The review screen's pure producers (no React, no store, no fetch): the proposals as one keyboard-ordered list
 * of items in groups; the article cut into plain and highlighted pieces around every proposal's quote (rendered
 * as <mark> elements by ArticleText — never as HTML); the analyst's edits applied to the proposals (names,
 * labels, meeting dates and attendees, merges with existing nodes); the request that turns the accepted part
 * into a data set; and the small graph of what will be added.
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

/** An edit of a meeting: its date (YYYY-MM-DD, or null for none) and its attendees (entity keys). */
export interface MeetingEdit {
  date: string | null;
  attendees: string[];
}

/**
 * Merge choice of an entity: `undefined` = the proposed match when there is one, `false` = add it as a new node,
 * or an existing node the analyst picked (from the proposed match or a search of the graph).
 */
export type MergeChoice = { id: string; name: string; chosen: boolean } | false | undefined;

export interface ReviewState {
  decisions: Record<string, Decision>;
  edits: Record<string, Edit>;
  meetingEdits: Record<string, MeetingEdit>;
  merges: Record<string, MergeChoice>;
}

/** The node an entity becomes: an existing one (proposed match unless refused, or the analyst's pick), or none. */
export function mergeTarget(
  e: ExtractResponse['entities'][number],
  merges: ReviewState['merges'],
): { id: string; name: string; chosen: boolean } | null {
  const m = merges[e.key];
  if (m === false) return null;
  if (m) return m;
  return e.match ? { id: e.match.id, name: e.match.name ?? e.match.id, chosen: false } : null;
}

/** a meeting's name with the date the analyst set ("Meeting in Geneva (3 March 2025)" → "… (2025-03-02)") */
export function meetingName(m: { name: string; date: string | null }, date: string | null): string {
  if (date === m.date) return m.name;
  return `${m.name.replace(/ \([^)]*\)$/, '')}${date ? ` (${date})` : ''}`;
}

const ATTENDANCE = new Set(['ATTENDED', 'PARTICIPATED_IN']);

/**
 * The proposals with the analyst's edits applied, and the index of each relationship in the original proposals
 * (`null` for one the analyst's edit added). A meeting whose date is edited says so (`dateInferred` with the
 * reason: the text does not state that date); an attendee removed loses its attendance; an attendee added gets
 * one whose evidence is the meeting's own sentence, marked inferred (the sentence tells of the meeting, not
 * necessarily of that attendee).
 */
export function editedProposals(
  p: ExtractResponse,
  s: Pick<ReviewState, 'edits' | 'meetingEdits' | 'merges'>,
): { proposals: ExtractResponse; origin: (number | null)[] } {
  const entities = p.entities.map((e) => {
    const target = mergeTarget(e, s.merges);
    const edited = { ...e, ...(s.edits[e.key] ?? {}) };
    // a node the analyst picked becomes the entity's match, so the data set keeps that node's name
    return target?.chosen
      ? { ...edited, match: { id: target.id, name: target.name, score: 1, reason: 'chosen by the analyst' } }
      : edited;
  });
  const labelOf = new Map(entities.map((e) => [e.key, e.label]));
  const meetings = p.meetings.map((m) => {
    const edit = s.meetingEdits[m.key];
    if (!edit) return m;
    const dateChanged = edit.date !== m.date;
    return {
      ...m,
      attendees: edit.attendees,
      ...(dateChanged
        ? {
            // the name says the date the analyst set ("Meeting in Geneva (3 March 2025)" → "… (2025-03-02)")
            name: meetingName(m, edit.date),
            date: edit.date,
            monthDay: edit.date ? edit.date.slice(5) : null,
            dateInferred: edit.date !== null,
            dateInferenceReason: `Date set by the analyst on review; the text says ${m.dateText ? `“${m.dateText}”` : 'no date'}.`,
          }
        : {}),
    };
  });
  const relationships: ExtractResponse['relationships'] = [];
  const origin: (number | null)[] = [];
  p.relationships.forEach((r, i) => {
    const edit = s.meetingEdits[r.target];
    if (edit && ATTENDANCE.has(r.type) && !edit.attendees.includes(r.source)) return;
    relationships.push(r);
    origin.push(i);
  });
  for (const m of p.meetings) {
    const edit = s.meetingEdits[m.key];
    if (!edit) continue;
    for (const key of edit.attendees) {
      if (m.attendees.includes(key)) continue;
      const label = labelOf.get(key);
      if (!label || !m.quotes[0]) continue;
      relationships.push({
        type: label === 'Person' ? 'ATTENDED' : 'PARTICIPATED_IN',
        source: key,
        target: m.key,
        quote: m.quotes[0],
        confidence: 0.5,
        inferred: true,
        inferenceReason:
          'Added by the analyst on review: the sentence tells of the meeting, not in so many words of this attendee.',
        properties: {},
        rule: 'analyst',
      });
      origin.push(null);
    }
  }
  return { proposals: { ...p, entities, meetings, relationships }, origin };
}

/** The request of POST /api/extract/dataset: the edited proposals, what was accepted, and the merges. */
export function datasetRequest(p: ExtractResponse, s: ReviewState) {
  const ok = (id: string) => s.decisions[id] === 'accepted';
  const { proposals, origin } = editedProposals(p, s);
  const acceptedEntities = proposals.entities.filter((e) => ok(`e:${e.key}`));
  return {
    proposals,
    accepted: {
      entities: acceptedEntities.map((e) => e.key),
      meetings: proposals.meetings.filter((m) => ok(`m:${m.key}`)).map((m) => m.key),
      // an attendance the analyst added comes with its meeting
      relationships: proposals.relationships.flatMap((r, i) =>
        (origin[i] === null ? ok(`m:${r.target}`) : ok(`r:${origin[i]}`)) ? [i] : [],
      ),
    },
    merges: Object.fromEntries(
      acceptedEntities.flatMap((e) => {
        const t = mergeTarget(e, s.merges);
        return t ? [[e.key, t.id]] : [];
      }),
    ) as Record<string, string>,
  };
}

export interface PreviewNode {
  id: string;
  label: string;
  name: string;
  /** already in the graph (merged into an existing node) rather than new */
  existing: boolean;
}
export interface PreviewEdge {
  id: string;
  source: string;
  target: string;
  type: string;
}

/**
 * What "Add to graph" would add, as a small graph: the accepted entities and meetings (an entity merged into an
 * existing node appears as that node, marked existing) and the accepted relationships between them, attendances
 * added by the analyst included. Sorted, so one review always draws one graph.
 */
export function previewGraph(p: ExtractResponse, s: ReviewState): { nodes: PreviewNode[]; edges: PreviewEdge[] } {
  const req = datasetRequest(p, s);
  const idOf = (key: string) => req.merges[key] ?? key;
  const nodes = new Map<string, PreviewNode>();
  for (const e of req.proposals.entities) {
    if (!req.accepted.entities.includes(e.key)) continue;
    const t = mergeTarget(e, s.merges);
    const id = idOf(e.key);
    nodes.set(id, { id, label: e.label, name: t ? t.name : e.name, existing: !!t });
  }
  for (const m of req.proposals.meetings) {
    if (req.accepted.meetings.includes(m.key))
      nodes.set(m.key, { id: m.key, label: 'Meeting', name: m.name, existing: false });
  }
  const edges = new Map<string, PreviewEdge>();
  for (const i of req.accepted.relationships) {
    const r = req.proposals.relationships[i]!;
    const [source, target] = [idOf(r.source), idOf(r.target)];
    if (!nodes.has(source) || !nodes.has(target) || source === target) continue;
    const id = `${source}|${r.type}|${target}`;
    edges.set(id, { id, source, target, type: r.type });
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byId) };
}
