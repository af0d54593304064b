/** The explorer's camera requests (fit, focus, zoom) and keyboard focus on the canvas; the canvas moves the camera. */
import type Sigma from 'sigma';
import { getExplorer, setExplorer } from './store';

let cameraNonce = 0;
export const focusOn = (id: string) => setExplorer({ camera: { kind: 'focus', id, nonce: ++cameraNonce } });
/**
 * Asks the canvas to fit these nodes (null: everything shown) with room for their labels. Called after load,
 * search, expand, path, filter and layout changes, and by the fit button and key.
 */
export const frameNodes = (ids: string[] | null) => setExplorer({ camera: { kind: 'fit', ids, nonce: ++cameraNonce } });
export const fitView = () => frameNodes(null);

/** Moves the keyboard focus to the graph canvas (after a search hit is chosen), where the shortcuts work. */
export function focusCanvas(): void {
  const container = getExplorer().sigma?.getContainer();
  if (!container) return;
  if (!container.hasAttribute('tabindex')) container.tabIndex = 0;
  container.focus({ preventScroll: true });
}

/**
 * Where each canvas's zoom in progress is going, kept per sigma (a WeakMap, gone with the sigma) so that two
 * canvases never share a target.
 */
const zoomTargets = new WeakMap<Sigma, number>();

/** Zoom in (factor > 1) or out (< 1) around the centre, animated; the buttons and the + / - keys. */
export function zoomBy(factor: number): void {
  const sigma = getExplorer().sigma;
  const camera = sigma?.getCamera();
  if (!sigma || !camera) return;
  // quick presses compound: each starts from where the zoom in progress was going, not from where it is now
  // (on a slow machine a second click came before the first had moved, and two clicks zoomed only once)
  const going = zoomTargets.get(sigma);
  const from = going !== undefined && camera.isAnimated() ? going : camera.ratio;
  const target = from / factor;
  zoomTargets.set(sigma, target);
  void camera.animate({ ratio: target }, { duration: 250 }).then(() => {
    if (zoomTargets.get(sigma) === target) zoomTargets.delete(sigma);
  });
}
