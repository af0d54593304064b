import type { GraphEdge, GraphNode } from '../../../contract';

export function node(id: string, label: string, props: Record<string, string | string[]> = {}): GraphNode {
  return { id, labels: [label], name: (props['name'] as string | undefined) ?? id, properties: props };
}

let n = 0;
export function edge(source: string, type: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge {
  n++;
  return {
    id: extra.id ?? `e${n}`,
    source,
    target,
    type,
    properties: extra.properties ?? {},
    evidence: extra.evidence ?? [{ sourceId: 'src:1', quote: `${source} ${type} ${target}` }],
    inferred: extra.inferred ?? false,
  };
}

/** Two meetings in Istanbul and Riyadh, three people, one agency. */
export function diplomacy() {
  const nodes = [
    node('p:a', 'Person', { name: 'Ann' }),
    node('p:b', 'Person', { name: 'Bob' }),
    node('p:c', 'Person', { name: 'Cat' }),
    node('m:1', 'Meeting', { name: 'Round 1', date: '2025-02-27', status: 'held' }),
    node('m:2', 'Meeting', { name: 'Round 2', date: '2025-04-10', status: 'held' }),
    node('pl:ist', 'Place', { name: 'Istanbul' }),
    node('ag:x', 'Agency', { name: 'State' }),
  ];
  const edges = [
    edge('p:a', 'ATTENDED', 'm:1', { id: 'a1' }),
    edge('p:b', 'ATTENDED', 'm:1', { id: 'b1' }),
    edge('p:a', 'ATTENDED', 'm:2', { id: 'a2' }),
    edge('p:b', 'ATTENDED', 'm:2', { id: 'b2' }),
    edge('p:c', 'ATTENDED', 'm:2', { id: 'c2' }),
    edge('m:1', 'HELD_IN', 'pl:ist', { id: 'h1' }),
    edge('m:2', 'HELD_IN', 'pl:ist', { id: 'h2' }),
    edge('p:a', 'WORKS_FOR', 'ag:x', { id: 'w1' }),
  ];
  return { nodes, edges };
}
