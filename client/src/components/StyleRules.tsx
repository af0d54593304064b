import type { StyleKind, StyleRule } from '../state/styles/types';

export interface StyleRulesProps {
  /** the labels drawn, each with the properties its nodes carry (all, and those that are numbers) */
  labels: { label: string; all: string[]; numeric: string[] }[];
  rules: StyleRule[];
  onSet: (label: string, kind: StyleKind, property: string | null) => void;
}

const KINDS: { kind: StyleKind; title: string }[] = [
  { kind: 'color', title: 'Colour by' },
  { kind: 'size', title: 'Size by' },
  { kind: 'caption', title: 'Caption' },
];

/** Style rules per label: colour by a property's value, size by a number, caption by a property; (the key is in the legend). */
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
      {p.rules.some((r) => r.kind === 'color') && (
        <p className="muted small">The colours' key is in the legend (below), with the exports and snapshots.</p>
      )}
    </div>
  );
}
