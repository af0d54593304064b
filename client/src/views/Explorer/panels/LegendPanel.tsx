import { FilterPanel } from '../../../components/FilterPanel';
import { toggleLabelFilter, toggleTypeFilter, useCounts, useExplorer, useView } from '../../../core/explorer';

/** The legend with its filters: labels and relationship types in view, with counts. */
export function LegendPanel() {
  const counts = useCounts();
  const { filters } = useView();
  const communityMode = useExplorer((s) => s.colorByCommunity);
  const loading = useExplorer((s) => s.session === null && s.loadError === null);
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
    />
  );
}
