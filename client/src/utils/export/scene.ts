/**
 * A plain description of what is on screen (viewport pixels, y down), which the SVG writer and the PNG
 * compositor both draw from (./frame.ts lays out the page: title, legend and footnote around the graph).
 * Pure: no DOM, no sigma.
 */

export interface SceneNode {
  id: string;
  /** centre, in viewport pixels */
  x: number;
  y: number;
  /** radius in pixels */
  size: number;
  color: string;
  /** its label (placed right, left, below or above it as on screen: ./labels.ts); null or empty for none */
  label: string | null;
  /** the view forces its label (the selection): drawn even where no place is free */
  forceLabel?: boolean;
}

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  color: string;
  /** thickness in pixels */
  size: number;
  /** as @sigma/edge-curve: the control point sits `curvature × length` off the middle of the chord */
  curvature?: number;
  /** arrow head at the target */
  arrow?: boolean;
  label?: string | null;
}

export interface SceneLegendItem {
  label: string;
  color: string;
  shape: 'circle' | 'line';
}

export interface Scene {
  width: number;
  height: number;
  /** a CSS colour, or null / 'transparent' for none */
  background: string | null;
  nodes: SceneNode[];
  edges: SceneEdge[];
  legend: SceneLegendItem[];
  title: string;
  caption: string;
  footnote: string;
  /** label font size in pixels (default 12) */
  labelSize?: number;
  fontFamily?: string;
}

export const DEFAULT_FONT = 'Inter, system-ui, Helvetica, Arial, sans-serif';
export const TEXT_COLOR = '#1f2a37';
export const MUTED_COLOR = '#52606d';

/** Only plain hex and rgb()/rgba() colours pass; anything else becomes `fallback`. */
export function safeColor(c: unknown, fallback = '#999999'): string {
  if (typeof c !== 'string') return fallback;
  const s = c.trim();
  if (/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(s)) return s;
  if (/^rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(?:,\s*[\d.]+%?\s*)?\)$/.test(s)) return s;
  return fallback;
}

/** Geometry of an edge: the path's points and, with an arrow, the head's triangle (tip on the target's rim). */
export interface EdgeGeometry {
  start: { x: number; y: number };
  /** control point of the quadratic curve, or null for a straight line */
  control: { x: number; y: number } | null;
  end: { x: number; y: number };
  /** triangle points, tip first */
  head: [number, number][] | null;
  /** the middle of the drawn curve, for a label */
  middle: { x: number; y: number };
}

export const ARROW_LENGTH_RATIO = 2.5;
export const ARROW_WIDTH_RATIO = 2;

export function edgeGeometry(edge: SceneEdge, source: SceneNode, target: SceneNode): EdgeGeometry {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const curvature = edge.curvature ?? 0;
  const control =
    curvature !== 0
      ? { x: (source.x + target.x) / 2 + dy * curvature, y: (source.y + target.y) / 2 - dx * curvature }
      : null;
  // direction in which the curve arrives at the target
  const from = control ?? source;
  let ux = target.x - from.x;
  let uy = target.y - from.y;
  const len = Math.hypot(ux, uy) || 1;
  ux /= len;
  uy /= len;
  const thickness = Math.max(edge.size, 1);
  let end = { x: target.x, y: target.y };
  let head: [number, number][] | null = null;
  if (edge.arrow) {
    const tip = { x: target.x - ux * target.size, y: target.y - uy * target.size };
    const l = thickness * ARROW_LENGTH_RATIO;
    const w = (thickness * ARROW_WIDTH_RATIO) / 2 + thickness / 2;
    const base = { x: tip.x - ux * l, y: tip.y - uy * l };
    head = [
      [tip.x, tip.y],
      [base.x - uy * w, base.y + ux * w],
      [base.x + uy * w, base.y - ux * w],
    ];
    end = base;
  }
  const middle = control
    ? { x: 0.25 * source.x + 0.5 * control.x + 0.25 * target.x, y: 0.25 * source.y + 0.5 * control.y + 0.25 * target.y }
    : { x: (source.x + target.x) / 2, y: (source.y + target.y) / 2 };
  return { start: { x: source.x, y: source.y }, control, end, head, middle };
}

/** The overlay (title, caption, legend, footnote) as boxes and text lines, in viewport pixels. */
export interface OverlayText {
  x: number;
  y: number;
  text: string;
  size: number;
  weight: 'normal' | 'bold';
  color: string;
  role: 'title' | 'caption' | 'legend' | 'footnote';
}
export interface OverlaySwatch {
  x: number;
  y: number;
  color: string;
  shape: 'circle' | 'line';
}
export interface OverlayPanel {
  x: number;
  y: number;
  width: number;
  height: number;
  role: 'heading' | 'legend' | 'footnote';
}
export interface OverlayLayout {
  panels: OverlayPanel[];
  texts: OverlayText[];
  swatches: OverlaySwatch[];
}

/** A rough text width (no fonts here): good enough to size panels and wrap lines. */
export function approxTextWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

export function wrapText(text: string, size: number, maxWidth: number, maxLines = 4): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && approxTextWidth(next, size) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''} …`;
    return kept;
  }
  return lines;
}
