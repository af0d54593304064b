import { useEffect } from 'react';
import type { SnapshotLegendItem } from '../../../../contract';
import { LegendList } from './LegendList';
import './export.css';

export interface PresentationOverlayProps {
  title: string;
  caption: string;
  legend: SnapshotLegendItem[];
  footnote: string;
  /** called on the Exit button and on Escape */
  onExit: () => void;
}

/**
 * Sigma settings for presentation mode: bigger labels (for a projector: not on a screen under 700 px wide, where
 * they would hide the graph), every label drawn. Merge them into the canvas settings.
 */
export function presentationSettings(base: { labelSize?: number }, screenWidth = Infinity) {
  const factor = screenWidth < 700 ? 1 : 1.5;
  return { labelSize: Math.round((base.labelSize ?? 12) * factor), labelRenderedSizeThreshold: 0 };
}

/**
 * Drawn over the graph canvas (its parent must be position: relative) in presentation mode: title, caption,
 * legend and footnote as plain React text. The view hides its own panels while it shows this.
 */
export function PresentationOverlay({ title, caption, legend, footnote, onExit }: PresentationOverlayProps) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onExit]);
  return (
    <div className="presentation-overlay" aria-label="Presentation">
      {(title || caption) && (
        <div className="heading">
          {title && <h1>{title}</h1>}
          {caption && <p className="caption">{caption}</p>}
        </div>
      )}
      <LegendList items={legend} />
      {footnote && <p className="footnote">{footnote}</p>}
      <button type="button" className="exit" onClick={onExit}>
        Exit presentation
      </button>
    </div>
  );
}

export default PresentationOverlay;
