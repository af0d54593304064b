import type Sigma from 'sigma';

/** What the browser tests read of a reopened snapshot (see test/e2e/snapshots.test.ts). */
export interface SnapshotTestHook {
  ready: boolean;
  positions: () => Record<string, { x: number; y: number }>;
  viewportPosition: (id: string) => { x: number; y: number } | null;
  camera: () => { x: number; y: number; ratio: number; angle: number };
}
declare global {
  interface Window {
    __parleySnapshot?: SnapshotTestHook;
  }
}

/** Installs `window.__parleySnapshot` for the snapshot drawn by `s`; returns its removal. */
export function installSnapshotHook(s: Sigma): () => void {
  const graph = s.getGraph();
  const hook: SnapshotTestHook = {
    ready: true,
    positions: () => {
      const out: Record<string, { x: number; y: number }> = {};
      graph.forEachNode((id, a) => (out[id] = { x: a['x'] as number, y: a['y'] as number }));
      return out;
    },
    viewportPosition: (id) => {
      const d = s.getNodeDisplayData(id);
      return d ? s.framedGraphToViewport(d) : null;
    },
    camera: () => s.getCamera().getState(),
  };
  window.__parleySnapshot = hook;
  return () => {
    if (window.__parleySnapshot === hook) delete window.__parleySnapshot;
  };
}
