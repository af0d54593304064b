/**
 * The drawing benchmark's data: a generated data set (bench/generate.ts, seeded) as the plain node and edge
 * lists every arm draws, with fixed positions (seeded, the same for Parley, bare sigma and Cytoscape.js), the
 * colour of each label (Parley's palette) and a size by degree (Parley's 4–18 px scale). Sources are left out:
 * the explorer never draws them as nodes.
 */
import { labelColor } from '../../client/src/graph/palette';
import { mulberry32 } from '../../client/src/utils/rng';
import { nodes, plan, relationships, type SizeName } from '../generate';

export interface DrawNode {
  id: string;
  kind: string;
  name: string;
  x: number;
  y: number;
  size: number;
  color: string;
}
export interface DrawEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  inferred: boolean;
}
export interface DrawData {
  size: string;
  nodes: DrawNode[];
  edges: DrawEdge[];
}

/**
 * Positions: each label in its own sector of a disc, nodes spread by a seeded radius and angle, so the picture is
 * neither a single dot nor a uniform square, and it is the same on every run and in every arm.
 */
export function drawData(size: SizeName, seed = 42): DrawData {
  const p = plan(size);
  const rand = mulberry32(seed + 7);
  const kinds = ['Person', 'Agency', 'Meeting', 'Issue', 'Place'];
  const out: DrawNode[] = [];
  const degree = new Map<string, number>();
  const edges: DrawEdge[] = [];
  for (const r of relationships(p, seed)) {
    edges.push({
      id: `${r.source}|${r.type}|${r.target}`,
      source: r.source,
      target: r.target,
      type: r.type,
      inferred: r.inferred,
    });
    degree.set(r.source, (degree.get(r.source) ?? 0) + 1);
    degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
  }
  let hi = 0;
  let lo = Infinity;
  for (const d of degree.values()) {
    hi = Math.max(hi, d);
    lo = Math.min(lo, d);
  }
  const radius = 40 * Math.sqrt(p.nodes);
  for (const n of nodes(p, seed)) {
    const k = kinds.indexOf(n.label);
    const angle = ((k + rand()) / kinds.length) * 2 * Math.PI;
    const r = radius * Math.sqrt(rand());
    const d = degree.get(n.id) ?? 0;
    out.push({
      id: n.id,
      kind: n.label,
      name: n.name,
      x: Math.round(r * Math.cos(angle) * 100) / 100,
      y: Math.round(r * Math.sin(angle) * 100) / 100,
      size: hi > lo ? 4 + ((d - lo) / (hi - lo)) * 14 : 11,
      color: labelColor(n.label),
    });
  }
  return { size, nodes: out, edges };
}
