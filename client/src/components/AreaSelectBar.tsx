export type AreaShape = 'box' | 'lasso';

/**
 * Over the canvas while "Select area" is on: what a drag does now, the shape (box or lasso) and Done. Props only.
 * Marked `data-over-canvas`: labels keep out from under it (graph/labels.ts).
 */
export function AreaSelectBar({
  shape,
  onShape,
  onDone,
}: {
  shape: AreaShape;
  onShape: (shape: AreaShape) => void;
  onDone: () => void;
}) {
  return (
    <div className="area-bar" role="group" aria-label="Select area" data-over-canvas="">
      <span className="area-bar-hint">Drag around nodes to select them</span>
      <span className="area-bar-shapes">
        {(['box', 'lasso'] as const).map((s) => (
          <button key={s} type="button" className="button" aria-pressed={shape === s} onClick={() => onShape(s)}>
            {s === 'box' ? 'Box' : 'Lasso'}
          </button>
        ))}
      </span>
      <button type="button" className="button" onClick={onDone} title="Escape">
        Done
      </button>
    </div>
  );
}
