import { hashString, mulberry32 } from '../../utils/rng';
import type { Position } from './types';

/** The centre and a typical spread of a set of positions (origin and 100 when there are none). */
export function extent(positions: Iterable<Position>): { cx: number; cy: number; spread: number } {
  let n = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of positions) {
    n++;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (n === 0) return { cx: 0, cy: 0, spread: 100 };
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, spread: Math.max(maxX - minX, maxY - minY, 1) };
}

/** Seeded positions in a disc of the given radius around (cx, cy): same ids, same positions. */
export function seededPositions(
  ids: string[],
  cx: number,
  cy: number,
  radius: number,
  seed: number,
): Record<string, Position> {
  const out: Record<string, Position> = {};
  for (const id of ids) {
    const rng = mulberry32(hashString(id) ^ seed);
    const a = rng() * Math.PI * 2;
    const r = Math.sqrt(rng()) * radius;
    out[id] = { x: cx + Math.cos(a) * r, y: cy + Math.sin(a) * r };
  }
  return out;
}

/**
 * Positions for new neighbours on a ring around their anchor, starting at an angle seeded by the anchor
 * and the page offset, so that the same expansion always gives the same picture.
 */
export function ringAround(anchor: Position, ids: string[], radius: number, seed: number): Record<string, Position> {
  const out: Record<string, Position> = {};
  const rng = mulberry32(seed);
  const start = rng() * Math.PI * 2;
  ids.forEach((id, i) => {
    const a = start + (2 * Math.PI * i) / Math.max(ids.length, 1);
    const r = radius * (0.85 + 0.3 * rng());
    out[id] = { x: anchor.x + Math.cos(a) * r, y: anchor.y + Math.sin(a) * r };
  });
  return out;
}
