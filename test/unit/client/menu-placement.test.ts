/** Where the "Expand by" menu goes: never over the node and its label, always on screen (state/menu). */
import { describe, expect, it } from 'vitest';
import { overlaps, placeMenu, type Rect } from '../../../client/src/state/menu';

const rectOf = (p: { left: number; top: number; maxHeight: number }, width: number): Rect => ({
  left: p.left,
  top: p.top,
  right: p.left + width,
  bottom: p.top + p.maxHeight,
});
const onScreen = (r: Rect, w: number, h: number) => r.left >= 0 && r.top >= 0 && r.right <= w && r.bottom <= h;

describe('placeMenu', () => {
  const menu = { width: 280, height: 300 };
  it('goes right of the node and its label when it fits, lined up with their top', () => {
    const label = { left: 400, top: 300, right: 520, bottom: 318 };
    expect(placeMenu(label, menu, { width: 1440, height: 900 })).toEqual({ left: 528, top: 300, maxHeight: 300 });
  });
  it('flips left near the right edge, and is clamped down from the bottom edge', () => {
    const label = { left: 1200, top: 800, right: 1300, bottom: 818 };
    const p = placeMenu(label, menu, { width: 1440, height: 900 });
    expect(p).toEqual({ left: 1200 - 8 - 280, top: 900 - 8 - 300, maxHeight: 300 });
    expect(overlaps(rectOf(p, 280), label)).toBe(false);
  });
  it('on a phone, goes below the label (or above near the bottom), the width clamped to the screen', () => {
    const screen = { width: 390, height: 844 };
    const mid = { left: 150, top: 400, right: 300, bottom: 418 };
    const below = placeMenu(mid, menu, screen);
    expect(below).toEqual({ left: 390 - 8 - 280, top: 426, maxHeight: 300 });
    const low = { left: 20, top: 700, right: 120, bottom: 718 };
    const above = placeMenu(low, menu, screen);
    expect(above).toEqual({ left: 20, top: 700 - 8 - 300, maxHeight: 300 });
    for (const [label, p] of [
      [mid, below],
      [low, above],
    ] as const) {
      expect(overlaps(rectOf(p, 280), label)).toBe(false);
      expect(onScreen(rectOf(p, 280), 390, 844)).toBe(true);
    }
  });
  it('with no side holding it all, takes the side with more room and shortens itself to it', () => {
    const screen = { width: 390, height: 500 };
    const label = { left: 100, top: 200, right: 300, bottom: 220 };
    const p = placeMenu(label, { width: 280, height: 400 }, screen);
    expect(p).toEqual({ left: 100, top: 228, maxHeight: 500 - 8 - 228 });
    expect(overlaps(rectOf(p, 280), label)).toBe(false);
    expect(onScreen(rectOf(p, 280), 390, 500)).toBe(true);
  });
  it('overlaps: touching edges do not overlap', () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(overlaps(a, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false);
    expect(overlaps(a, { left: 9, top: 9, right: 20, bottom: 20 })).toBe(true);
  });
});
