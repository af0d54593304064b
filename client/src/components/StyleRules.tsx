import type { StyleKind, StyleLegend, StyleRule } from '../state/styles/types';

export interface StyleRulesProps {
  /** the labels drawn, each with the properties its nodes carry (all, and those that are numbers) */
  labels: { label: string; all: string[]; numeric: string[] }[];
  rules: StyleRule[];
  legend: StyleLegend[];
  onSet: (label: string, kind: StyleKind, property: string | null) => void;
}

const KINDS: { kind: StyleKind; title: string }[] = [
  { kind: 'color', title: 'Colour by' },
  { kind: 'size', title: 'Size by' },
  { kind: 'caption', title: 'Caption' },
];

/** Style rules per label: colour by a property's value, size by a number, caption by a property; with the key. */
export function StyleRules(p: StyleRulesProps) {
  const current = (label: string, kind: StyleKind) =>
    p.rules.find((r) => r.label === label && r.kind === kind)?.property ?? '';
  return (
    <div className="style-rules">
      {p.labels.length === 0 && <p className="muted small">Nothing drawn yet.</p>}
      {p.labels.map((l) => (
        <fieldset key={l.label} className="style-label">
          <legend>{l.label}</legend>
          {KINDS.map(({ kind, title }) => {
            const options = kind === 'size' ? l.numeric : l.all;
            return (
              <label key={kind} className="style-row">
                <span>{title}</span>
                <select
                  value={current(l.label, kind)}
                  aria-label={`${title} (${l.label})`}
                  onChange={(e) => p.onSet(l.label, kind, e.target.value || null)}
                >
                  <option value="">
                    {kind === 'caption' ? 'name (default)' : kind === 'size' ? 'view setting' : 'label'}
                  </option>
                  {options.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      ))}
      {p.legend.map((g) => (
        <div key={`${g.label}.${g.property}`} className="style-legend" aria-label={`${g.label} by ${g.property}`}>
          <p className="small">
            {g.label} by {g.property}
          </p>
          <ul>
            {g.entries.map((e) => (
              <li key={e.value}>
                <span className="swatch" style={{ background: e.color }} aria-hidden="true" /> {e.value}{' '}
                <span className="muted">({e.count})</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
