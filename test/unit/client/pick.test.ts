import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildEdgeGrid,
  curveControl,
  distanceToEdge,
  pickEdge,
  type PickEdge,
} from '../../../client/src/state/render/pick';
import { nearestSegment } from '../../../client/src/state/render';

describe("Parley's own edge hit-test", () => {
  it('measures a straight edge to its segment, and a curved one to its curve', () => {
    const straight: PickEdge = { id: 's', x1: 0, y1: 0, x2: 100, y2: 0 };
    expect(distanceToEdge({ x: 50, y: 6 }, straight)).toBe(6);
    // a quadratic curve from (0,0) to (100,0) through the control point (50,40) passes (50,20) at its middle
    const curved: PickEdge = { id: 'c', x1: 0, y1: 0, x2: 100, y2: 0, cx: 50, cy: 40 };
    expect(distanceToEdge({ x: 50, y: 20 }, curved)).toBeCloseTo(0, 1);
    expect(distanceToEdge({ x: 50, y: 26 }, curved)).toBeCloseTo(6, 1);
    // the chord's middle is 20 px from the curve: a straight pick would take it, the curve's does not
    expect(distanceToEdge({ x: 50, y: 0 }, curved)).toBeCloseTo(20, 1);
    // the ends are on the curve
    expect(distanceToEdge({ x: 0, y: 0 }, curved)).toBe(0);
    expect(distanceToEdge({ x: 100, y: 0 }, curved)).toBe(0);
  });

  it("places a curve's control point as @sigma/edge-curve does (viewport space, y down)", () => {
    // left to right, positive curvature: the chord's normal (dy, -dx) points up the screen
    expect(curveControl(0, 0, 100, 0, 0.25)).toEqual({ cx: 50, cy: -25 });
    // the reverse direction bends to the other side, so two parallel edges in opposite directions do not overlap
    expect(curveControl(100, 0, 0, 0, 0.25)).toEqual({ cx: 50, cy: 25 });
    expect(curveControl(0, 0, 0, 100, 0.5)).toEqual({ cx: 50, cy: 50 });
  });

  it('picks the nearest edge within the tolerance, and nothing beyond it', () => {
    const edges: PickEdge[] = [
      { id: 'a', x1: 10, y1: 10, x2: 200, y2: 10 },
      { id: 'b', x1: 10, y1: 30, x2: 200, y2: 30 },
      { id: 'c', x1: 100, y1: 0, x2: 100, y2: 300 },
    ];
    const grid = buildEdgeGrid(edges, 320, 320, 7);
    expect(pickEdge(grid, { x: 50, y: 16 })).toBe('a');
    expect(pickEdge(grid, { x: 50, y: 24 })).toBe('b');
    expect(pickEdge(grid, { x: 50, y: 20 })).toBe(null); // 10 px from both
    expect(pickEdge(grid, { x: 106, y: 200 })).toBe('c');
    expect(pickEdge(grid, { x: 108, y: 200 })).toBe(null);
    expect(pickEdge(grid, { x: 206, y: 10 })).toBe('a'); // past the end, 6 px from it
    expect(pickEdge(grid, { x: 209, y: 10 })).toBe(null);
    // outside the viewport: nothing
    expect(pickEdge(grid, { x: -1, y: 10 })).toBe(null);
  });

  it('picks a curved parallel edge by its curve, not by the chord it shares with its twin', () => {
    const straight: PickEdge = { id: 'ab', x1: 20, y1: 100, x2: 220, y2: 100 };
    const curved: PickEdge = { id: 'ab2', x1: 20, y1: 100, x2: 220, y2: 100, ...curveControl(20, 100, 220, 100, 0.2) };
    const grid = buildEdgeGrid([straight, curved], 300, 200, 7);
    // the curve's middle is 0.2 × 200 / 2 = 20 px above the chord
    expect(pickEdge(grid, { x: 120, y: 82 })).toBe('ab2');
    expect(pickEdge(grid, { x: 120, y: 97 })).toBe('ab');
    expect(pickEdge(grid, { x: 120, y: 90 })).toBe(null);
  });

  it('leaves edges out of the viewport out of the grid, and indexes only the cells an edge passes near', () => {
    const grid = buildEdgeGrid(
      [
        { id: 'off', x1: -500, y1: -500, x2: -100, y2: -50 },
        { id: 'diag', x1: 0, y1: 0, x2: 320, y2: 320 },
      ],
      320,
      320,
      7,
      32,
    );
    const listed = new Set([...grid.cells.values()].flat());
    expect(listed).toEqual(new Set([1]));
    // a diagonal across 10 × 10 cells is listed in a band along it, far fewer than its bounding box's 100 cells
    expect(grid.cells.size).toBeLessThan(40);
    expect(pickEdge(grid, { x: 160, y: 165 })).toBe('diag');
  });

  it('agrees with measuring every straight edge, wherever the pointer is (grid or not)', () => {
    const coord = fc.integer({ min: -100, max: 400 });
    const segment = fc.record({ x1: coord, y1: coord, x2: coord, y2: coord });
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 299 }),
        fc.integer({ min: 0, max: 199 }),
        (segs, x, y) => {
          const edges = segs.map((s, i) => ({ id: `e${i}`, ...s }));
          const grid = buildEdgeGrid(edges, 300, 200, 7, 32);
          const want = nearestSegment({ x, y }, edges, 7);
          const got = pickEdge(grid, { x, y });
          // ties at the same distance may go to either edge: compare distances
          if (want === null || got === null) return want === got;
          const d = (id: string) =>
            distanceToEdge(
              { x, y },
              edges.find((e) => e.id === id)!,
            );
          return Math.abs(d(want) - d(got)) < 1e-9;
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });
});
