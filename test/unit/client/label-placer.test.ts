/**
 * The one label placer (client/src/utils/labelPlacer.ts) on hand-made cases: a 200 × 100 canvas, labels 10 px
 * high, every character 6 px wide ("…" too). Each place is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import {
  overlapArea,
  placeLabel,
  placeLabels,
  shortenLabel,
  type Box,
  type PlacedLabel,
} from '../../../client/src/utils/labelPlacer';

const width = (t: string) => [...t].length * 6;
const bounds: Box = { left: 0, top: 0, right: 200, bottom: 100 };
const SIZE = 10;
const boxOf = (p: PlacedLabel): Box => ({ left: p.left, top: p.top, right: p.right, bottom: p.bottom });

describe('placeLabel', () => {
  it('puts a label right of its node, 3 px after the rim, centred on it', () => {
    const p = placeLabel({ label: 'Alpha', x: 20, y: 50, r: 5 }, SIZE, { bounds }, width)!;
    expect(p.free).toBe(true);
    // 20 + 5 + 3 = 28; 5 characters = 30 px; 50 ∓ 5
    expect(p.at).toMatchObject({ side: 'right', left: 28, right: 58, top: 45, bottom: 55, text: 'Alpha', tx: 28 });
    expect(p.at.ty).toBeCloseTo(45 + 5 + 10 / 3);
  });

  it('puts the label of a node at the right edge to its left', () => {
    // right would end at 190 + 8 + 30 = 228 > 200; left: 190 − 8 − 30 = 152
    const p = placeLabel({ label: 'Bravo', x: 190, y: 50, r: 5 }, SIZE, { bounds }, width)!;
    expect(p.at).toMatchObject({ side: 'left', left: 152, right: 182, top: 45, bottom: 55 });
  });

  it('keeps out from under a control over the canvas (the zoom buttons in the bottom right corner)', () => {
    const zoom: Box = { left: 150, top: 60, right: 200, bottom: 100 };
    const node = { label: 'Charlie', x: 120, y: 80, r: 5 };
    // without the buttons: right, 128 to 170, which runs under them
    const plain = placeLabel(node, SIZE, { bounds }, width)!;
    expect(plain.at).toMatchObject({ side: 'right', left: 128, right: 170 });
    expect(overlapArea(boxOf(plain.at), zoom)).toBeGreaterThan(0);
    // with them: left, 120 − 8 − 42 = 70 to 112
    const p = placeLabel(node, SIZE, { bounds, obstacles: [zoom] }, width)!;
    expect(p.free).toBe(true);
    expect(p.at).toMatchObject({ side: 'left', left: 70, right: 112, top: 75, bottom: 85 });
    expect(overlapArea(boxOf(p.at), zoom)).toBe(0);
  });

  it('goes below when right is taken and left is off the canvas, and above when below is taken too', () => {
    const alpha: Box = { left: 28, top: 45, right: 58, bottom: 55 };
    // right (28–58, 53–63) meets Alpha; left starts at −18; below: 20 − 15 = 5 to 35, 58 + 5 + 2 = 65 to 75
    const below = placeLabel({ label: 'Delta', x: 20, y: 58, r: 5 }, SIZE, { bounds, placed: [alpha] }, width)!;
    expect(below.at).toMatchObject({ side: 'below', left: 5, right: 35, top: 65, bottom: 75 });
    const taken = [alpha, boxOf(below.at)];
    // above: 58 − 5 − 2 − 10 = 41 to 51 meets Alpha too: no free place
    const none = placeLabel({ label: 'Delta', x: 20, y: 58, r: 5 }, SIZE, { bounds, placed: taken }, width)!;
    expect(none.free).toBe(false);
  });

  it('keeps off other nodes’ discs where it can, and goes over one rather than nowhere', () => {
    const disc: Box = { left: 30, top: 45, right: 40, bottom: 55 };
    const p = placeLabel({ label: 'Echo', x: 20, y: 50, r: 5 }, SIZE, { bounds, discs: [disc] }, width)!;
    // right (28–52) covers the disc; left is off the canvas (20 − 8 − 24 < 0); below: 20 − 12 = 8 to 32, 57 to 67
    expect(p.at).toMatchObject({ side: 'below', left: 8, top: 57 });
    const walled = [disc, { left: 0, top: 56, right: 200, bottom: 100 }, { left: 0, top: 0, right: 200, bottom: 44 }];
    const over = placeLabel({ label: 'Echo', x: 20, y: 50, r: 5 }, SIZE, { bounds, discs: walled }, width)!;
    expect(over.free).toBe(true);
    expect(over.at.side).toBe('right');
  });

  it('shortens a label wider than the room on either side with "…", to the wider side', () => {
    // room: max(100 − 8, 200 − 108) − 1 = 91 px → "Restoring the" and "…", 14 characters (84 px)
    const long = 'Restoring the functioning of embassies';
    const p = placeLabel({ label: long, x: 100, y: 50, r: 5 }, SIZE, { bounds }, width)!;
    expect(p.at.text).toBe('Restoring the…');
    expect(p.at).toMatchObject({ side: 'right', left: 108, right: 108 + 84 });
    expect(shortenLabel(long, 91, width)).toBe('Restoring the…');
    expect(shortenLabel('Short', 91, width)).toBe('Short');
  });

  it('gives a forced label the place over the fewest labels, but never one under a control', () => {
    const right: Box = { left: 108, top: 45, right: 138, bottom: 55 };
    const left: Box = { left: 60, top: 40, right: 92, bottom: 60 };
    const below: Box = { left: 80, top: 56, right: 120, bottom: 75 };
    const above: Box = { left: 105, top: 25, right: 115, bottom: 44 };
    const p = placeLabel({ label: 'Kilo', x: 100, y: 50, r: 5 }, SIZE, { bounds, placed: [left, below, above] }, width);
    expect(p).toMatchObject({ free: true, at: { side: 'right' } });
    const forced = placeLabel(
      { label: 'Kilo', x: 100, y: 50, r: 5 },
      SIZE,
      { bounds, placed: [right, left, below, above] },
      width,
    )!;
    expect(forced.free).toBe(false);
    // right (108–132, 45–55) meets 'right' over 25 × 11 px, left and below as much or more; above (88–112, 33–43)
    // meets 'above' over 8 × 11 and 'left' over 5 × 4: the least
    expect(forced.at.side).toBe('above');
    const under = placeLabel(
      { label: 'Kilo', x: 100, y: 50, r: 5 },
      SIZE,
      { bounds, placed: [right, left, below, above], obstacles: [{ left: 80, top: 0, right: 200, bottom: 100 }] },
      width,
    );
    // every place inside the canvas meets the control: none at all
    expect(under).toBeNull();
  });
});

describe('placeLabels', () => {
  it('places a whole picture in order: the first choose, the rest go round them or are left out unless forced', () => {
    const items = [
      { key: 'a', label: 'Alpha', x: 20, y: 50, r: 5 },
      { key: 'b', label: 'Bravo', x: 20, y: 58, r: 5 },
      { key: 'c', label: 'Charlie', x: 20, y: 54, r: 5 },
      { key: 'd', label: 'Delta', x: 20, y: 54, r: 5, force: true },
      { key: 'e', label: 'Echo', x: 190, y: 90, r: 5 },
    ];
    const zoom: Box = { left: 150, top: 60, right: 200, bottom: 100 };
    const out = placeLabels(items, SIZE, { bounds, obstacles: [zoom] }, width);
    expect(out.get('a')).toMatchObject({ side: 'right', left: 28, top: 45 });
    expect(out.get('b')).toMatchObject({ side: 'below', left: 5, top: 65 });
    // Charlie: right meets Alpha, left, below and above (−1 to 41) are off the canvas: left out
    expect(out.has('c')).toBe(false);
    // Delta is forced: drawn, over as few labels as it can
    expect(out.get('d')?.text).toBe('Delta');
    // Echo sits under the zoom buttons: every place inside the canvas is under them, so it has no label
    expect(out.has('e')).toBe(false);
    const drawn = [...out.values()].filter((l) => l.key !== 'd');
    for (const [i, l] of drawn.entries()) {
      expect(overlapArea(l, zoom)).toBe(0);
      for (const m of drawn.slice(i + 1)) expect(overlapArea(l, m)).toBe(0);
    }
  });

  it('keeps off the other nodes’ discs with avoidDiscs', () => {
    const items = [
      { key: 'a', label: 'Alpha', x: 20, y: 50, r: 5 },
      { key: 'b', label: '', x: 35, y: 50, r: 5 },
    ];
    expect(placeLabels(items, SIZE, { bounds }, width).get('a')?.side).toBe('right');
    expect(placeLabels(items, SIZE, { bounds, avoidDiscs: true }, width).get('a')?.side).toBe('below');
  });
});
