/**
 * Node labels that keep clear of each other and inside the canvas: sigma's `defaultDrawNodeLabel` and
 * `defaultDrawNodeHover` for every Parley canvas (the explorer, the console's graph, a snapshot page). Sigma draws
 * a label to the right of its node, where it can run over the next label or past the canvas's edge (sigma's label
 * grid only thins labels out by cells, and forced labels skip it). Here each label, in the order sigma draws them,
 * takes the first place that is inside the canvas and clear of the labels already drawn in the frame (and, where
 * it can, of the other nodes' discs, on a canvas registered with `avoidNodes`): right of its node, left, below,
 * above. A label wider than any room is shortened with "…"; when every place is taken it is left out (as sigma's
 * grid leaves labels out), unless the view forces it (then it goes where it covers least). Where each label went
 * is kept per canvas (`drawnLabels`), so the hover box, the "Expand by" menu's placement (labelRect.ts) and the
 * browser tests see the label where it is drawn.
 */
import type Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string };

/** A label as drawn: its box and text baseline, in CSS pixels of the canvas. */
export interface DrawnLabel {
  left: number;
  top: number;
  right: number;
  bottom: number;
  text: string;
  /** where the text starts (fillText's x and y) */
  tx: number;
  ty: number;
  /** the node's id */
  key?: string;
}

const GAP = 3;
const ELLIPSIS = '…';
/** the labels drawn in the current frame, per 2D context (a frame is one synchronous run of sigma's renderer) */
const frames = new WeakMap<CanvasRenderingContext2D, { placed: DrawnLabel[]; discs: DrawnLabel[] }>();
/** where each node's label was last drawn, per sigma container (the labels and the hovers canvases share it) */
const drawn = new WeakMap<Element, Map<string, DrawnLabel>>();

/** the sigma of each container whose labels keep off other nodes' discs (`avoidNodes`) */
const sigmas = new WeakMap<Element, Sigma>();
/** above this many nodes the discs are not looked at (a frame would check every label against every node) */
const MAX_DISCS = 2_000;

/** Labels on this sigma's canvas also keep off the discs of the other nodes (graphs up to 2,000 nodes). */
export function avoidNodes(sigma: Sigma): void {
  sigmas.set(sigma.getContainer(), sigma);
}

/** The discs of the nodes drawn, as boxes in CSS pixels of the canvas (none when unknown or too many). */
function discsOf(owner: Element): DrawnLabel[] {
  const sigma = sigmas.get(owner);
  const graph = sigma?.getGraph();
  if (!sigma || !graph || graph.order > MAX_DISCS) return [];
  const out: DrawnLabel[] = [];
  graph.forEachNode((id) => {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const v = sigma.framedGraphToViewport(d);
    const r = sigma.scaleSize(d.size);
    out.push({ left: v.x - r, top: v.y - r, right: v.x + r, bottom: v.y + r, text: '', tx: 0, ty: 0, key: id });
  });
  return out;
}

/** Where the labels of the canvas in `container` were last drawn, by node id (CSS pixels of the container). */
export function drawnLabels(container: Element): ReadonlyMap<string, DrawnLabel> {
  return drawn.get(container) ?? new Map();
}

function frameOf(
  context: CanvasRenderingContext2D,
  key: string | undefined,
): { placed: DrawnLabel[]; discs: DrawnLabel[]; byId: Map<string, DrawnLabel> } {
  const owner = context.canvas.parentElement ?? context.canvas;
  let byId = drawn.get(owner);
  if (!byId) drawn.set(owner, (byId = new Map()));
  let frame = frames.get(context);
  // A new frame: the first label after sigma's synchronous render is over, or a node drawn again (two renders in
  // one task, e.g. refresh(), camera set, refresh(): sigma never draws a node's label twice in one frame).
  if (!frame || (key !== undefined && frame.placed.some((p) => p.key === key))) {
    const mine = { placed: [] as DrawnLabel[], discs: discsOf(owner) };
    frame = mine;
    frames.set(context, mine);
    byId.clear();
    queueMicrotask(() => {
      if (frames.get(context) === mine) frames.delete(context);
    });
  }
  return { placed: frame.placed, discs: frame.discs, byId };
}

const overlap = (a: DrawnLabel, b: DrawnLabel) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left) + 1) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + 1);

/** The text shortened with "…" to `max` pixels (at least two characters kept). */
function shorten(context: CanvasRenderingContext2D, text: string, max: number): string {
  if (context.measureText(text).width <= max) return text;
  let lo = 2;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (context.measureText(text.slice(0, mid).trimEnd() + ELLIPSIS).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/** Chooses where the label of a node at (x, y), radius r, goes; `placed` are the labels already drawn. */
export function placeLabel(
  context: CanvasRenderingContext2D,
  label: string,
  x: number,
  y: number,
  r: number,
  size: number,
  canvas: { width: number; height: number },
  placed: readonly DrawnLabel[],
  discs: readonly DrawnLabel[] = [],
): { at: DrawnLabel; free: boolean } {
  const room = Math.max(x - r - GAP, canvas.width - (x + r + GAP)) - 1;
  const text = shorten(context, label, Math.max(room, size * 2));
  const w = context.measureText(text).width;
  const half = size / 2;
  const box = (left: number, top: number): DrawnLabel => ({
    left,
    top,
    right: left + w,
    bottom: top + size,
    text,
    tx: left,
    ty: top + half + size / 3,
  });
  const candidates = [
    box(x + r + GAP, y - half), // right (sigma's place)
    box(x - r - GAP - w, y - half), // left
    box(x - w / 2, y + r + 2), // below
    box(x - w / 2, y - r - 2 - size), // above
  ];
  const inside = (b: DrawnLabel) => b.left >= 0 && b.right <= canvas.width && b.top >= 0 && b.bottom <= canvas.height;
  const within = candidates.filter(inside);
  // clear of labels and discs; else clear of labels (over a disc, in a dense graph, rather than no label)
  const clear = (b: DrawnLabel, of: readonly DrawnLabel[]) => of.every((p) => overlap(b, p) === 0);
  const free = within.find((b) => clear(b, placed) && clear(b, discs)) ?? within.find((b) => clear(b, placed));
  if (free) return { at: free, free: true };
  const pool = within.length > 0 ? within : candidates;
  const cost = (b: DrawnLabel) => placed.reduce((s, p) => s + overlap(b, p), 0);
  return { at: pool.reduce((best, b) => (cost(b) < cost(best) ? b : best)), free: false };
}

function labelColor(data: LabelData, settings: Settings): string {
  const c = settings.labelColor;
  return c.attribute
    ? String((data as Record<string, unknown>)[c.attribute] ?? c.color ?? '#000')
    : (c.color ?? '#000');
}

/** sigma's `defaultDrawNodeLabel`: the label at the first free place (see the top). */
export function drawPlacedLabel(context: CanvasRenderingContext2D, data: LabelData, settings: Settings): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const { placed, discs, byId } = frameOf(context, data.key);
  const others = discs.filter((d) => d.key !== data.key);
  const ratio = context.canvas.width / Math.max(1, context.canvas.clientWidth || context.canvas.width);
  const canvas = { width: context.canvas.width / ratio, height: context.canvas.height / ratio };
  const { at: place, free } = placeLabel(context, data.label, data.x, data.y, data.size, size, canvas, placed, others);
  // a label with no free place is left out, as sigma's label grid leaves labels out (overlapping text is read by
  // no one); one the view forces (the selection, its neighbours, a small console result) is drawn where it
  // covers least
  if (!free && !data.forceLabel) return;
  const at = { ...place, key: data.key };
  placed.push(at);
  if (data.key !== undefined) byId.set(data.key, at);
  context.fillStyle = labelColor(data, settings);
  context.fillText(at.text, at.tx, at.ty);
}

/** sigma's `defaultDrawNodeHover`: the node ringed and its label on a white box, where the label was drawn. */
export function drawPlacedHover(context: CanvasRenderingContext2D, data: LabelData, settings: Settings): void {
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const owner = context.canvas.parentElement ?? context.canvas;
  const known = data.key !== undefined ? drawn.get(owner)?.get(data.key) : undefined;
  const ratio = context.canvas.width / Math.max(1, context.canvas.clientWidth || context.canvas.width);
  const canvas = { width: context.canvas.width / ratio, height: context.canvas.height / ratio };
  const at = data.label
    ? (known ?? placeLabel(context, data.label, data.x, data.y, data.size, size, canvas, []).at)
    : null;
  const PAD = 2;
  context.fillStyle = '#FFF';
  context.shadowOffsetX = 0;
  context.shadowOffsetY = 0;
  context.shadowBlur = 8;
  context.shadowColor = '#000';
  context.beginPath();
  context.arc(data.x, data.y, data.size + PAD, 0, Math.PI * 2);
  context.closePath();
  context.fill();
  if (at) context.fillRect(at.left - PAD, at.top - PAD, at.right - at.left + 2 * PAD, at.bottom - at.top + 2 * PAD);
  context.shadowBlur = 0;
  if (at) {
    context.fillStyle = labelColor(data, settings);
    context.fillText(at.text, at.tx, at.ty);
  }
}
