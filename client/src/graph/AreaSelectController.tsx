import { useCallback, useEffect, useRef, useState, type PointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import { useSigma } from '@react-sigma/core';
import type Sigma from 'sigma';
import type { SigmaEventPayload, SigmaStageEventPayload } from 'sigma/types';
import { boxOf, extendOutline, nodesInBox, nodesInPolygon, spansArea, type Point } from '../state/multiselect';

export type AreaShape = 'box' | 'lasso';

export interface AreaSelectProps {
  /** "Select area" is on: a drag anywhere on the canvas (mouse, pen or touch) draws this shape instead of panning */
  mode: AreaShape | null;
  /** the nodes inside the area drawn (possibly none) */
  onSelect: (ids: string[]) => void;
  /** Escape while "Select area" is on and nothing is being drawn */
  onLeave: () => void;
}

interface Drag {
  shape: AreaShape;
  points: Point[];
}

/** The nodes drawn and not hidden, where they are on screen ("+N more" handles left out). */
function nodesOnScreen(sigma: Sigma): { id: string; x: number; y: number }[] {
  const out: { id: string; x: number; y: number }[] = [];
  sigma.getGraph().forEachNode((id) => {
    if (id.startsWith('more:')) return;
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const v = sigma.framedGraphToViewport(d);
    out.push({ id, x: v.x, y: v.y });
  });
  return out;
}

/** Swallows the click the browser sends after a drag ends on the canvas (it would clear the selection). */
function swallowNextClick(): void {
  const stop = (e: MouseEvent) => e.stopPropagation();
  window.addEventListener('click', stop, true);
  setTimeout(() => window.removeEventListener('click', stop, true), 0);
}

/**
 * Box and lasso selection on the canvas. Shift+drag on the stage draws a box (sigma's camera drag is stopped with
 * preventSigmaDefault on moveBody, as sigma's own drag-and-drop example does); with "Select area" on, a layer over
 * the canvas takes every pointer (mouse, pen, touch) and a drag draws the chosen shape. The outline is an SVG
 * overlay; Escape cancels a drag in progress (and, with nothing drawn, leaves "Select area"). Renders the overlay.
 */
export function AreaSelectController({ mode, onSelect, onLeave }: AreaSelectProps) {
  const sigma = useSigma();
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const update = useCallback((d: Drag | null) => {
    dragRef.current = d;
    setDrag(d);
  }, []);
  const extend = useCallback(
    (p: Point) => {
      const d = dragRef.current;
      if (!d) return;
      update({ ...d, points: d.shape === 'box' ? [d.points[0]!, p] : extendOutline(d.points, p) });
    },
    [update],
  );
  const finish = useCallback(() => {
    const d = dragRef.current;
    update(null);
    if (!d || !spansArea(d.points)) return;
    const nodes = nodesOnScreen(sigma);
    const box = boxOf(d.points);
    onSelect(d.shape === 'box' && box ? nodesInBox(nodes, box) : nodesInPolygon(nodes, d.points));
  }, [sigma, update, onSelect]);

  // shift+drag on the stage (or on an edge): a box, the camera held still
  useEffect(() => {
    const down = (e: SigmaStageEventPayload) => {
      const o = e.event.original;
      if (!(o instanceof MouseEvent) || !o.shiftKey || o.button !== 0) return;
      update({ shape: 'box', points: [{ x: e.event.x, y: e.event.y }] });
    };
    const move = (e: SigmaEventPayload) => {
      if (!dragRef.current) return;
      e.preventSigmaDefault();
      extend({ x: e.event.x, y: e.event.y });
    };
    sigma.on('downStage', down);
    sigma.on('downEdge', down);
    sigma.on('moveBody', move);
    return () => {
      sigma.off('downStage', down);
      sigma.off('downEdge', down);
      sigma.off('moveBody', move);
    };
  }, [sigma, update, extend]);

  // while a shift+drag is drawn: the mouse released anywhere ends it
  const shiftDrag = drag !== null && mode === null;
  useEffect(() => {
    if (!shiftDrag) return;
    const up = () => {
      if (dragRef.current && spansArea(dragRef.current.points)) swallowNextClick();
      finish();
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, [shiftDrag, finish]);

  // Escape: cancels a drag in progress; with nothing drawn and "Select area" on, leaves it (nothing else happens)
  const listening = drag !== null || mode !== null;
  useEffect(() => {
    if (!listening) return;
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      e.stopPropagation();
      e.preventDefault();
      if (dragRef.current) update(null);
      else onLeave();
    };
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  }, [listening, update, onLeave]);

  // "Select area": the layer's own pointer events, so sigma never pans while it is on
  const at = (e: PointerEvent<HTMLDivElement>): Point => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!mode || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    update({ shape: mode, points: [at(e)] });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (mode && dragRef.current) extend(at(e));
  };
  // the wheel still zooms: handed on to sigma's canvas, which the layer covers
  const onWheel = (e: ReactWheelEvent<HTMLDivElement>) => {
    const { deltaX, deltaY, deltaMode, clientX, clientY } = e;
    const init = { deltaX, deltaY, deltaMode, clientX, clientY, bubbles: true, cancelable: true };
    sigma.getContainer().dispatchEvent(new WheelEvent('wheel', init));
  };

  const points = drag?.points ?? [];
  const box = drag?.shape === 'box' ? boxOf(points) : null;
  return (
    <>
      {mode && (
        <div
          className="area-layer"
          data-testid="area-layer"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={finish}
          onPointerCancel={() => update(null)}
          onWheel={onWheel}
        />
      )}
      {drag && (
        <svg className="area-outline" aria-hidden="true">
          {box ? (
            <rect
              x={Math.min(box.x1, box.x2)}
              y={Math.min(box.y1, box.y2)}
              width={Math.abs(box.x2 - box.x1)}
              height={Math.abs(box.y2 - box.y1)}
            />
          ) : (
            <polygon points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
          )}
        </svg>
      )}
    </>
  );
}
