import type Sigma from 'sigma';
import type { Rect } from '../state/menu';
import { drawnLabels } from './labels';

let measure: CanvasRenderingContext2D | null = null;

/**
 * Where a node and its label are on the page (CSS pixels), as sigma draws them: the disc, and the label where
 * labels.ts drew it (or, when it is not drawn, to the right of the disc, 3 px after it, in the label font). Null
 * when the node is not drawn.
 */
export function nodeLabelRect(sigma: Sigma, id: string): Rect | null {
  const graph = sigma.getGraph();
  if (!graph.hasNode(id)) return null;
  const d = sigma.getNodeDisplayData(id);
  if (!d || d.hidden) return null;
  const v = sigma.framedGraphToViewport(d);
  const r = sigma.scaleSize(d.size);
  const size = sigma.getSetting('labelSize') ?? 12;
  const font = `${sigma.getSetting('labelWeight') ?? 'normal'} ${size}px ${sigma.getSetting('labelFont') ?? 'sans-serif'}`;
  measure ??= document.createElement('canvas').getContext('2d');
  let width = 0;
  if (measure && d.label) {
    measure.font = font;
    width = measure.measureText(d.label).width;
  }
  const half = Math.max(r, size * 0.75);
  const box = sigma.getContainer().getBoundingClientRect();
  const placed = drawnLabels(sigma.getContainer()).get(id);
  if (placed) {
    return {
      left: box.left + Math.min(v.x - r, placed.left),
      top: box.top + Math.min(v.y - half, placed.top),
      right: box.left + Math.max(v.x + r, placed.right),
      bottom: box.top + Math.max(v.y + half, placed.bottom),
    };
  }
  // not drawn (yet): where labels.ts would first try it, right of the node, or left where only that side has room
  const label = width ? 3 + width : 0;
  const left = v.x + r + label > box.width && v.x - r - label >= 0;
  return {
    left: box.left + v.x - r - (left ? label : 0),
    top: box.top + v.y - half,
    right: box.left + v.x + r + (left ? 0 : label),
    bottom: box.top + v.y + half,
  };
}
