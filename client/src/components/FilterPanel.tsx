import { labelColor } from '../graph/palette';

export interface FilterPanelProps {
  labels: { label: string; count: number }[];
  types: { type: string; count: number }[];
  /** when colouring by community: each community's colour and how many nodes it has */
  communities?: { community: number; count: number; color: string }[] | undefined;
  hiddenLabels: string[];
  hiddenTypes: string[];
  onToggleLabel: (label: string) => void;
  onToggleType: (type: string) => void;
  /** the legend shows communities instead of label colours */
  communityMode: boolean;
}

/** The legend (a colour per label; click to hide that label) and the relationship-type filter, with counts. */
export function FilterPanel(p: FilterPanelProps) {
  return (
    <>
      <fieldset className="filter-group">
        <legend>Node labels</legend>
        {p.communityMode && (
          <p className="muted small">Colours show communities (below), not labels; labels still filter.</p>
        )}
        <ul className="legend">
          {p.labels.map(({ label, count }) => {
            const shown = !p.hiddenLabels.includes(label);
            return (
              <li key={label}>
                <label className={shown ? 'legend-item' : 'legend-item off'}>
                  <input type="checkbox" checked={shown} onChange={() => p.onToggleLabel(label)} />
                  {!p.communityMode && (
                    <span className="swatch" style={{ background: labelColor(label) }} aria-hidden="true" />
                  )}
                  <span className="legend-name">{label}</span>
                  <span className="count">{count}</span>
                </label>
              </li>
            );
          })}
          {p.labels.length === 0 && <li className="muted">Nothing in view yet.</li>}
        </ul>
      </fieldset>
      {p.communityMode && p.communities && (
        <section className="filter-group" aria-label="Communities">
          <h3 className="legend-title">Communities (Louvain)</h3>
          <ul className="legend">
            {p.communities.map(({ community, count, color }) => (
              <li key={community} className="legend-item">
                <span className="swatch" style={{ background: color }} aria-hidden="true" />
                <span className="legend-name">Community {community + 1}</span>
                <span className="count">{count}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <fieldset className="filter-group">
        <legend>Relationship types</legend>
        <ul className="legend">
          {p.types.map(({ type, count }) => {
            const shown = !p.hiddenTypes.includes(type);
            return (
              <li key={type}>
                <label className={shown ? 'legend-item' : 'legend-item off'}>
                  <input type="checkbox" checked={shown} onChange={() => p.onToggleType(type)} />
                  <span className="legend-name">{type}</span>
                  <span className="count">{count}</span>
                </label>
              </li>
            );
          })}
          {p.types.length === 0 && <li className="muted">No relationships in view.</li>}
        </ul>
      </fieldset>
    </>
  );
}
