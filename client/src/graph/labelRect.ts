import type Sigma from 'sigma';
import type { Rect } from '../state/menu';

let measure: CanvasRenderingContext2D | null = null;

/**
 * Where a node and its label are on the page (CSS pixels), as sigma draws them: the disc, and the label to its
 * right (sigma's default label renderer: 3 px after the disc, in the label font). Null when the node is not drawn.
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
  return {
    left: box.left + v.x - r,
    top: box.top + v.y - half,
    right: box.left + v.x + r + (width ? 3 + width : 0),
    bottom: box.top + v.y + half,
  };
}
