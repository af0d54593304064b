import type { Evidence, GraphEdge, GraphNode, SharedMeeting } from '../../../../contract';
import { inTimeRange } from '../filters/utils';
import type { MetEdge, MetProjection } from './types';
import { metEdgeId } from './utils';

export type { MetEdge, MetProjection } from './types';
export * from './utils';

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function byDateThenId(a: SharedMeeting, b: SharedMeeting): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Projects the person–meeting graph onto people: two people are linked when they ATTENDED the same meeting;
 * the weight is the number of such meetings. Places come from the meetings' HELD_IN relationships, evidence
 * from both ATTENDED relationships. Meetings outside the time range (when given) do not count.
 */
export function projectMet(
  nodes: GraphNode[],
  edges: GraphEdge[],
  range: { from: string | null; to: string | null } = { from: null, to: null },
): MetProjection {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const people = nodes.filter((n) => n.labels.includes('Person'));
  const isPerson = (id: string) => byId.get(id)?.labels.includes('Person') ?? false;
  const isMeeting = (id: string) => byId.get(id)?.labels.includes('Meeting') ?? false;

  const attendees = new Map<string, Map<string, Evidence[]>>(); // meeting -> person -> evidence
  const places = new Map<string, { id: string; name: string }[]>();
  for (const e of edges) {
    if (e.type === 'ATTENDED' && isPerson(e.source) && isMeeting(e.target)) {
      const m = attendees.get(e.target) ?? new Map<string, Evidence[]>();
      m.set(e.source, [...(m.get(e.source) ?? []), ...e.evidence]);
      attendees.set(e.target, m);
    } else if (e.type === 'HELD_IN' && isMeeting(e.source)) {
      const place = byId.get(e.target);
      if (!place) continue;
      const list = places.get(e.source) ?? [];
      if (!list.some((p) => p.id === place.id)) list.push({ id: place.id, name: place.name });
      places.set(e.source, list);
    }
  }

  const pairs = new Map<string, MetEdge>();
  for (const [meetingId, who] of attendees) {
    const meeting = byId.get(meetingId)!;
    const date = str(meeting.properties['date']);
    // the one rule for undated meetings (filters UNDATED_RULE): left out while a range is set
    if (date === null ? range.from !== null || range.to !== null : !inTimeRange(date.slice(0, 10), range)) continue;
    const ids = [...who.keys()].sort();
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i]!;
        const b = ids[j]!;
        const evidence = dedupe([...(who.get(a) ?? []), ...(who.get(b) ?? [])]);
        const shared: SharedMeeting = {
          id: meetingId,
          name: meeting.name,
          date,
          status: str(meeting.properties['status']),
          places: (places.get(meetingId) ?? []).sort((p, q) => (p.id < q.id ? -1 : 1)),
          evidence,
        };
        const id = metEdgeId(a, b);
        const edge = pairs.get(id) ?? { id, source: a, target: b, weight: 0, meetings: [] };
        edge.meetings.push(shared);
        edge.weight = edge.meetings.length;
        pairs.set(id, edge);
      }
    }
  }
  const metEdges = [...pairs.values()]
    .map((e) => ({ ...e, meetings: e.meetings.sort(byDateThenId) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { nodes: people, edges: metEdges };
}

function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.sourceId}\u0000${e.quote}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
