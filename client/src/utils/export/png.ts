/**
 * PNG export: sigma's own image helper (@sigma/export-image) renders the graph at 1×, 2× or 4× the on-screen
 * size, and the title, caption, legend and footnote are drawn over it with the same layout as the SVG.
 */
import type Sigma from 'sigma';
import { drawOnCanvas } from '@sigma/export-image';
import { layoutOverlay, safeColor } from './scene';
import type { OverlayContent } from './fromSigma';

export type PngScale = 1 | 2 | 4;

/**
 * Runs `work` with window.devicePixelRatio set to `ratio`: sigma and the export helper both size their
 * canvases by it, so this renders the very same picture with `ratio` pixels per CSS pixel.
 */
async function withPixelRatio<T>(ratio: number, work: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => ratio });
  try {
    return await work();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  overlay: OverlayContent,
  font: string,
) {
  const layout = layoutOverlay({ width, height, ...overlay });
  for (const p of layout.panels) {
    ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
    ctx.strokeStyle = '#d0d5dc';
    ctx.lineWidth = 0.5;
    ctx.beginPath();
    ctx.roundRect(p.x, p.y, p.width, p.height, 4);
    ctx.fill();
    ctx.stroke();
  }
  for (const s of layout.swatches) {
    const color = safeColor(s.color);
    ctx.beginPath();
    if (s.shape === 'circle') {
      ctx.fillStyle = color;
      ctx.arc(s.x, s.y, 5, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.moveTo(s.x - 6, s.y);
      ctx.lineTo(s.x + 6, s.y);
      ctx.stroke();
    }
  }
  ctx.textBaseline = 'alphabetic';
  for (const t of layout.texts) {
    ctx.fillStyle = t.color;
    ctx.font = `${t.weight === 'bold' ? 'bold ' : ''}${t.size}px ${font}`;
    ctx.fillText(t.text, t.x, t.y);
  }
}

export async function exportPng(
  sigma: Sigma,
  opts: { scale: PngScale; background: 'white' | 'transparent'; overlay: OverlayContent },
): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const canvas = await withPixelRatio(opts.scale, () =>
    drawOnCanvas(sigma, { backgroundColor: opts.background === 'white' ? '#ffffff' : 'transparent' }),
  );
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.save();
  ctx.setTransform(opts.scale, 0, 0, opts.scale, 0, 0);
  drawOverlay(ctx, width, height, opts.overlay, sigma.getSetting('labelFont') ?? 'sans-serif');
  ctx.restore();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be encoded.'))), 'image/png'),
  );
}
