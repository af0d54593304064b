/** Takes a snapshot of what sigma shows, with the view state the explorer supplies. */
import type Sigma from 'sigma';
import type { SnapshotDocument } from '../../../../contract';
import { visibleFromSigma, type VisibleOptions } from '../../utils/export';
import { buildSnapshot, type ViewStateForSnapshot } from '../../state/snapshots';

export function captureSnapshot(
  sigma: Sigma,
  view: ViewStateForSnapshot,
  text: { title: string; caption: string },
  opts: VisibleOptions = {},
): SnapshotDocument {
  const { nodes, edges } = visibleFromSigma(sigma, opts);
  const c = sigma.getCamera().getState();
  const { width, height } = sigma.getDimensions();
  const bbox = sigma.getCustomBBox() ?? sigma.getBBox();
  return buildSnapshot({
    ...text,
    view,
    nodes,
    edges,
    camera: { x: c.x, y: c.y, ratio: c.ratio, angle: c.angle },
    viewport: { width, height },
    bbox: { x: [bbox.x[0], bbox.x[1]], y: [bbox.y[0], bbox.y[1]] },
  });
}
