import { FilterPanel } from '../../../components/FilterPanel';
import { useMemo } from 'react';
import {
  toggleLabelFilter,
  toggleTypeFilter,
  useCommunities,
  useCounts,
  useExplorer,
  useModel,
  useView,
} from '../../../core/explorer';
import { communityColor } from '../../../graph/palette';
import { communityCounts, shownNodeIds } from '../../../state/render';

/** The legend with its filters: labels and relationship types in view, with counts. */
export function LegendPanel() {
  const counts = useCounts();
  const { filters } = useView();
  const communityMode = useExplorer((s) => s.colorByCommunity);
  const loading = useExplorer((s) => s.session === null && s.loadError === null);
  const comms = useCommunities();
  const model = useModel();
  const communities = useMemo(
    () =>
      comms
        ? communityCounts(comms, shownNodeIds(model)).map((c) => ({ ...c, color: communityColor(c.community) }))
        : undefined,
    [comms, model],
  );
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
      communities={communities}
    />
  );
}
