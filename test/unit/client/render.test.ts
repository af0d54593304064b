import { describe, expect, it } from 'vitest';
import { graphDataFrom } from '../../../client/src/state/data';
import {
  communityCounts,
  deriveRenderModel,
  distanceToSegment,
  MORE_HANDLE_OFFSET,
  nearestSegment,
} from '../../../client/src/state/render';
import { emptyView, neighbourhoodInView } from '../../../client/src/state/view';
import type { ViewState } from '../../../client/src/state/view/types';
import { edge, node } from './fixtures';

describe('edge picking geometry', () => {
  const seg = { id: 'e', x1: 0, y1: 0, x2: 10, y2: 0 };
  it('measures to the segment, or to its nearest end past either end', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, seg)).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, seg)).toBe(5);
    expect(distanceToSegment({ x: -3, y: -4 }, seg)).toBe(5);
    expect(distanceToSegment({ x: 1, y: 1 }, { id: 'p', x1: 1, y1: 2, x2: 1, y2: 2 })).toBe(1);
  });
  it('takes the nearest segment within the tolerance, none beyond it', () => {
    const other = { id: 'f', x1: 0, y1: 6, x2: 10, y2: 6 };
    expect(nearestSegment({ x: 5, y: 2 }, [seg, other], 7)).toBe('e');
    expect(nearestSegment({ x: 5, y: 4 }, [seg, other], 7)).toBe('f');
    expect(nearestSegment({ x: 5, y: 20 }, [seg, other], 7)).toBeNull();
    expect(nearestSegment({ x: 5, y: 3 }, [seg, { ...seg, id: 'g' }], 7)).toBe('e');
  });
});

describe('neighbourhood in view', () => {
  it('is the node, then its neighbours that are in view, by id', () => {
    const data = graphDataFrom({
      nodes: [node('a', 'Person'), node('b', 'Person'), node('c', 'Person'), node('d', 'Person')],
      edges: [edge('c', 'KNOWS', 'a'), edge('a', 'KNOWS', 'b'), edge('a', 'KNOWS', 'd'), edge('a', 'KNOWS', 'a')],
    });
    const view: ViewState = { ...emptyView, visible: ['a', 'b', 'c'] };
    expect(neighbourhoodInView(data, view, 'a')).toEqual(['a', 'b', 'c']);
    expect(neighbourhoodInView(data, view, 'b')).toEqual(['b', 'a']);
  });
});

describe('"+N more" handle', () => {
  it('sits straight below its anchor, a share of the picture away, with its count as its label', () => {
    const data = graphDataFrom({ nodes: [node('a', 'Person'), node('b', 'Person')], edges: [] });
    const view: ViewState = {
      ...emptyView,
      visible: ['a', 'b'],
      positions: { a: { x: 0, y: 0 }, b: { x: 200, y: 0 } },
      expansions: [{ anchor: 'a', added: ['b'], loaded: 1, total: 4 }],
    };
    const more = deriveRenderModel(data, view).nodes.find((n) => n.kind === 'More');
    expect(more).toEqual({
      id: 'more:a',
      label: '+3 more',
      kind: 'More',
      x: 0,
      y: -200 * MORE_HANDLE_OFFSET,
      hidden: false,
    });
  });
});

describe('community counts', () => {
  it('counts the given nodes per community, largest first, ignoring nodes without one', () => {
    const c = { a: 0, b: 1, c: 1, d: 2, e: 2 };
    expect(communityCounts(c, ['a', 'b', 'c', 'd', 'x'])).toEqual([
      { community: 1, count: 2 },
      { community: 0, count: 1 },
      { community: 2, count: 1 },
    ]);
  });
});
