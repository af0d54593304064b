import { useState, type ReactNode } from 'react';
import type { LegendItem } from '../state/legend/types';
import { moveInGroup } from './roving';

export interface FilterPanelProps {
  labels: { label: string; count: number }[];
  types: { type: string; count: number }[];
  /** the key of what is drawn (state/legend's pictureLegend): communities and colour rules' values are listed */
  colorKey: LegendItem[];
  /** the swatch of each label whose nodes are drawn in the label's colour (none while colours mean something else) */
  labelSwatches: Record<string, string>;
  hiddenLabels: string[];
  hiddenTypes: string[];
  onToggleLabel: (label: string) => void;
  onToggleType: (type: string) => void;
  /** the legend shows communities instead of label colours */
  communityMode: boolean;
  /** the graph is still loading (the lists are empty for that reason) */
  loading?: boolean;
}

/**
 * A long list of checkboxes with one Tab stop: arrows move between them, Space toggles (native). The
 * checkbox last focused keeps the stop.
 */
function CheckList<T>(p: {
  items: T[];
  itemKey: (item: T) => string;
  render: (item: T, tabIndex: number, onFocus: () => void) => ReactNode;
  empty: string;
}) {
  const [active, setActive] = useState(0);
  const stop = Math.min(active, Math.max(0, p.items.length - 1));
  return (
    <ul className="legend" onKeyDown={(e) => moveInGroup(e, 'input[type="checkbox"]')}>
      {p.items.map((item, i) => (
        <li key={p.itemKey(item)}>{p.render(item, i === stop ? 0 : -1, () => setActive(i))}</li>
      ))}
      {p.items.length === 0 && <li className="muted">{p.empty}</li>}
    </ul>
  );
}

/** The colours that do not mean labels: communities, colour rules' values (one section per heading). */
function ColorKey({ items }: { items: LegendItem[] }) {
  const sections: { title: string; items: LegendItem[] }[] = [];
  for (const item of items) {
    if (item.group.kind !== 'community' && item.group.kind !== 'rule') continue;
    const last = sections[sections.length - 1];
    if (last?.title === item.group.title) last.items.push(item);
    else sections.push({ title: item.group.title, items: [item] });
  }
  return sections.map((s) => (
    <section
      key={s.title}
      className="filter-group legend-key"
      aria-label={s.title.startsWith('Communities') ? 'Communities' : s.title}
    >
      <h3 className="legend-title">{s.title}</h3>
      <ul className="legend">
        {s.items.map((item) => (
          <li key={item.label} className="legend-item">
            <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
            <span className="legend-name">{item.value ?? item.label}</span>
            <span className="count">{item.count}</span>
          </li>
        ))}
      </ul>
    </section>
  ));
}

/** The legend (a colour per label; click to hide that label) and the relationship-type filter, with counts. */
export function FilterPanel(p: FilterPanelProps) {
  return (
    <>
      <fieldset className="filter-group">
        <legend>Node labels</legend>
        <p className="sr-only">One Tab stop: arrow keys move between the labels, Space shows or hides one.</p>
        {p.communityMode && (
          <p className="muted small">Colours show communities (below), not labels; labels still filter.</p>
        )}
        <CheckList
          items={p.labels}
          itemKey={(l) => l.label}
          empty={p.loading ? 'Loading…' : 'Nothing in view yet.'}
          render={({ label, count }, tabIndex, onFocus) => {
            const shown = !p.hiddenLabels.includes(label);
            return (
              <label className={shown ? 'legend-item' : 'legend-item off'}>
                <input
                  type="checkbox"
                  checked={shown}
                  tabIndex={tabIndex}
                  onFocus={onFocus}
                  onChange={() => p.onToggleLabel(label)}
                />
                {p.labelSwatches[label] && (
                  <span className="swatch" style={{ background: p.labelSwatches[label] }} aria-hidden="true" />
                )}
                <span className="legend-name">{label}</span>
                <span className="count">{count}</span>
              </label>
            );
          }}
        />
      </fieldset>
      <ColorKey items={p.colorKey} />
      <fieldset className="filter-group">
        <legend>Relationship types</legend>
        <CheckList
          items={p.types}
          itemKey={(t) => t.type}
          empty={p.loading ? 'Loading…' : 'No relationships in view.'}
          render={({ type, count }, tabIndex, onFocus) => {
            const shown = !p.hiddenTypes.includes(type);
            return (
              <label className={shown ? 'legend-item' : 'legend-item off'}>
                <input
                  type="checkbox"
                  checked={shown}
                  tabIndex={tabIndex}
                  onFocus={onFocus}
                  onChange={() => p.onToggleType(type)}
                />
                <span className="legend-name">{type}</span>
                <span className="count">{count}</span>
              </label>
            );
          }}
        />
      </fieldset>
    </>
  );
}
