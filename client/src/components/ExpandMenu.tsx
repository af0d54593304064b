import { useEffect, useRef, type KeyboardEvent } from 'react';
import { moveInGroup } from './roving';

export interface ExpandMenuProps {
  nodeName: string;
  /** where it opens (page coordinates: the pointer, or the button that opened it) */
  x: number;
  y: number;
  /** null while loading */
  choices: { types: { type: string; count: number }[]; labels: { label: string; count: number }[] } | null;
  error: string | null;
  onExpandAll: () => void;
  onChoose: (filter: { type?: string; label?: string }) => void;
  onClose: () => void;
}

const WIDTH = 280;

/**
 * The "Expand by" menu of a node: all neighbours, or only those of one relationship type or one label, with
 * how many each brings. Arrow keys move, Enter chooses, Escape (or a click outside) closes, and focus goes back.
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
  // kept on screen: opens left of / above the point when there is no room right of / below it
  const left = Math.max(8, Math.min(p.x, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(p.y, window.innerHeight - 360));
  return (
    <div
      ref={ref}
      className="expand-menu"
      role="menu"
      aria-label={`Expand ${p.nodeName} by`}
      style={{ left, top, width: WIDTH }}
      onKeyDown={onKey}
    >
      <p className="expand-menu-title">Expand {p.nodeName}</p>
      <button type="button" role="menuitem" className="menu-item" onClick={p.onExpandAll}>
        All neighbours
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
