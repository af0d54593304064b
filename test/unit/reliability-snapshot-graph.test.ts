// Issue 12, item 7: a snapshot is checked as a graph before it is saved (neo4j-free; the route is covered by
// test/reliability/snapshot-graph.test.ts).
import { describe, expect, it } from 'vitest';
import type { SnapshotDocument } from '../../contract';
import { checkSnapshotGraph } from '../../server/src/repositories/snapshot-graph';

type G = SnapshotDocument['graph'];
const node = (id: string) => ({ id, label: id, kind: 'Person', x: 0, y: 0, size: 1, color: '#000' });
const edge = (id: string, source: string, target: string) => ({
  id,
  source,
  target,
  type: 'MET',
  color: '#000',
  size: 1,
});

describe('checkSnapshotGraph', () => {
  it('accepts unique ids and edges between known nodes (an empty graph too)', () => {
    expect(() =>
      checkSnapshotGraph({ nodes: [node('a'), node('b')], edges: [edge('e1', 'a', 'b'), edge('e2', 'b', 'a')] }),
    ).not.toThrow();
    expect(() => checkSnapshotGraph({ nodes: [], edges: [] })).not.toThrow();
  });

  it('names a duplicate edge id', () => {
    const g: G = { nodes: [node('a'), node('b')], edges: [edge('e1', 'a', 'b'), edge('e1', 'b', 'a')] };
    expect(() => checkSnapshotGraph(g)).toThrow(/graph\.edges: edge id "e1" appears more than once/);
  });

  it('names a duplicate node id', () => {
    expect(() => checkSnapshotGraph({ nodes: [node('a'), node('a')], edges: [] })).toThrow(
      /node id "a" appears more than once/,
    );
  });

  it('names an edge whose end is not a node of the snapshot, and that end', () => {
    const g: G = { nodes: [node('a')], edges: [edge('e1', 'a', 'ghost')] };
    expect(() => checkSnapshotGraph(g)).toThrow(/edge "e1" ends at node "ghost", which is not in graph\.nodes/);
  });

  it('is a 400 and lists at most five ids', () => {
    const nodes = Array.from({ length: 8 }, () => node('same'));
    try {
      checkSnapshotGraph({ nodes, edges: [] });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ statusCode: 400, code: 'bad_request' });
    }
    const edges = Array.from({ length: 8 }, (_, i) => edge(`e${i}`, 'x', 'y'));
    expect(() => checkSnapshotGraph({ nodes: [], edges })).toThrow(/"e4" and 3 more/);
  });
});
