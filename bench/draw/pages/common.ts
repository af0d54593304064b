/**
 * What every drawing arm's page shares: the data it fetches, the camera script, forcing the GPU work to finish
 * (one pixel read back from each canvas), and the API the bench driver (bench/draw.ts) calls as
 * `window.__draw`. Browser code, bundled by bench/draw/vite.config.ts.
 */
import type { DrawData } from '../data';

export type { DrawData, DrawEdge, DrawNode } from '../data';

export interface Frames {
  js: number[];
  total: number[];
}

/**
 * Waits, from `t0`, until the picture is still: every render (reported through `subscribe`) is read back, and the
 * wait ends once two animation frames pass with no new render. `total` = until the last read-back; `js` = that
 * minus the read-backs' time (the renderer's JS, the framework's and the frame waits); `renders` = how many.
 */
export function stillPicture(
  subscribe: (onRender: () => void) => () => void,
  root: ParentNode,
  t0: number,
): Promise<{ js: number; total: number; renders: number }> {
  return new Promise((resolve) => {
    let renders = 0;
    let gpu = 0;
    let doneAt = t0;
    const off = subscribe(() => {
      renders++;
      const a = performance.now();
      readBack(root);
      doneAt = performance.now();
      gpu += doneAt - a;
    });
    const check = (seen: number) =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (renders > 0 && renders === seen) {
            off();
            resolve({ js: doneAt - t0 - gpu, total: doneAt - t0, renders });
          } else check(renders);
        }),
      );
    check(-1);
  });
}

/** Runs `frames` steps of the camera script from step `start` of `of`: set the camera, render, read back. */
export function cameraFrames(
  frames: number,
  start: number,
  of: number,
  move: (c: ReturnType<typeof cameraAt>) => void,
  render: () => void,
  root: ParentNode,
): Frames {
  const out: Frames = { js: [], total: [] };
  for (let i = start + 1; i <= start + frames; i++) {
    const t0 = performance.now();
    move(cameraAt(i, of));
    render();
    const t1 = performance.now();
    readBack(root);
    out.js.push(t1 - t0);
    out.total.push(performance.now() - t0);
  }
  return out;
}

export interface DrawArm {
  /** ms from "here is the parsed graph" to its first picture read back */
  first(data: DrawData): Promise<number>;
  /**
   * one camera step of the scripted pan/zoom per frame, rendered synchronously: `js` = ms in the renderer's
   * render call, `total` = ms until the pixels are read back (the GPU's work done); `start` = first frame index
   */
  panZoom(frames: number, start?: number, of?: number): Frames;
  /** every node moved a little, until the picture is still (read back): ms per refresh, JS and total */
  refresh(frames: number): Promise<Frames>;
}

declare global {
  interface Window {
    __draw?: {
      ready: boolean;
      load(size: string): Promise<{ nodes: number; edges: number }>;
      first(): Promise<number>;
      panZoom(frames: number, start?: number, of?: number): Frames;
      refresh(frames: number): Promise<Frames>;
      renderer(): string;
      heapMB(): number;
      extra?: Record<string, (...args: never[]) => unknown>;
    };
    gc?: () => void;
  }
}

/** Reads one pixel of every canvas under `root` (WebGL: readPixels; 2D: getImageData), which waits for the GPU. */
export function readBack(root: ParentNode): number {
  let sum = 0;
  const px = new Uint8Array(4);
  for (const canvas of Array.from(root.querySelectorAll('canvas'))) {
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (gl) {
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      sum += px[3] ?? 0;
      continue;
    }
    const c2d = canvas.getContext('2d');
    if (c2d) sum += c2d.getImageData(0, 0, 1, 1).data[3] ?? 0;
  }
  return sum;
}

/** The WebGL renderer string of this browser (SwiftShader when there is no GPU). */
export function rendererString(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/**
 * The scripted camera: frame i of n, as sigma's camera state (x, y in the normalised graph space, 0.5 = centre;
 * ratio 1 = the whole graph): a zoom in to 0.25 and back out while the centre circles around.
 */
export function cameraAt(i: number, n: number): { x: number; y: number; ratio: number } {
  const t = (i / Math.max(1, n)) * 2 * Math.PI;
  return { x: 0.5 + 0.2 * Math.cos(t), y: 0.5 + 0.2 * Math.sin(t), ratio: 0.25 + 0.75 * (0.5 + 0.5 * Math.cos(t)) };
}

/** The seeded nudge of refresh k: every node moves by up to 1% of the extent (same in every arm). */
export function nudge(k: number, x: number, y: number, extent: number, j: number) {
  const a = Math.sin((j + 1) * 12.9898 + k * 78.233) * 43758.5453;
  const f = a - Math.floor(a);
  return { x: x + (f - 0.5) * 0.02 * extent, y: y + (0.5 - f) * 0.02 * extent };
}

export function extentOf(data: DrawData): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of data.nodes) {
    lo = Math.min(lo, n.x, n.y);
    hi = Math.max(hi, n.x, n.y);
  }
  return hi - lo;
}

/** Installs `window.__draw` for an arm. */
export function install(arm: DrawArm, root: ParentNode, extra?: Record<string, (...args: never[]) => unknown>) {
  let data: DrawData | null = null;
  window.__draw = {
    ready: true,
    async load(size: string) {
      const res = await fetch(`/data/${size}.json`);
      data = (await res.json()) as DrawData;
      return { nodes: data.nodes.length, edges: data.edges.length };
    },
    first() {
      if (!data) throw new Error('bench/draw: call load(size) first');
      return arm.first(data);
    },
    panZoom: (frames, start, of) => arm.panZoom(frames, start, of),
    refresh: (frames) => arm.refresh(frames),
    renderer: rendererString,
    heapMB() {
      window.gc?.();
      const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return m ? Math.round((m.usedJSHeapSize / 2 ** 20) * 10) / 10 : -1;
    },
    ...(extra ? { extra } : {}),
  };
  void root;
}
