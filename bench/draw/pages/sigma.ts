/**
 * Arm "bare sigma": sigma v3 and graphology alone, with Parley's sigma settings (client/src/graph/settings.ts)
 * and the colours and sizes Parley's reducers would give, written straight into the graph (no reducers, no
 * React; Parley's label placer comes with the settings). `?labels=sigma`: sigma's own label drawing
 * (drawDiscNodeLabel / drawDiscNodeHover) instead of the placer, to show what the placer costs. Also hosts the ForceAtlas2 measurements (layout.ts), which need only graphology.
 */
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { drawDiscNodeHover, drawDiscNodeLabel } from 'sigma/rendering';
import { EDGE_COLOR, INFERRED_EDGE_COLOR } from '../../../client/src/graph/palette';
import { SIGMA_SETTINGS } from '../../../client/src/graph/settings';
import {
  cameraAt,
  cameraFrames,
  extentOf,
  install,
  nudge,
  readBack,
  stillPicture,
  type DrawData,
  type Frames,
} from './common';
import { fa2Rates, fa2Readable } from './layout';

const container = document.getElementById('root')!;
/**
 * Parley's settings, edge picking pass off (Parley picks edges itself); `?edgeEvents=1`: the same with sigma's edge
 * picking pass, which draws every edge a second time into a picking framebuffer on each frame (its own arm, to
 * show what that pass costs).
 */
const EDGE_EVENTS = new URLSearchParams(location.search).get('edgeEvents') === '1';
const SIGMA_LABELS = new URLSearchParams(location.search).get('labels') === 'sigma';
let sigma: Sigma | null = null;
let graph: MultiDirectedGraph | null = null;
let data: DrawData | null = null;

const render = (s: Sigma) => (s as unknown as { render(): void }).render();

/** Where a pan/zoom frame's time goes: sigma's render call, then the read-back (GPU finish), per canvas kind. */
function breakdown(frames: number) {
  const s = sigma!;
  let renderMs = 0;
  let glMs = 0;
  let labelsMs = 0;
  const per: Record<string, number> = {};
  for (let i = 1; i <= frames; i++) {
    const t0 = performance.now();
    s.getCamera().setState(cameraAt(i, frames));
    render(s);
    const t1 = performance.now();
    for (const c of Array.from(container.querySelectorAll('canvas'))) {
      const gl = c.getContext('webgl2');
      const a = performance.now();
      if (gl) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
      per[c.className] = (per[c.className] ?? 0) + (performance.now() - a) / frames;
    }
    const t2 = performance.now();
    readBack(container);
    const t3 = performance.now();
    renderMs += t1 - t0;
    glMs += t2 - t1;
    labelsMs += t3 - t2;
  }
  return { renderMs: renderMs / frames, glFinishMs: glMs / frames, restMs: labelsMs / frames, per };
}

install(
  {
    async first(d) {
      data = d;
      const t0 = performance.now();
      const g = new MultiDirectedGraph();
      for (const n of d.nodes) g.addNode(n.id, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.name });
      for (const e of d.edges)
        g.addDirectedEdgeWithKey(e.id, e.source, e.target, {
          size: 2,
          color: e.inferred ? INFERRED_EDGE_COLOR : EDGE_COLOR,
          type: 'arrow',
        });
      graph = g;
      // sigma renders synchronously in its constructor; the read-back waits for the GPU
      sigma = new Sigma(g, container, {
        ...SIGMA_SETTINGS,
        enableEdgeEvents: EDGE_EVENTS,
        ...(SIGMA_LABELS ? { defaultDrawNodeLabel: drawDiscNodeLabel, defaultDrawNodeHover: drawDiscNodeHover } : {}),
      });
      readBack(container);
      return performance.now() - t0;
    },
    panZoom(frames, start = 0, of = frames) {
      const s = sigma!;
      const out = cameraFrames(
        frames,
        start,
        of,
        (c) => s.getCamera().setState(c),
        () => render(s),
        container,
      );
      s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 });
      return out;
    },
    async refresh(frames) {
      const s = sigma!;
      const g = graph!;
      const ext = extentOf(data!);
      const out: Frames = { js: [], total: [] };
      const subscribe = (f: () => void) => {
        s.on('afterRender', f);
        return () => void s.off('afterRender', f);
      };
      for (let k = 1; k <= frames; k++) {
        const t0 = performance.now();
        const still = stillPicture(subscribe, container, t0);
        let j = 0;
        g.updateEachNodeAttributes((_, a) => {
          const p = nudge(k, data!.nodes[j]!.x, data!.nodes[j]!.y, ext, j);
          j++;
          return { ...a, x: p.x, y: p.y };
        });
        const r = await still;
        out.js.push(r.js);
        out.total.push(r.total);
      }
      return out;
    },
  },
  container,
  { fa2Rates, fa2Readable, breakdown } as unknown as Record<string, (...args: never[]) => unknown>,
);
