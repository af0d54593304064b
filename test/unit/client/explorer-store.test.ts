/**
 * The explorer store's actions over a hand-written graph (through the generated-graph GraphSource, which serves
 * any subgraph held in the browser): expand, "+N more", collapse, hide, undo / redo, path, and the selection's
 * details, with exact results.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearPath,
  collapseNode,
  EXPAND_BY_LIMIT,
  expandBy,
  expandNode,
  findPath,
  getExplorer,
  hideNode,
  redo,
  select,
  setExplorer,
  setSettings,
  switchSource,
  undo,
  viewOf,
} from '../../../client/src/core/explorer';
import type { NeighborFilter, NeighborsResponse } from '../../../contract';
import { generatedSource } from '../../../client/src/testing/generatedSource';
import { edge, node } from './fixtures';

// a star around h (h–a, h–b, h–c), and a tail c–d–e
const graph = {
  nodes: ['h', 'a', 'b', 'c', 'd', 'e'].map((id) => node(id, 'Person', { name: id.toUpperCase() })),
  edges: [
    edge('h', 'KNOWS', 'a', { id: 'ha' }),
    edge('h', 'KNOWS', 'b', { id: 'hb' }),
    edge('h', 'KNOWS', 'c', { id: 'hc' }),
    edge('c', 'KNOWS', 'd', { id: 'cd' }),
    edge('d', 'KNOWS', 'e', { id: 'de' }),
  ],
  truncated: false,
};

const visible = () => [...viewOf(getExplorer()).visible].sort();
const undoLabelNow = () => getExplorer().session!.history.presentLabel;

beforeEach(async () => {
  setExplorer({ session: null, selection: null, path: null, pathMessage: null });
  setSettings({ cap: 2 });
  await switchSource(generatedSource(graph), ['h']);
});

describe('explorer store', () => {
  it('expands within two hops through the "expand by" action, in one undoable step that says so', async () => {
    const asked: { id: string; limit: number; offset: number; filter: NeighborFilter | undefined }[] = [];
    // what the server answers for h within two hops, a page of 2 of 4: a and b one hop away, then d through c
    const answer: NeighborsResponse = {
      nodes: graph.nodes.filter((n) => ['h', 'a', 'b', 'c', 'd'].includes(n.id)),
      edges: graph.edges.filter((e) => ['ha', 'hb', 'hc', 'cd'].includes(e.id)),
      truncated: true,
      total: 150,
      offset: 0,
    };
    const base = generatedSource(graph);
    await switchSource(
      {
        ...base,
        neighbors: (id, limit, offset, filter) => {
          asked.push({ id, limit, offset, filter });
          return filter?.hops === 2 ? Promise.resolve(answer) : base.neighbors(id, limit, offset, filter);
        },
      },
      ['h'],
    );
    await expandBy('h', { hops: 2 });
    expect(asked).toEqual([{ id: 'h', limit: EXPAND_BY_LIMIT, offset: 0, filter: { hops: 2 } }]);
    expect(visible()).toEqual(['a', 'b', 'c', 'd', 'h']);
    expect(undoLabelNow()).toBe('expand within two hops');
    expect(getExplorer().notice).toBe(
      `Showing the ${EXPAND_BY_LIMIT} nearest of 150 nodes within two hops (one hop first, most connected first).`,
    );
    undo();
    expect(visible()).toEqual(['h']);
  });

  it('expands two neighbours at a time, then the next page, and collapses them all in one step', async () => {
    expect(visible()).toEqual(['h']);
    await expandNode('h');
    expect(visible()).toEqual(['a', 'b', 'h']);
    expect(viewOf(getExplorer()).expansions).toEqual([{ anchor: 'h', added: ['a', 'b'], loaded: 2, total: 3 }]);
    await expandNode('h');
    expect(visible()).toEqual(['a', 'b', 'c', 'h']);
    collapseNode('h');
    expect(visible()).toEqual(['h']);
  });

  it('undoes and redoes steps, hide included', async () => {
    await expandNode('h');
    hideNode('a');
    expect(visible()).toEqual(['b', 'h']);
    undo();
    expect(visible()).toEqual(['a', 'b', 'h']);
    undo();
    expect(visible()).toEqual(['h']);
    redo();
    expect(visible()).toEqual(['a', 'b', 'h']);
  });

  it('finds the shortest path, brings it into view, and says when there is none', async () => {
    await findPath({ id: 'a', name: 'A' }, { id: 'e', name: 'E' });
    expect(getExplorer().path).toEqual({
      nodes: ['a', 'h', 'c', 'd', 'e'],
      edges: ['ha', 'hc', 'cd', 'de'],
      names: ['A', 'H', 'C', 'D', 'E'],
    });
    expect(getExplorer().pathMessage).toBe('Connected in 4 steps: A → H → C → D → E');
    expect(visible()).toEqual(['a', 'c', 'd', 'e', 'h']);
    expect(undoLabelNow()).toBe('show path');
    clearPath();
    await findPath({ id: 'a', name: 'A' }, { id: 'nobody', name: 'Nobody' });
    expect(getExplorer().path).toBeNull();
    expect(getExplorer().pathMessage).toBe('No path: A and Nobody are not connected within 6 steps.');
  });

  it("fetches the selected node's details from the source", async () => {
    select({ kind: 'node', id: 'c' });
    await new Promise((r) => setTimeout(r, 0));
    const d = getExplorer().details;
    expect(d?.id).toBe('c');
    expect(d?.details?.relationships.map((r) => `${r.direction}:${r.other.id}`).sort()).toEqual(['in:h', 'out:d']);
  });
});
