/**
 * The page of an exported picture: the title and caption in a band at the top, the legend in a column on the
 * right, the footnote in a band at the bottom, and the graph fitted into what is left, with room for every
 * label. Nothing is drawn over the graph, and no label runs off the page. Pure: numbers in, numbers out.
 */
import { LABEL_GAP } from '../labelPlacer';
import {
  MUTED_COLOR,
  TEXT_COLOR,
  approxTextWidth,
  wrapText,
  type OverlayLayout,
  type Scene,
  type SceneNode,
} from './scene';

/** Space around the page and between its parts, in pixels. */
export const FRAME_MARGIN = 16;
export const FRAME_GAP = 12;
const PAD = 8;
const TITLE_SIZE = 20;
const CAPTION_SIZE = 13;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 18;
const FOOT_SIZE = 11;
const FOOT_ROW = 14;
/** above this many nodes the exact pairwise fit gives way to a bound in linear time */
export const PAIRWISE_LIMIT = 1500;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Measure = (text: string, size: number) => number;

export interface Frame extends OverlayLayout {
  /** where the graph is drawn: no title, legend or footnote inside it */
  area: Rect;
}

type FrameInput = Pick<Scene, 'width' | 'height' | 'title' | 'caption' | 'footnote' | 'legend'>;

/** Where the title, caption, legend and footnote go, and the area left for the graph. */
export function layoutFrame(scene: FrameInput, measure: Measure = approxTextWidth): Frame {
  const texts: Frame['texts'] = [];
  const swatches: Frame['swatches'] = [];
  const panels: Frame['panels'] = [];
  const inner = Math.max(40, scene.width - 2 * FRAME_MARGIN);

  // heading band
  let y = FRAME_MARGIN;
  const titleLines = scene.title.trim() ? wrapText(scene.title.trim(), TITLE_SIZE, inner, 2) : [];
  const captionLines = scene.caption.trim() ? wrapText(scene.caption.trim(), CAPTION_SIZE, inner, 3) : [];
  for (const line of titleLines) {
    y += TITLE_SIZE;
    texts.push({ x: FRAME_MARGIN, y, text: line, size: TITLE_SIZE, weight: 'bold', color: TEXT_COLOR, role: 'title' });
    y += 4;
  }
  for (const line of captionLines) {
    y += CAPTION_SIZE + 1;
    const t = { x: FRAME_MARGIN, y, text: line, size: CAPTION_SIZE, color: MUTED_COLOR, role: 'caption' } as const;
    texts.push({ ...t, weight: 'normal' });
    y += 4;
  }
  const top = titleLines.length || captionLines.length ? y + FRAME_GAP : FRAME_MARGIN;

  // footnote band
  const footLines = scene.footnote.trim() ? wrapText(scene.footnote.trim(), FOOT_SIZE, inner, 3) : [];
  const footTop = scene.height - FRAME_MARGIN - footLines.length * FOOT_ROW;
  footLines.forEach((line, i) => {
    texts.push({
      x: FRAME_MARGIN,
      y: footTop + FOOT_SIZE + i * FOOT_ROW,
      text: line,
      size: FOOT_SIZE,
      weight: 'normal',
      color: MUTED_COLOR,
      role: 'footnote',
    });
  });
  const bottom = footLines.length ? footTop - FRAME_GAP : scene.height - FRAME_MARGIN;

  // legend column
  let right = scene.width - FRAME_MARGIN;
  if (scene.legend.length) {
    const widest = Math.max(...scene.legend.map((l) => measure(l.label, LEGEND_SIZE)));
    const width = Math.min(Math.max(120, inner / 3), Math.ceil(widest) + 2 * PAD + 18);
    const x = scene.width - FRAME_MARGIN - width;
    const rows = Math.max(1, Math.floor((bottom - top - 2 * PAD) / LEGEND_ROW));
    const items =
      scene.legend.length > rows
        ? [
            ...scene.legend.slice(0, rows - 1),
            { label: `… ${scene.legend.length - rows + 1} more`, color: '', shape: 'none' as const },
          ]
        : scene.legend;
    let ly = top + PAD;
    for (const item of items) {
      if (item.shape !== 'none') swatches.push({ x: x + PAD + 6, y: ly + 7, color: item.color, shape: item.shape });
      texts.push({
        x: x + PAD + 18,
        y: ly + 11,
        text: item.label,
        size: LEGEND_SIZE,
        weight: 'normal',
        color: TEXT_COLOR,
        role: 'legend',
      });
      ly += LEGEND_ROW;
    }
    panels.push({ x, y: top, width, height: ly - top + PAD - 4, role: 'legend' });
    right = x - FRAME_GAP;
  }

  const area = {
    x: FRAME_MARGIN,
    y: top,
    width: Math.max(1, right - FRAME_MARGIN),
    height: Math.max(1, bottom - top),
  };
  return { panels, texts, swatches, area };
}

/**
 * How far a node and its label reach from its centre, in pixels: left, right, up, down. With `labelBeside` the
 * label is counted to the right of the node; without, the label takes no room across (it goes right or left,
 * wherever it fits: ./labels.ts), only its height: the label beside the node reaches half its size up and down.
 */
export function nodeReach(node: SceneNode, labelSize: number, measure: Measure = approxTextWidth, labelBeside = true) {
  const r = Math.max(node.size, 0);
  if (!node.label) return { left: r, right: r, up: r, down: r };
  const half = Math.max(r, labelSize / 2);
  return { left: r, right: labelBeside ? r + LABEL_GAP + measure(node.label, labelSize) : r, up: half, down: half };
}

/**
 * The largest scale s and an offset o such that every node, with its reach, lies inside [lo, hi] on one axis:
 * for every pair with p_j > p_i, s ≤ (hi − lo − after_j − before_i) / (p_j − p_i). Then o centres the drawing.
 */
function fitAxis(ps: number[], before: number[], after: number[], lo: number, hi: number, sMax: number) {
  let s = sMax;
  const n = ps.length;
  if (n > PAIRWISE_LIMIT) {
    // many nodes: the pairs would cost n²; the widest reach on both sides is a safe (slightly smaller) bound
    const span = Math.max(...ps) - Math.min(...ps);
    if (span <= 0) return s;
    return Math.max(Math.min(s, (hi - lo - Math.max(...after) - Math.max(...before)) / span), 0);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = ps[j]! - ps[i]!;
      if (d > 0) s = Math.min(s, (hi - lo - after[j]! - before[i]!) / d);
    }
  }
  return Math.max(s, 0);
}

function offset(ps: number[], before: number[], after: number[], lo: number, hi: number, s: number) {
  let min = -Infinity;
  let max = Infinity;
  ps.forEach((p, i) => {
    min = Math.max(min, lo + before[i]! - s * p);
    max = Math.min(max, hi - after[i]! - s * p);
  });
  return (min + max) / 2;
}

/**
 * Moves the nodes (any coordinates, y down) into `area`, keeping their arrangement (one scale for both axes),
 * as large as fits with every label inside, as the screen's camera frames them (graph/camera.ts): a label that
 * fits right or left of its node inside the area takes no room of its own (it is placed on a side where it fits,
 * ./labels.ts); one that fits on neither side widens the frame to its right. A label about as wide as the area
 * cannot be fitted by scaling (its width stays): it counts for at most two thirds of the area, and is shortened
 * with "…" where it is placed. With `labels` false, no node has a label; otherwise every node keeps its own.
 */
export function fitNodes(
  nodes: SceneNode[],
  area: Rect,
  opts: { labelSize: number; labels: boolean; measure?: Measure },
): SceneNode[] {
  if (nodes.length === 0) return [];
  const measure = opts.measure ?? approxTextWidth;
  const shown = nodes.map((n) => ({ ...n, label: opts.labels && n.label ? n.label : null }));
  const cap = (area.width * 2) / 3;
  const widths = shown.map((n) => (n.label ? Math.min(measure(n.label, opts.labelSize), cap) : 0));
  const reach = shown.map((n) => nodeReach(n, opts.labelSize, measure, false));
  const xs = shown.map((n) => n.x);
  const ys = shown.map((n) => n.y);
  const left = reach.map((r) => r.left);
  const up = reach.map((r) => r.up);
  const down = reach.map((r) => r.down);
  const beside = shown.map(() => false);
  const lo = area.x;
  const hi = area.x + area.width;
  let fitted = shown;
  // a few passes: labels keep their pixel width whatever the scale, so which labels need room settles quickly
  for (let pass = 0; pass < 6; pass++) {
    // (one pixel more than the label: the placer wants it that far inside, ../labelPlacer.ts)
    const right = reach.map((r, i) => r.right + (beside[i] ? LABEL_GAP + widths[i]! + 1 : 0));
    // no pair apart on either axis (one node): any scale fits; 1 keeps the numbers plain
    const s = Math.min(
      fitAxis(xs, left, right, lo, hi, Infinity),
      fitAxis(ys, up, down, area.y, area.y + area.height, Infinity),
    );
    const scale = Number.isFinite(s) ? s : 1;
    const ox = offset(xs, left, right, lo, hi, scale);
    const oy = offset(ys, up, down, area.y, area.y + area.height, scale);
    fitted = shown.map((n) => ({ ...n, x: scale * n.x + ox, y: scale * n.y + oy }));
    let more = false;
    fitted.forEach((n, i) => {
      if (!n.label || beside[i]) return;
      const r = reach[i]!.left;
      const w = LABEL_GAP + widths[i]! + 1;
      if (n.x + r + w <= hi || n.x - r - w >= lo) return;
      beside[i] = true;
      more = true;
    });
    if (!more) break;
  }
  return fitted;
}

/** A scene laid out as a page: the graph refitted into the area the frame leaves. */
export function frameScene(scene: Scene, opts: { labels: boolean; measure?: Measure }): Scene {
  const frame = layoutFrame(scene, opts.measure);
  return {
    ...scene,
    nodes: fitNodes(scene.nodes, frame.area, {
      labelSize: scene.labelSize ?? 12,
      labels: opts.labels,
      ...(opts.measure ? { measure: opts.measure } : {}),
    }),
  };
}
