/**
 * Arm "Cytoscape.js": the same nodes, edges, positions (preset layout), colours and sizes, with arrows on the
 * edges and labels hidden below 8 px on screen (Cytoscape's nearest equivalent of sigma's label threshold), in
 * its default canvas renderer.
 */
import cytoscape from 'cytoscape';
import { EDGE_COLOR, INFERRED_EDGE_COLOR } from '../../../client/src/graph/palette';
import { cameraFrames, extentOf, install, nudge, readBack, stillPicture, type DrawData, type Frames } from './common';

const container = document.getElementById('root')!;
let cy: cytoscape.Core | null = null;
let data: DrawData | null = null;
let box = { x1: 0, y1: 0, w: 1, h: 1 };

interface Renderer {
  render(options?: object): void;
}

function nextPicture(c: cytoscape.Core): Promise<void> {
  return new Promise((resolve) => {
    c.one('render', () => {
      readBack(container);
      resolve();
    });
  });
}

install(
  {
    async first(d) {
      data = d;
      const t0 = performance.now();
      const elements: cytoscape.ElementDefinition[] = [];
      for (const n of d.nodes)
        elements.push({
          group: 'nodes',
          data: { id: n.id, name: n.name, color: n.color, size: n.size * 2 },
          position: { x: n.x, y: -n.y },
        });
      for (const e of d.edges)
        elements.push({
          group: 'edges',
          data: { id: e.id, source: e.source, target: e.target, color: e.inferred ? INFERRED_EDGE_COLOR : EDGE_COLOR },
        });
      const c = cytoscape({
        container,
        elements,
        layout: { name: 'preset' },
        pixelRatio: 1,
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(color)',
              width: 'data(size)',
              height: 'data(size)',
              label: 'data(name)',
              'font-size': 12,
              'min-zoomed-font-size': 8,
            },
          },
          {
            selector: 'edge',
            style: {
              width: 1,
              'line-color': 'data(color)',
              'curve-style': 'straight',
              'target-arrow-shape': 'triangle',
              'target-arrow-color': 'data(color)',
            },
          },
        ],
      });
      cy = c;
      const bb = c.elements().boundingBox();
      box = { x1: bb.x1, y1: bb.y1, w: bb.w, h: bb.h };
      await nextPicture(c);
      return performance.now() - t0;
    },
    panZoom(frames, start = 0, of = frames) {
      const c = cy!;
      const r = (c as unknown as { renderer(): Renderer }).renderer();
      const fitZoom = Math.min(c.width() / box.w, c.height() / box.h);
      const out = cameraFrames(
        frames,
        start,
        of,
        (s) => {
          const zoom = fitZoom / s.ratio;
          const mx = box.x1 + s.x * box.w;
          const my = box.y1 + (1 - s.y) * box.h;
          c.viewport({ zoom, pan: { x: c.width() / 2 - mx * zoom, y: c.height() / 2 - my * zoom } });
        },
        () => r.render(),
        container,
      );
      c.fit();
      return out;
    },
    async refresh(frames) {
      const c = cy!;
      const d = data!;
      const ext = extentOf(d);
      const nodes = c.nodes();
      const out: Frames = { js: [], total: [] };
      const subscribe = (f: () => void) => {
        c.on('render', f);
        return () => void c.off('render', f);
      };
      for (let k = 1; k <= frames; k++) {
        const t0 = performance.now();
        const still = stillPicture(subscribe, container, t0);
        c.batch(() => {
          nodes.forEach((n, j) => {
            const src = d.nodes[j]!;
            const p = nudge(k, src.x, src.y, ext, j);
            n.position({ x: p.x, y: -p.y });
          });
        });
        const r = await still;
        out.js.push(r.js);
        out.total.push(r.total);
      }
      return out;
    },
  },
  container,
);
