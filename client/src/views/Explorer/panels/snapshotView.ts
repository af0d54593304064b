/** What a saved snapshot records of the explorer besides the picture, and the sources named in its footnote. */
import type { SnapshotQuery, SourceSummary } from '../../../../../contract';
import { getExplorer, useVisibleSourceIds, viewOf } from '../../../core/explorer';
import { useSourceSummaries } from '../../../core/sources';
import { SIGMA_SETTINGS } from '../../../graph/settings';
import { presentationSettings } from '../../../components/export/PresentationOverlay';
import type { ViewStateForSnapshot } from '../../../state/snapshots';
import { snapshotLegendNow } from './legend';

/** Labels in presentation mode: bigger, and every one drawn. */
export const PRESENTATION_LABELS = presentationSettings({ labelSize: SIGMA_SETTINGS.labelSize ?? 12 });

/** The documents behind the edges drawn, as the server describes them (outlet and date are never made up). */
export function useVisibleSources(): SourceSummary[] {
  return useSourceSummaries(useVisibleSourceIds());
}

/** The explorer's view at this moment, for "Save snapshot". */
export function snapshotViewNow(sources: SourceSummary[]): ViewStateForSnapshot {
  const s = getExplorer();
  const view = viewOf(s);
  const { path, presenting } = s;
  const query: SnapshotQuery | null =
    path && path.nodes.length > 1
      ? {
          kind: 'path',
          text: path.names.join(' → '),
          params: { from: path.nodes[0]!, to: path.nodes[path.nodes.length - 1]! },
        }
      : s.lastSearch
        ? { kind: 'search', text: s.lastSearch }
        : null;
  return {
    mode: view.mode,
    filters: view.filters,
    selection: s.selection?.kind === 'node' ? [s.selection.id] : [],
    query,
    // the label settings drawn with (SnapshotViewer draws the same labels at the same size)
    styles: {
      labelSize: presenting ? PRESENTATION_LABELS.labelSize : (SIGMA_SETTINGS.labelSize ?? 12),
      labelRenderedSizeThreshold: presenting
        ? PRESENTATION_LABELS.labelRenderedSizeThreshold
        : (SIGMA_SETTINGS.labelRenderedSizeThreshold ?? 4),
      sizeBy: s.sizeBy,
      colorByCommunity: s.colorByCommunity,
      ...(presenting ? { presentation: true } : {}),
    },
    rules: s.styleRules,
    // the key of what is drawn (rule values, communities, labels), which the snapshot page shows
    legend: snapshotLegendNow(),
    sources,
  };
}
