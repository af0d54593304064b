import { describe, expect, it } from 'vitest';
import { sameTopology, type RenderModel } from '../../../client/src/state/render';

// Issue 13: sizes and communities are kept across a layout step (positions only), recomputed otherwise.
describe('sameTopology', () => {
  const model: RenderModel = {
    nodes: [
      { id: 'a', label: 'A', kind: 'Person', x: 0, y: 0, hidden: false },
      { id: 'b', label: 'B', kind: 'Agency', x: 1, y: 1, hidden: false },
    ],
    edges: [
      {
        id: 'e',
        source: 'a',
        target: 'b',
        label: 'MEMBER_OF',
        type: 'MEMBER_OF',
        weight: 1,
        inferred: false,
        hidden: false,
      },
    ],
  };
  const moved: RenderModel = { ...model, nodes: model.nodes.map((n) => ({ ...n, x: n.x + 5, y: n.y - 3 })) };

  it('holds when only positions (or captions) differ', () => {
    expect(sameTopology(model, moved)).toBe(true);
    expect(sameTopology(model, { ...model, nodes: model.nodes.map((n) => ({ ...n, label: 'renamed' })) })).toBe(true);
  });

  it('fails on another node, a hidden flag, another edge end or weight, or a missing edge', () => {
    expect(sameTopology(model, { ...model, nodes: [model.nodes[0]!, { ...model.nodes[1]!, id: 'c' }] })).toBe(false);
    expect(sameTopology(model, { ...model, nodes: [model.nodes[0]!, { ...model.nodes[1]!, hidden: true }] })).toBe(
      false,
    );
    expect(sameTopology(model, { ...model, edges: [{ ...model.edges[0]!, target: 'a' }] })).toBe(false);
    expect(sameTopology(model, { ...model, edges: [{ ...model.edges[0]!, weight: 2 }] })).toBe(false);
    expect(sameTopology(model, { ...model, edges: [] })).toBe(false);
  });
});
