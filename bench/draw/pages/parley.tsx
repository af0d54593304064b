/**
 * Arm "Parley": the explorer's own drawing path in a page — @react-sigma's SigmaContainer with the explorer's
 * settings (client/src/graph/settings.ts), its DataController (the render model into the graph, in place) and
 * ReducersController (colours, sizes, hover, path and edge labels through sigma's reducers), with sizes by degree
 * from client/src/utils/metrics.ts, as GraphCanvas composes them, and its label placer (client/src/graph/labels.ts:
 * SIGMA_SETTINGS' label drawing, and `avoidNodes` as GraphCanvas calls it, which keeps labels off the other nodes'
 * discs on graphs up to 2,000 nodes). What it leaves out: the store and the panels
 * (the render model is built here from the data, as deriveRenderModel would give it with nothing filtered).
 */
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { SigmaContainer } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { MultiDirectedGraph } from 'graphology';
import type Sigma from 'sigma';
import { DataController } from '../../../client/src/graph/DataController';
import { avoidNodes } from '../../../client/src/graph/labels';
import { ReducersController } from '../../../client/src/graph/ReducersController';
import { SIGMA_SETTINGS } from '../../../client/src/graph/settings';
import { sameTopology } from '../../../client/src/state/render';
import type { RenderModel } from '../../../client/src/state/render/types';
import { nodeSizes } from '../../../client/src/utils/metrics';
import { cameraFrames, extentOf, install, nudge, readBack, stillPicture, type DrawData, type Frames } from './common';

const container = document.getElementById('root')!;
let sigma: Sigma | null = null;
let setModel: ((m: RenderModel) => void) | null = null;
let data: DrawData | null = null;
const waiting = new Set<() => void>();
let lastSizes: { model: RenderModel; sizes: Record<string, number> } | null = null;

function toModel(d: DrawData, k = 0): RenderModel {
  const ext = extentOf(d);
  return {
    nodes: d.nodes.map((n, j) => ({
      id: n.id,
      label: n.name,
      kind: n.kind,
      ...(k === 0 ? { x: n.x, y: n.y } : nudge(k, n.x, n.y, ext, j)),
      hidden: false,
    })),
    edges: d.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.type,
      type: e.type,
      weight: 1,
      inferred: e.inferred,
      hidden: false,
    })),
  };
}

function Canvas({ initial }: { initial: RenderModel }) {
  const graph = useMemo(() => new MultiDirectedGraph(), []);
  const [model, set] = useState(initial);
  setModel = set;
  // as core/explorer/derived.ts: sizes follow the graph, not the positions
  const sizes = useMemo(() => {
    if (lastSizes && sameTopology(lastSizes.model, model)) return lastSizes.sizes;
    lastSizes = { model, sizes: nodeSizes(model, 'degree') };
    return lastSizes.sizes;
  }, [model]);
  const appearance = useMemo(
    () => ({ sizes, communities: null, selectedNode: null, selectedEdge: null, path: null }),
    [sizes],
  );
  const onSigma = (s: Sigma | null) => {
    if (!s || s === sigma) return;
    sigma = s;
    avoidNodes(s); // as GraphCanvas does
    s.on('afterRender', () => {
      for (const f of [...waiting]) f();
    });
  };
  return (
    <SigmaContainer ref={onSigma} graph={graph} settings={SIGMA_SETTINGS} style={{ width: '100%', height: '100%' }}>
      <DataController model={model} syncPositions />
      <ReducersController {...appearance} />
    </SigmaContainer>
  );
}

/** Resolves on the next render (after reading a pixel back) for which `ready()` holds. */
function nextPicture(ready: () => boolean = () => true): Promise<void> {
  return new Promise((resolve) => {
    const on = () => {
      if (!ready()) return;
      waiting.delete(on);
      readBack(container);
      resolve();
    };
    waiting.add(on);
  });
}

const render = (s: Sigma) => (s as unknown as { render(): void }).render();

install(
  {
    async first(d) {
      data = d;
      const t0 = performance.now();
      const model = toModel(d);
      const drawn = nextPicture(() => {
        const g = sigma?.getGraph();
        return !!g && g.order === d.nodes.length && g.size === d.edges.length;
      });
      flushSync(() => createRoot(container).render(<Canvas initial={model} />));
      await drawn;
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
      const out: Frames = { js: [], total: [] };
      const subscribe = (f: () => void) => {
        waiting.add(f);
        return () => void waiting.delete(f);
      };
      for (let k = 1; k <= frames; k++) {
        const t0 = performance.now();
        const still = stillPicture(subscribe, container, t0);
        // a new render model with the moved positions, as the store gives one after a layout step
        setModel!(toModel(data!, k));
        const r = await still;
        out.js.push(r.js);
        out.total.push(r.total);
      }
      return out;
    },
  },
  container,
);
