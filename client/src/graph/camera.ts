/**
 * Framing the camera: fit a set of nodes (or everything drawn) with room for their labels. Built on
 * `getCameraStateToFitViewportToNodes` of @sigma/utils, which fits the nodes' centres edge to edge; here the
 * frame is widened by margins in pixels (labels are drawn beside their node, graph/labels.ts) and shifted so the
 * margins fall where the labels are.
 */
import { getCameraStateToFitViewportToNodes } from '@sigma/utils';
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';

/** Pixels kept free around the framed nodes (first guess: labels go right of a node; `fitLabels` measures them). */
export const FRAME_MARGINS = { left: 32, right: 170, top: 32, bottom: 32 };
/** The closest a fit zooms in (a single node or two close ones are not blown up to fill the screen). */
export const MIN_FIT_RATIO = 0.12;
export const FIT_DURATION = 450;

/** The nodes a fit of "everything" means: drawn, not hidden by a filter. */
export function shownNodes(sigma: Sigma): string[] {
  return sigma.getGraph().filterNodes((_id, a) => !a['hidden']);
}

/** The camera state that shows `ids` (those drawn) with label margins, or null when none is drawn. */
export function frameState(sigma: Sigma, ids: string[]): CameraState | null {
  const graph = sigma.getGraph();
  const drawn = ids.filter((id) => graph.hasNode(id) && sigma.getNodeDisplayData(id));
  if (drawn.length === 0) return null;
  const fit = getCameraStateToFitViewportToNodes(sigma, drawn);
  const { width, height } = sigma.getDimensions();
  const m = FRAME_MARGINS;
  const freeW = Math.max(width - m.left - m.right, width * 0.3);
  const freeH = Math.max(height - m.top - m.bottom, height * 0.3);
  // a lone node: @sigma/utils frames it at the whole graph's size; keep that, only widen for margins
  const ratio = Math.max(fit.ratio * Math.max(width / freeW, height / freeH), MIN_FIT_RATIO);
  return fitLabels(sigma, drawn, { ...fit, ratio }, Math.max(fit.ratio, MIN_FIT_RATIO));
}

let measure: CanvasRenderingContext2D | null = null;
/** A label's width in pixels as sigma draws it (`size` px in `font`), measured on a canvas. */
export function labelTextWidth(text: string, size: number, font: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * size * 0.6;
  measure.font = `${size}px ${font}`;
  return measure.measureText(text).width;
}
function labelWidth(sigma: Sigma, text: string): number {
  return labelTextWidth(text, sigma.getSetting('labelSize') ?? 12, sigma.getSetting('labelFont') ?? 'sans-serif');
}

/**
 * Zooms and re-centres a camera state until every node's disc is inside the canvas with the margins and its label
 * fits to the right or to the left of it (labels.ts draws it on a side where it fits); labels keep their pixel
 * size whatever the zoom, so a few passes settle it. It never zooms in closer than `floor` (the nodes' centres
 * edge to edge: a lone node keeps @sigma/utils' frame).
 */
function fitLabels(sigma: Sigma, ids: string[], start: CameraState, floor: number): CameraState {
  const { width, height } = sigma.getDimensions();
  const m = FRAME_MARGINS.left;
  const labelRoom = Math.max(width / 3, width - 2 * m - 200);
  const items = ids.map((id) => {
    const d = sigma.getNodeDisplayData(id)!;
    const r = sigma.scaleSize(d.size);
    // a label about as wide as the canvas (a long name on a phone) cannot be fitted by zooming out: its pixel
    // width stays, and counting it whole would shrink the graph to a point; the nodes keep 200 px (or two
    // thirds of a narrow canvas) to spread over, and such a label may overflow instead
    return { d, r, label: d.label ? Math.min(labelWidth(sigma, d.label) + 6, labelRoom) : 0 };
  });
  let state = start;
  for (let pass = 0; pass < 8; pass++) {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const { d, r, label } of items) {
      const v = sigma.framedGraphToViewport(d, { cameraState: state });
      // a label that fits right or left of its node inside the frame takes no room of its own (labels.ts draws it
      // on a side where it fits); one that fits on neither side widens the frame to its right
      const fits = v.x + r + label <= width - m || v.x - r - label >= m;
      minX = Math.min(minX, v.x - r);
      maxX = Math.max(maxX, fits ? v.x + r : v.x + r + label);
      minY = Math.min(minY, v.y - Math.max(r, 8));
      maxY = Math.max(maxY, v.y + Math.max(r, 8));
    }
    // zoom out or in until the frame just fits (labels keep their pixel width, so this settles in a few passes;
    // the first guess's wide right margin is not kept where the labels do not need it)
    const grow = Math.max((maxX - minX) / (width - 2 * m), (maxY - minY) / (height - 2 * m));
    const centre = sigma.viewportToFramedGraph({ x: (minX + maxX) / 2, y: (minY + maxY) / 2 }, { cameraState: state });
    const middle = sigma.viewportToFramedGraph({ x: width / 2, y: height / 2 }, { cameraState: state });
    const moved = Math.abs(centre.x - middle.x) + Math.abs(centre.y - middle.y);
    state = {
      ...state,
      x: state.x + (centre.x - middle.x),
      y: state.y + (centre.y - middle.y),
      ratio: Math.max(state.ratio * grow, floor),
    };
    if (Math.abs(grow - 1) <= 0.001 && moved < 1e-6) break;
  }
  return state;
}
