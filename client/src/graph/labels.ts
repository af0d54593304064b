/**
 * Node labels that keep clear of each other, inside the canvas and out from under the controls laid over it:
 * sigma's `defaultDrawNodeLabel` and `defaultDrawNodeHover` for every Parley canvas (the explorer, the console's
 * graph, a snapshot page, the article review's mini-graph). Sigma draws a label to the right of its node, where it
 * can run over the next label, past the canvas's edge or under a zoom button (sigma's label grid only thins labels
 * out by cells, and forced labels skip it). Here each label, in the order sigma draws them, goes where the pure
 * placer (utils/labelPlacer.ts, which the SVG and PNG exports use too) puts it: given the canvas, the labels
 * already drawn in the frame, the other nodes' discs (on a canvas registered with `avoidNodes`) and the boxes of
 * the controls over the canvas (elements marked `data-over-canvas`, measured once a frame). A label with no free
 * place is left out (as sigma's grid leaves labels out) unless the view forces it. Where each label went is kept
 * per canvas (`drawnLabels`), so the hover box, the "Expand by" menu's placement (labelRect.ts) and the browser
 * tests see the label where it is drawn.
 */
import type Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import { placeLabel, type Box, type PlacedLabel } from '../utils/labelPlacer';

type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string };

/** A label as drawn: its box, text and text baseline, in CSS pixels of the canvas (see utils/labelPlacer.ts). */
export type DrawnLabel = PlacedLabel;

/** the labels drawn in the current frame, per 2D context (a frame is one synchronous run of sigma's renderer) */
const frames = new WeakMap<
  CanvasRenderingContext2D,
  { placed: DrawnLabel[]; discs: (Box & { key?: string })[]; obstacles: Box[] }
>();
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
function discsOf(owner: Element): (Box & { key: string })[] {
  const sigma = sigmas.get(owner);
  const graph = sigma?.getGraph();
  if (!sigma || !graph || graph.order > MAX_DISCS) return [];
  const out: (Box & { key: string })[] = [];
  graph.forEachNode((id) => {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const v = sigma.framedGraphToViewport(d);
    const r = sigma.scaleSize(d.size);
    out.push({ left: v.x - r, top: v.y - r, right: v.x + r, bottom: v.y + r, key: id });
  });
  return out;
}

/**
 * The controls laid over a canvas (any element marked `data-over-canvas`: the zoom buttons, the area-select bar,
 * the console's export menu and node card), as boxes in CSS pixels of the canvas `owner`: no label goes under
 * one. Measured once a frame.
 */
function overlaidControls(owner: Element): Box[] {
  const canvas = owner.getBoundingClientRect();
  const out: Box[] = [];
  for (const el of owner.ownerDocument.querySelectorAll('[data-over-canvas]')) {
    if (owner.contains(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    if (r.right <= canvas.left || r.left >= canvas.right || r.bottom <= canvas.top || r.top >= canvas.bottom) continue;
    out.push({
      left: r.left - canvas.left,
      top: r.top - canvas.top,
      right: r.right - canvas.left,
      bottom: r.bottom - canvas.top,
    });
  }
  return out;
}

/** Where the labels of the canvas in `container` were last drawn, by node id (CSS pixels of the container). */
export function drawnLabels(container: Element): ReadonlyMap<string, DrawnLabel> {
  return drawn.get(container) ?? new Map();
}

function frameOf(
  context: CanvasRenderingContext2D,
  key: string | undefined,
): { placed: DrawnLabel[]; discs: (Box & { key?: string })[]; obstacles: Box[]; byId: Map<string, DrawnLabel> } {
  const owner = context.canvas.parentElement ?? context.canvas;
  let byId = drawn.get(owner);
  if (!byId) drawn.set(owner, (byId = new Map()));
  let frame = frames.get(context);
  // A new frame: the first label after sigma's synchronous render is over, or a node drawn again (two renders in
  // one task, e.g. refresh(), camera set, refresh(): sigma never draws a node's label twice in one frame).
  if (!frame || (key !== undefined && frame.placed.some((p) => p.key === key))) {
    const mine = { placed: [] as DrawnLabel[], discs: discsOf(owner), obstacles: overlaidControls(owner) };
    frame = mine;
    frames.set(context, mine);
    byId.clear();
    queueMicrotask(() => {
      if (frames.get(context) === mine) frames.delete(context);
    });
  }
  return { placed: frame.placed, discs: frame.discs, obstacles: frame.obstacles, byId };
}

/** The canvas's size in CSS pixels, as bounds. */
function boundsOf(context: CanvasRenderingContext2D): Box {
  const ratio = context.canvas.width / Math.max(1, context.canvas.clientWidth || context.canvas.width);
  return { left: 0, top: 0, right: context.canvas.width / ratio, bottom: context.canvas.height / ratio };
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
  const { placed, discs, obstacles, byId } = frameOf(context, data.key);
  const others = discs.filter((d) => d.key !== data.key);
  const width = (t: string) => context.measureText(t).width;
  const node = { label: data.label, x: data.x, y: data.y, r: data.size };
  const place = placeLabel(node, size, { bounds: boundsOf(context), placed, discs: others, obstacles }, width);
  // a label with no free place is left out, as sigma's label grid leaves labels out (overlapping text is read by
  // no one); one the view forces (the selection, its neighbours, a small console result) is drawn where it
  // covers least; none goes under a control
  if (!place || (!place.free && !data.forceLabel)) return;
  const at = { ...place.at, ...(data.key !== undefined ? { key: data.key } : {}) };
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
  const width = (t: string) => context.measureText(t).width;
  const at = data.label
    ? (known ??
      placeLabel({ label: data.label, x: data.x, y: data.y, r: data.size }, size, { bounds: boundsOf(context) }, width)
        ?.at ??
      null)
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
