/**
 * Zoom in, zoom out and fit, over the corner of the canvas (keys: + - 0). Props only. Marked `data-over-canvas`:
 * labels keep out from under it (graph/labels.ts).
 */
export function ZoomControls({
  onZoomIn,
  onZoomOut,
  onFit,
}: {
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}) {
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom" data-over-canvas="">
      <button type="button" className="button" onClick={onZoomIn} aria-label="Zoom in" title="Zoom in (+)">
        +
      </button>
      <button type="button" className="button" onClick={onZoomOut} aria-label="Zoom out" title="Zoom out (-)">
        −
      </button>
      <button type="button" className="button" onClick={onFit} aria-label="Fit the graph" title="Fit the graph (0)">
        ⤢
      </button>
    </div>
  );
}
