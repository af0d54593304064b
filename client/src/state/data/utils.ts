import type { GraphEdge, GraphNode } from '../../../../contract';
import type { GraphData } from './types';

/** The label that decides a node's colour and kind: the first one, or "Node" when it has none. */
export function primaryLabel(node: Pick<GraphNode, 'labels'>): string {
  return node.labels[0] ?? 'Node';
}

/** The node's aliases, from an `aliases` list property (strings only). */
export function aliasesOf(node: GraphNode): string[] {
  const a = node.properties['aliases'];
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** The relationships of `data` whose two ends are both in `ids`, in id order. */
export function edgesWithin(data: GraphData, ids: ReadonlySet<string>): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (const e of Object.values(data.edges)) if (ids.has(e.source) && ids.has(e.target)) out.push(e);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The relationships touching a node. */
export function edgesOf(data: GraphData, id: string): GraphEdge[] {
  return Object.values(data.edges).filter((e) => e.source === id || e.target === id);
}

/** The meeting date of a node as 'YYYY-MM-DD', or null when it is not a dated meeting. */
export function meetingDate(node: GraphNode): string | null {
  if (!node.labels.includes('Meeting')) return null;
  const d = node.properties['date'];
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : null;
}
