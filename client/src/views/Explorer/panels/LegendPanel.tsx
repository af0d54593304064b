import { useMemo } from 'react';
import { FilterPanel } from '../../../components/FilterPanel';
import { labelColor } from '../../../graph/palette';
import { toggleLabelFilter, toggleTypeFilter, useCounts, useExplorer, useView } from '../../../core/explorer';
import { usePictureLegend } from './legend';

/**
 * The legend with its filters: labels and relationship types in view, with counts, and the key of the colours
 * drawn (communities, colour rules' values) from state/legend, as the exports and snapshots have it.
 */
export function LegendPanel() {
  const counts = useCounts();
  const { filters } = useView();
  const communityMode = useExplorer((s) => s.colorByCommunity);
  const loading = useExplorer((s) => s.session === null && s.loadError === null);
  const key = usePictureLegend();
  const rules = useExplorer((s) => s.styleRules);
  // a label's swatch: its colour when its nodes are drawn in it; a label hidden by its checkbox keeps its swatch
  // unless communities or a colour rule would colour it
  const swatches = useMemo(() => {
    const out: Record<string, string> = {};
    for (const i of key) if (i.group.kind === 'label') out[i.group.label] = i.color;
    for (const { label } of counts.labels) {
      const ruled = rules.some((r) => r.kind === 'color' && r.label === label);
      if (!(label in out) && filters.hiddenLabels.includes(label) && !communityMode && !ruled)
        out[label] = labelColor(label);
    }
    return out;
  }, [key, counts.labels, rules, filters.hiddenLabels, communityMode]);
  return (
    <FilterPanel
      labels={counts.labels}
      types={counts.types}
      hiddenLabels={filters.hiddenLabels}
      hiddenTypes={filters.hiddenTypes}
      onToggleLabel={toggleLabelFilter}
      onToggleType={toggleTypeFilter}
      communityMode={communityMode}
      loading={loading}
      colorKey={key}
      labelSwatches={swatches}
    />
  );
}
