import type { SnapshotLegendItem } from '../../../../contract';

export interface LegendListProps {
  /** the key of the picture (state/legend's pictureLegend, or a snapshot's stored legend) */
  items: SnapshotLegendItem[];
  className?: string;
}

/** A picture's key as a list: a swatch (a dot for nodes, a line for relationships) and its words. */
export function LegendList({ items, className = 'legend' }: LegendListProps) {
  if (items.length === 0) return null;
  return (
    <ul className={className} aria-label="Legend">
      {items.map((l) => (
        <li key={`${l.shape}:${l.label}`}>
          <span className={l.shape === 'line' ? 'swatch line' : 'swatch'} style={{ background: l.color }} />
          {l.label}
        </li>
      ))}
    </ul>
  );
}
