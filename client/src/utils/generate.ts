import type { GraphEdge, GraphNode, Subgraph } from '../../../contract';
import { mulberry32 } from './rng';

const LABELS = ['Person', 'Person', 'Person', 'Agency', 'Meeting', 'Issue', 'Place'];

/**
 * A seeded synthetic graph for load tests: `nodes` nodes (`gen:0` … ), `edges` edges. Node `gen:0` is a hub linked
 * to every other node (so it has nodes − 1 neighbours); the remaining edges join random pairs.
 */
export function generateGraph(nodes: number, edges: number, seed = 1): Subgraph {
  const rng = mulberry32(seed);
  const ns: GraphNode[] = [];
  for (let i = 0; i < nodes; i++) {
    const label = i === 0 ? 'Person' : LABELS[Math.floor(rng() * LABELS.length)]!;
    const props: Record<string, string> = { name: `${label} ${i}` };
    if (label === 'Meeting') {
      const m = 1 + Math.floor(rng() * 12);
      const d = 1 + Math.floor(rng() * 28);
      props['date'] = `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
    ns.push({ id: `gen:${i}`, labels: [label], name: props['name']!, properties: props });
  }
  const es: GraphEdge[] = [];
  const edge = (s: number, t: number, type: string) =>
    es.push({
      id: `gen:e${es.length}`,
      source: `gen:${s}`,
      target: `gen:${t}`,
      type,
      properties: {},
      evidence: [],
      inferred: false,
    });
  for (let i = 1; i < nodes && es.length < edges; i++) edge(0, i, 'KNOWS');
  while (es.length < edges && nodes > 1) {
    const s = Math.floor(rng() * nodes);
    let t = Math.floor(rng() * nodes);
    if (t === s) t = (t + 1) % nodes;
    edge(s, t, rng() < 0.5 ? 'RELATED_TO' : 'ATTENDED');
  }
  return { nodes: ns, edges: es, truncated: false };
}
