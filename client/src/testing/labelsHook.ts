import { drawnLabels } from '../graph/labels';

/** A node label as drawn, in page coordinates (CSS pixels). */
export interface DrawnLabelBox {
  id: string;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}
declare global {
  interface Window {
    /** the labels drawn on the sigma canvas inside the element `selector` names, and that canvas's box */
    __parleyLabels?: (selector: string) => {
      canvas: { left: number; top: number; right: number; bottom: number };
      labels: DrawnLabelBox[];
    } | null;
  }
}

/** Installs `window.__parleyLabels` (graph/labels.ts records where each label went), for any Parley canvas. */
export function installLabelsHook(): void {
  window.__parleyLabels = (selector) => {
    const container = document.querySelector(`${selector} canvas.sigma-labels`)?.parentElement;
    if (!container) return null;
    const r = container.getBoundingClientRect();
    const labels = [...drawnLabels(container)].map(([id, l]) => ({
      id,
      text: l.text,
      left: r.left + l.left,
      top: r.top + l.top,
      right: r.left + l.right,
      bottom: r.top + l.bottom,
    }));
    return { canvas: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, labels };
  };
}
