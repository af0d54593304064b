/**
 * Framing the camera: fit a set of nodes (or everything drawn) with room for their labels. Built on
 * `getCameraStateToFitViewportToNodes` of @sigma/utils, which fits the nodes' centres edge to edge; here the
 * frame is widened by margins in pixels (labels are drawn to the right of their node) and shifted so the
 * margins fall where the labels are.
 */
import { getCameraStateToFitViewportToNodes } from '@sigma/utils';
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';

/** Pixels kept free around the framed nodes: labels go right of a node, so the right margin is the widest. */
export const FRAME_MARGINS = { left: 48, right: 170, top: 48, bottom: 48 };
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
  const state = { ...fit, ratio };
  // shift the centre so the free box (not the whole canvas) is centred on the nodes
  const centre = { x: width / 2, y: height / 2 };
  const a = sigma.viewportToFramedGraph(centre, { cameraState: state });
  const b = sigma.viewportToFramedGraph(
    { x: centre.x + (m.right - m.left) / 2, y: centre.y + (m.bottom - m.top) / 2 },
    { cameraState: state },
  );
  return { ...state, x: state.x + (b.x - a.x), y: state.y + (b.y - a.y) };
}
