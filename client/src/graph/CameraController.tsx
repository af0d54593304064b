import { useEffect } from 'react';
import { useSigma } from '@react-sigma/core';

/**
 * Centres the camera on a node when asked (a new `request.nonce` each time). Waits a few frames for a node that
 * was just added to be drawn. Renders nothing.
 */
export function CameraController({ request }: { request: { id: string; nonce: number } | null }) {
  const sigma = useSigma();
  useEffect(() => {
    if (!request) return;
    let frame = 0;
    let tries = 0;
    const go = () => {
      const d = sigma.getNodeDisplayData(request.id);
      if (!d) {
        if (tries++ < 30) frame = requestAnimationFrame(go);
        return;
      }
      const camera = sigma.getCamera();
      void camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6) }, { duration: 400 });
    };
    frame = requestAnimationFrame(go);
    return () => cancelAnimationFrame(frame);
  }, [sigma, request]);
  return null;
}
