/**
 * PNG export: the same page as the SVG (./frame.ts: title, legend and footnote around the graph, every label
 * inside), drawn on a canvas at 1×, 2× or 4×. The scene is drawn here rather than copied from sigma's canvas,
 * so the picture is refitted to the page instead of cut at the edges of the screen.
 */
import { layoutFrame, type Measure } from './frame';
import { sceneLabels } from './labels';
import { DEFAULT_FONT, TEXT_COLOR, edgeGeometry, safeColor, type Scene, type SceneNode } from './scene';

export type PngScale = 1 | 2 | 4;

/** Text widths measured with the canvas's own font metrics. */
export function canvasMeasure(font: string): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, size) => {
    if (!ctx) return text.length * size * 0.56;
    ctx.font = `${size}px ${font}`;
    return ctx.measureText(text).width;
  };
}

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene) {
  const font = scene.fontFamily ?? DEFAULT_FONT;
  const labelSize = scene.labelSize ?? 12;
  if (scene.background && scene.background !== 'transparent') {
    ctx.fillStyle = safeColor(scene.background, '#ffffff');
    ctx.fillRect(0, 0, scene.width, scene.height);
  }
  const byId = new Map<string, SceneNode>(scene.nodes.map((n) => [n.id, n]));
  ctx.lineCap = 'round';
  for (const e of scene.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const g = edgeGeometry(e, s, t);
    const color = safeColor(e.color);
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.max(e.size, 0.5);
    ctx.beginPath();
    ctx.moveTo(g.start.x, g.start.y);
    if (g.control) ctx.quadraticCurveTo(g.control.x, g.control.y, g.end.x, g.end.y);
    else ctx.lineTo(g.end.x, g.end.y);
    ctx.stroke();
    if (g.head) {
      ctx.fillStyle = color;
      ctx.beginPath();
      g.head.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.closePath();
      ctx.fill();
    }
    if (e.label) {
      ctx.fillStyle = '#52606d';
      ctx.font = `${Math.max(labelSize - 2, 8)}px ${font}`;
      ctx.textAlign = 'center';
      ctx.fillText(e.label, g.middle.x, g.middle.y);
      ctx.textAlign = 'start';
    }
  }
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 0.5;
  for (const n of scene.nodes) {
    ctx.fillStyle = safeColor(n.color);
    ctx.beginPath();
    ctx.arc(n.x, n.y, Math.max(n.size, 0.5), 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  ctx.fillStyle = TEXT_COLOR;
  ctx.font = `${labelSize}px ${font}`;
  ctx.textBaseline = 'alphabetic';
  const measure = canvasMeasure(font);
  const frame = layoutFrame(scene, measure);
  // placed as on screen and in the SVG (./labels.ts), measured with the canvas's own font metrics
  for (const at of sceneLabels(scene, frame.area, measure).values()) ctx.fillText(at.text, at.tx, at.ty);

  for (const p of frame.panels) {
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#d0d5dc';
    ctx.lineWidth = 0.5;
    ctx.beginPath();
    ctx.roundRect(p.x, p.y, p.width, p.height, 4);
    ctx.fill();
    ctx.stroke();
  }
  for (const s of frame.swatches) {
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
  for (const t of frame.texts) {
    ctx.fillStyle = t.color;
    ctx.font = `${t.weight === 'bold' ? 'bold ' : ''}${t.size}px ${font}`;
    ctx.fillText(t.text, t.x, t.y);
  }
}

export async function exportPng(scene: Scene, scale: PngScale): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(scene.width * scale);
  canvas.height = Math.round(scene.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  drawScene(ctx, scene);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be encoded.'))), 'image/png'),
  );
}
