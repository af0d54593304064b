import { useEffect } from 'react';
import { useLatest } from '../utils/useLatest';
import { useSigma } from '@react-sigma/core';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { fa2WorkerSettings } from '../layouts';
import type { Position } from '../state/view/types';

/** The positions currently in sigma's graph ("+N more" handles left out). */
export function graphPositions(graph: { forEachNode: (cb: (id: string, a: Record<string, unknown>) => void) => void }) {
  const out: Record<string, Position> = {};
  graph.forEachNode((id, a) => {
    if (!id.startsWith('more:')) out[id] = { x: Number(a['x']), y: Number(a['y']) };
  });
  return out;
}

/**
 * Runs ForceAtlas2 in a web worker while `running` is true (the page stays responsive); when it stops, hands the
 * positions reached to `onStopped`. The worker is killed on cleanup. Renders nothing.
 */
export function LayoutController({
  running,
  onStopped,
}: {
  running: boolean;
  onStopped: (p: Record<string, Position>) => void;
}) {
  const sigma = useSigma();
  const stopped = useLatest(onStopped);
  useEffect(() => {
    if (!running) return;
    const graph = sigma.getGraph();
    const fa2 = new FA2Layout(graph, { settings: fa2WorkerSettings(graph) });
    fa2.start();
    const done = stopped;
    return () => {
      fa2.stop();
      fa2.kill();
      done.current(graphPositions(graph));
    };
  }, [sigma, running, stopped]);
  return null;
}
