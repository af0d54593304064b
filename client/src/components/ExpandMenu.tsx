import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Placement, Rect, Size } from '../state/menu';
import { moveInGroup } from './roving';

export interface ExpandMenuProps {
  nodeName: string;
  /** what the menu must not cover (page coordinates): the node and its label, or the point it was opened at */
  avoid: Rect;
  /** where a menu of this size goes on this screen, next to `avoid` (state/menu placeMenu) */
  place: (avoid: Rect, menu: Size, screen: Size) => Placement;
  /** null while loading */
  choices: { types: { type: string; count: number }[]; labels: { label: string; count: number }[] } | null;
  error: string | null;
  onExpandAll: () => void;
  onChoose: (filter: { type?: string; label?: string; hops?: number }) => void;
  onClose: () => void;
}

const WIDTH = 280;

/**
 * The "Expand by" menu of a node: all neighbours, the nodes within two hops, or only the neighbours of one
 * relationship type or one label, with how many each brings. Arrow keys move, Enter chooses, Escape (or a click outside) closes, and focus goes back.
 */
export function ExpandMenu(p: ExpandMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = p;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const outside = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', outside);
    return () => {
      window.removeEventListener('mousedown', outside);
      if (opener && document.contains(opener)) opener.focus({ preventScroll: true });
    };
  }, [onClose]);
  const ready = p.choices !== null;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [ready]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') onClose();
    else moveInGroup(e, '[role="menuitem"]');
  };
  // placed once its size is known (before the browser paints it): beside the node and its label, never over
  // them, and on screen; again when its choices arrive (it grows) or the window is resized
  const [at, setAt] = useState<Placement | null>(null);
  const [screen, setScreen] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const resize = () => setScreen({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', resize);
    return () => window.removeEventListener('resize', resize);
  }, []);
  const { avoid, place } = p;
  const { left: aLeft, top: aTop, right: aRight, bottom: aBottom } = avoid;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.maxHeight = '';
    const r = el.getBoundingClientRect();
    setAt(
      place({ left: aLeft, top: aTop, right: aRight, bottom: aBottom }, { width: r.width, height: r.height }, screen),
    );
  }, [place, aLeft, aTop, aRight, aBottom, screen, ready, p.choices, p.error]);
  return (
    <div
      ref={ref}
      className="expand-menu"
      role="menu"
      aria-label={`Expand ${p.nodeName} by`}
      style={
        at
          ? { left: at.left, top: at.top, maxHeight: at.maxHeight, width: WIDTH }
          : { left: 0, top: 0, width: WIDTH, visibility: 'hidden' }
      }
      onKeyDown={onKey}
    >
      <p className="expand-menu-title">Expand {p.nodeName}</p>
      <button type="button" role="menuitem" className="menu-item" onClick={p.onExpandAll}>
        All neighbours
      </button>
      <button type="button" role="menuitem" className="menu-item" onClick={() => p.onChoose({ hops: 2 })}>
        Within two hops
      </button>
      {p.error && <p className="error small">{p.error}</p>}
      {!ready && !p.error && <p className="muted small">Loading relationship types…</p>}
      {p.choices && p.choices.types.length > 0 && (
        <>
          <p className="expand-menu-head">By relationship type</p>
          {p.choices.types.map((t) => (
            <button
              key={`t:${t.type}`}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => p.onChoose({ type: t.type })}
            >
              <span className="rel-type">{t.type}</span>
              <span className="menu-count">{t.count}</span>
            </button>
          ))}
        </>
      )}
      {p.choices && p.choices.labels.length > 0 && (
        <>
          <p className="expand-menu-head">By neighbour label</p>
          {p.choices.labels.map((l) => (
            <button
              key={`l:${l.label}`}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => p.onChoose({ label: l.label })}
            >
              <span>{l.label}</span>
              <span className="menu-count">{l.count}</span>
            </button>
          ))}
        </>
      )}
      {p.choices && p.choices.types.length === 0 && <p className="muted small">No relationships.</p>}
    </div>
  );
}
