import { describe, expect, it } from 'vitest';
import { collapse, collapseSet, expand, localNeighborPage, remaining } from '../../../client/src/state/expansion';
import { graphDataFrom } from '../../../client/src/state/data';
import { emptyView, showNodes } from '../../../client/src/state/view';
import { edge, node } from './fixtures';

const start = showNodes(emptyView, ['a', 'b']);

describe('expand and collapse', () => {
  it('adds only the neighbours not yet in view, placed near the anchor, and records them', () => {
    const v = expand(start, 'a', { nodeIds: ['b', 'c', 'd'], offset: 0, total: 5 });
    expect(v.visible).toEqual(['a', 'b', 'c', 'd']);
    expect(v.expansions).toEqual([{ anchor: 'a', added: ['c', 'd'], loaded: 3, total: 5 }]);
    expect(v.positions['b']).toEqual(start.positions['b']);
    expect(remaining(v, 'a')).toBe(2);
    const a = v.positions['a']!;
    for (const id of ['c', 'd']) {
      const p = v.positions[id]!;
      expect(Math.hypot(p.x - a.x, p.y - a.y)).toBeLessThan(200);
    }
  });

  it('is deterministic (seeded positions)', () => {
    const p = { nodeIds: ['c', 'd'], offset: 0, total: 2 };
    expect(expand(start, 'a', p)).toEqual(expand(start, 'a', p));
  });

  it('a second page ("+N more") extends the same expansion', () => {
    let v = expand(start, 'a', { nodeIds: ['c', 'd'], offset: 0, total: 4 });
    v = expand(v, 'a', { nodeIds: ['e', 'f'], offset: 2, total: 4 });
    expect(v.expansions).toEqual([{ anchor: 'a', added: ['c', 'd', 'e', 'f'], loaded: 4, total: 4 }]);
    expect(remaining(v, 'a')).toBe(0);
  });

  it('collapse removes what the expansion added and nothing else', () => {
    const v = expand(start, 'a', { nodeIds: ['b', 'c', 'd'], offset: 0, total: 3 });
    const c = collapse(v, 'a');
    expect(c.visible).toEqual(['a', 'b']);
    expect(c.expansions).toEqual([]);
    expect(collapse(start, 'a')).toBe(start);
  });

  it('collapse also takes back expansions of nodes that came in through it, not other ones', () => {
    let v = expand(start, 'a', { nodeIds: ['c'], offset: 0, total: 1 });
    v = expand(v, 'c', { nodeIds: ['a', 'x'], offset: 0, total: 2 });
    v = expand(v, 'b', { nodeIds: ['y'], offset: 0, total: 1 });
    expect(collapseSet(v, 'a')).toEqual(['c', 'x']);
    const c = collapse(v, 'a');
    expect(c.visible).toEqual(['a', 'b', 'y']);
    expect(c.expansions.map((e) => e.anchor)).toEqual(['b']);
  });
});

describe('localNeighborPage', () => {
  const data = graphDataFrom({
    nodes: ['h', 'n1', 'n2', 'n3', 'n4'].map((id) => node(id, 'Person')),
    edges: [
      edge('h', 'K', 'n3'),
      edge('n1', 'K', 'h'),
      edge('h', 'K', 'n2'),
      edge('h', 'K', 'n4'),
      edge('n1', 'K', 'n2'),
    ],
  });
  it('pages the neighbours in id order and holds the cap', () => {
    const p1 = localNeighborPage(data, 'h', 2, 0);
    expect(p1.page).toEqual({ nodeIds: ['n1', 'n2'], offset: 0, total: 4 });
    expect(p1.edges).toHaveLength(2);
    expect(localNeighborPage(data, 'h', 2, 2).page).toEqual({ nodeIds: ['n3', 'n4'], offset: 2, total: 4 });
    expect(localNeighborPage(data, 'h', 2, 4).page.nodeIds).toEqual([]);
  });
});
