import { describe, expect, it } from 'vitest';
import { initialLayout, storedPositions } from '../../../client/src/layouts';

// Issue 13: a layout computed once and stored with the data (numeric x/y properties) is the first picture as it
// is, so reopening a big graph needs no layout run.
describe('positions stored with the data', () => {
  const nodes = [
    { id: 'a', properties: { x: 10, y: -5 } },
    { id: 'b', properties: { x: 0.5, y: 2 } },
    { id: 'c', properties: { x: '3', y: 4 } },
    { id: 'd', properties: { x: Number.NaN, y: 1 } },
    { id: 'e', properties: {} },
  ];
  it('reads numeric, finite x and y only', () => {
    expect(storedPositions(nodes)).toEqual({ a: { x: 10, y: -5 }, b: { x: 0.5, y: 2 } });
  });

  it('uses them as they are when every node has one (no settling)', () => {
    const edges = [{ source: 'a', target: 'b' }];
    expect(initialLayout(['a', 'b'], edges, 1, 2000, storedPositions(nodes))).toEqual({
      a: { x: 10, y: -5 },
      b: { x: 0.5, y: 2 },
    });
  });

  it('keeps the stored ones and gives the rest their seeded start when only some have one', () => {
    const ids = ['a', 'e'];
    const seeded = initialLayout(ids, [], 1, 0);
    const got = initialLayout(ids, [{ source: 'a', target: 'e' }], 1, 2000, { a: { x: 10, y: -5 } });
    expect(got).toEqual({ a: { x: 10, y: -5 }, e: seeded['e'] });
  });

  it('without stored positions, settles small graphs as before (the positions move)', () => {
    const ids = ['a', 'b', 'c'];
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ];
    expect(initialLayout(ids, edges, 1)).not.toEqual(initialLayout(ids, edges, 1, 0));
  });
});
