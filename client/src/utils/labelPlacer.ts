/**
 * Where a node's label goes: the one rule of every Parley picture — the sigma canvases (graph/labels.ts: the
 * explorer, the console's graph, a snapshot page, the article review's mini-graph) and the SVG and PNG exports
 * (utils/export). Each label, in turn, takes the first place that is inside the bounds, under no control laid over
 * the picture (`obstacles`) and clear of the labels already placed (and, where it can, of the other nodes' discs):
 * right of its node, left, below, above. A label wider than the room on either side is shortened with "…"; when
 * every place is taken it is left out, unless it is forced (then it goes where it covers fewest labels, never under
 * a control). Pure: numbers and a text-width function in, boxes out (no DOM, no canvas, no sigma).
 */

/** A box in pixels, y down. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type LabelSide = 'right' | 'left' | 'below' | 'above';

/** A label as placed: its box, its text (maybe shortened) and where the text starts (fillText's x and y). */
export interface PlacedLabel extends Box {
  text: string;
  tx: number;
  ty: number;
  side: LabelSide;
  /** the node's id */
  key?: string;
}

/** The width in pixels of a text in the label font. */
export type TextWidth = (text: string) => number;

/** Pixels between a node's rim and its label beside it (sigma's own gap). */
export const LABEL_GAP = 3;
const ELLIPSIS = '…';

export interface LabelNode {
  label: string;
  /** centre and radius, in pixels */
  x: number;
  y: number;
  r: number;
}

export interface LabelRoom {
  /** where labels may go (a canvas: 0, 0, its width, its height) */
  bounds: Box;
  /** labels already placed: a label goes over none of them (unless forced and no place is free) */
  placed?: readonly Box[];
  /** the other nodes' discs: kept clear where a place allows it */
  discs?: readonly Box[];
  /** controls laid over the picture (zoom buttons, menus, notes): no label ever goes under one */
  obstacles?: readonly Box[];
}

/** Pixels two boxes share (edges touching count, as on the screen a label touching another reads as one). */
export const overlapArea = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left) + 1) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + 1);

const clearOf = (b: Box, of: readonly Box[] | undefined) => !of || of.every((p) => overlapArea(b, p) === 0);

/** The text shortened with "…" to `max` pixels (at least two characters kept). */
export function shortenLabel(text: string, max: number, width: TextWidth): string {
  if (width(text) <= max) return text;
  let lo = 2;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(text.slice(0, mid).trimEnd() + ELLIPSIS) <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/** The four places a label of `w` by `size` pixels may take around its node, in the order they are tried. */
function labelCandidates(node: LabelNode, text: string, w: number, size: number): PlacedLabel[] {
  const { x, y, r } = node;
  const half = size / 2;
  const box = (left: number, top: number, side: LabelSide): PlacedLabel => ({
    left,
    top,
    right: left + w,
    bottom: top + size,
    text,
    tx: left,
    ty: top + half + size / 3,
    side,
  });
  return [
    box(x + r + LABEL_GAP, y - half, 'right'), // sigma's place
    box(x - r - LABEL_GAP - w, y - half, 'left'),
    box(x - w / 2, y + r + 2, 'below'),
    box(x - w / 2, y - r - 2 - size, 'above'),
  ];
}

/**
 * Where the label of `node` goes (font `size` pixels high), or null when it has no place: `free` says the place
 * is clear of the labels placed; a place that is not free is for a forced label only.
 */
export function placeLabel(
  node: LabelNode,
  size: number,
  room: LabelRoom,
  width: TextWidth,
): { at: PlacedLabel; free: boolean } | null {
  const { bounds } = room;
  const space = Math.max(node.x - node.r - LABEL_GAP - bounds.left, bounds.right - (node.x + node.r + LABEL_GAP)) - 1;
  const text = shortenLabel(node.label, Math.max(space, size * 2), width);
  const candidates = labelCandidates(node, text, width(text), size);
  const inside = (b: Box) =>
    b.left >= bounds.left && b.right <= bounds.right && b.top >= bounds.top && b.bottom <= bounds.bottom;
  const usable = candidates.filter((b) => clearOf(b, room.obstacles));
  const within = usable.filter(inside);
  // clear of labels and discs; else clear of labels (over a disc, in a dense graph, rather than no label)
  const free =
    within.find((b) => clearOf(b, room.placed) && clearOf(b, room.discs)) ??
    within.find((b) => clearOf(b, room.placed));
  if (free) return { at: free, free: true };
  // a forced label: over the fewest labels, never under a control; inside the bounds where a place is; when every
  // place inside is under a control, none; when no place is inside at all (a label wider than the room), any
  // place clear of the controls
  let pool = within;
  if (pool.length === 0 && !candidates.some(inside)) pool = usable;
  if (pool.length === 0) return null;
  const cost = (b: Box) => (room.placed ?? []).reduce((s, p) => s + overlapArea(b, p), 0);
  return { at: pool.reduce((best, b) => (cost(b) < cost(best) ? b : best)), free: false };
}

/** Boxes in a grid of cells, so that a picture of thousands of labels asks only about its neighbours. */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly cell: number) {}
  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let i = Math.floor(b.left / this.cell); i <= Math.floor(b.right / this.cell); i++)
      for (let j = Math.floor(b.top / this.cell); j <= Math.floor(b.bottom / this.cell); j++) out.push(`${i},${j}`);
    return out;
  }
  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  near(b: Box): Box[] {
    const seen = new Set<Box>();
    for (const k of this.keys(b)) for (const x of this.cells.get(k) ?? []) seen.add(x);
    return [...seen];
  }
}

export interface LabelItem extends LabelNode {
  key: string;
  /** drawn even when no place is free (the selection, on screen) */
  force?: boolean;
}

/**
 * Places the labels of a whole picture, in the order given (the first ones have the first choice), as the screen
 * places them one by one: the labels that found a place, by node id. With `avoidDiscs`, labels keep off the other
 * nodes' discs where they can.
 */
export function placeLabels(
  items: readonly LabelItem[],
  size: number,
  room: { bounds: Box; obstacles?: readonly Box[]; avoidDiscs?: boolean },
  width: TextWidth,
): Map<string, PlacedLabel> {
  const out = new Map<string, PlacedLabel>();
  const cell = Math.max(32, size * 6);
  const labels = new BoxGrid(cell);
  const discs = new BoxGrid(cell);
  const discOf = new Map<Box, string>();
  if (room.avoidDiscs)
    for (const n of items) {
      const d = { left: n.x - n.r, top: n.y - n.r, right: n.x + n.r, bottom: n.y + n.r };
      discs.add(d);
      discOf.set(d, n.key);
    }
  const widths = new Map<string, number>();
  const measured: TextWidth = (t) => {
    let w = widths.get(t);
    if (w === undefined) widths.set(t, (w = width(t)));
    return w;
  };
  for (const n of items) {
    if (!n.label) continue;
    // the neighbourhood any of its four places can reach
    const reach = n.r + LABEL_GAP + measured(n.label) + 1;
    // (1 px more on every side: boxes that only touch count as overlapping, see overlapArea)
    const around = {
      left: n.x - reach,
      right: n.x + reach,
      top: n.y - n.r - 3 - size,
      bottom: n.y + n.r + 3 + size,
    };
    const place = placeLabel(
      n,
      size,
      {
        bounds: room.bounds,
        placed: labels.near(around),
        discs: discs.near(around).filter((d) => discOf.get(d) !== n.key),
        ...(room.obstacles ? { obstacles: room.obstacles } : {}),
      },
      measured,
    );
    if (!place || (!place.free && !n.force)) continue;
    const at = { ...place.at, key: n.key };
    labels.add(at);
    out.set(n.key, at);
  }
  return out;
}
