/** The details panel when several nodes are picked (shift-click): how many, who, and what to do with them. */
export interface MultiSelectPanelProps {
  /** the picked nodes in view, in the order picked */
  nodes: { id: string; name: string }[];
  /** the answer of the last "Show relationships among the selected", if any */
  amongMessage: string | null;
  busy: boolean;
  onAmong: () => void;
  onHide: () => void;
  onExpand: () => void;
  onClear: () => void;
  onSelectNode: (id: string) => void;
}

const LISTED = 12;

export function MultiSelectPanel(p: MultiSelectPanelProps) {
  const n = p.nodes.length;
  return (
    <div className="details multi">
      <p className="kicker">Multi-select · shift-click adds or removes</p>
      <h2 className="details-title">{n} selected</h2>
      <div className="actions" role="group" aria-label="Actions on the selected nodes">
        <button type="button" className="button" onClick={p.onAmong} disabled={n < 2}>
          Show relationships among the selected
        </button>
        <button type="button" className="button" onClick={p.onExpand} disabled={p.busy}>
          Expand selected
        </button>
        <button type="button" className="button" onClick={p.onHide}>
          Hide selected
        </button>
        <button type="button" className="button subtle" onClick={p.onClear} title="Escape">
          Clear selection
        </button>
      </div>
      {n < 2 && <p className="muted small">Shift-click another node to compare them.</p>}
      {p.amongMessage && (
        <p className="among-message" role="status">
          {p.amongMessage}
        </p>
      )}
      <ul className="multi-list">
        {p.nodes.slice(0, LISTED).map((x) => (
          <li key={x.id}>
            <button type="button" className="link-button" onClick={() => p.onSelectNode(x.id)}>
              {x.name}
            </button>
          </li>
        ))}
      </ul>
      {n > LISTED && <p className="muted small">and {n - LISTED} more</p>}
    </div>
  );
}
