import type { NodeDetails } from '../../../../contract';

/** What a node can be expanded by: its relationship types and its neighbours' labels, with neighbour counts. */
export interface ExpandChoices {
  types: { type: string; count: number }[];
  labels: { label: string; count: number }[];
}

/**
 * The "Expand by" menu of a node, from its details: per relationship type, how many distinct neighbours it links
 * to; per label, how many distinct neighbours carry it (a neighbour with two labels counts under both). Sorted by
 * count, then by name. Relationships to the node itself are left out (no neighbour to bring).
 */
export function expandChoices(details: Pick<NodeDetails, 'node' | 'relationships'>): ExpandChoices {
  const byType = new Map<string, Set<string>>();
  const byLabel = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, id: string) => m.set(k, (m.get(k) ?? new Set()).add(id));
  for (const { edge, other } of details.relationships) {
    if (other.id === details.node.id) continue;
    add(byType, edge.type, other.id);
    for (const l of other.labels) add(byLabel, l, other.id);
  }
  const list = <K extends string>(m: Map<string, Set<string>>, key: K) =>
    [...m]
      .map(([k, ids]) => ({ [key]: k, count: ids.size }) as { [P in K]: string } & { count: number })
      .sort((a, b) => b.count - a.count || a[key].localeCompare(b[key]));
  return { types: list(byType, 'type'), labels: list(byLabel, 'label') };
}
