/**
 * A snapshot must be a graph the viewer can draw (issue 12, item 7): node ids unique, edge ids unique, and
 * every edge between two nodes of the snapshot. Checked before saving, so `/s/<id>` never opens on a graph
 * that graphology refuses ("edge already exists"). Kept apart from the snapshot schema (zod) on purpose: the
 * schema says what each field is, this says what they must be together.
 */
import type { SnapshotDocument } from '../../../contract';
import { badRequest } from '../errors';

const SHOWN = 5;
const list = (ids: string[]) =>
  ids
    .slice(0, SHOWN)
    .map((id) => JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id))
    .join(', ') + (ids.length > SHOWN ? ` and ${ids.length - SHOWN} more` : '');

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Throws a 400 naming the duplicate or dangling ids; returns nothing when the graph is sound. */
export function checkSnapshotGraph(graph: SnapshotDocument['graph']): void {
  const problems: string[] = [];
  const nodeIds = graph.nodes.map((n) => n.id);
  const dupNodes = duplicates(nodeIds);
  if (dupNodes.length) problems.push(`graph.nodes: node id ${list(dupNodes)} appears more than once`);
  const dupEdges = duplicates(graph.edges.map((e) => e.id));
  if (dupEdges.length) problems.push(`graph.edges: edge id ${list(dupEdges)} appears more than once`);
  const known = new Set(nodeIds);
  const dangling = graph.edges.filter((e) => !known.has(e.source) || !known.has(e.target));
  if (dangling.length) {
    const ends = [...new Set(dangling.flatMap((e) => [e.source, e.target].filter((id) => !known.has(id))))];
    problems.push(
      `graph.edges: edge ${list(dangling.map((e) => e.id))} ends at node ${list(ends)}, which is not in graph.nodes`,
    );
  }
  if (problems.length) {
    throw badRequest(
      `The snapshot is not a drawable graph: ${problems.join('; ')}. Fix the file or save the view again.`,
    );
  }
}
