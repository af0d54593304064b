import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';
import type { CameraRequest } from '../state/render/types';
import { FIT_DURATION, frameState, shownNodes } from './camera';

/**
 * Moves the camera when asked (a new `request.nonce` each time): centre on a node, or frame a set of nodes.
 * Waits a few frames for nodes that were just added to be drawn. Renders nothing.
 */
export function CameraController({ request }: { request: CameraRequest | null }) {
  const sigma = useSigma();
  useEffect(() => {
    if (!request) return;
    let frame = 0;
    let tries = 0;
    const go = () => {
      const graph = sigma.getGraph();
      const want = request.kind === 'focus' ? [request.id] : (request.ids ?? shownNodes(sigma));
      const drawn = want.filter((id) => graph.hasNode(id) && sigma.getNodeDisplayData(id));
      // nodes just added are drawn on the next frames: wait for them a little, then frame what is there
      if (drawn.length < want.length && tries++ < 30) {
        frame = requestAnimationFrame(go);
        return;
      }
      if (drawn.length === 0) return;
      const camera = sigma.getCamera();
      if (request.kind === 'focus') {
        const d = sigma.getNodeDisplayData(request.id)!;
        void camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6) }, { duration: 400 });
        return;
      }
      const target = frameState(sigma, drawn);
      if (target) void camera.animate(target, { duration: FIT_DURATION });
    };
    frame = requestAnimationFrame(go);
    return () => cancelAnimationFrame(frame);
  }, [sigma, request]);
  return null;
}
