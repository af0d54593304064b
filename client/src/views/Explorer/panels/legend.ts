/** The explorer's legend: state/legend's producer over what is drawn, with the canvas's palette. */
import { useMemo } from 'react';
import { getExplorer, legendInputOf, useLegendInput } from '../../../core/explorer';
import { communityColor, INFERRED_EDGE_COLOR, labelColor } from '../../../graph/palette';
import { legendForSnapshot, pictureLegend, type LegendItem } from '../../../state/legend';
import type { SnapshotLegendItem } from '../../../../../contract';

const withPalette = (input: ReturnType<typeof legendInputOf>): LegendItem[] =>
  pictureLegend({ ...input, labelColor, communityColor, inferredColor: INFERRED_EDGE_COLOR });

/** The legend of what is drawn (the left panel's key, the presentation overlay, the exports). */
export function usePictureLegend(): LegendItem[] {
  const input = useLegendInput();
  return useMemo(() => withPalette(input), [input]);
}

/** The same legend as exports and snapshots keep it. */
export function useSnapshotLegend(): SnapshotLegendItem[] {
  const items = usePictureLegend();
  return useMemo(() => legendForSnapshot(items), [items]);
}

/** The legend at this moment (Save snapshot). */
export const snapshotLegendNow = (): SnapshotLegendItem[] =>
  legendForSnapshot(withPalette(legendInputOf(getExplorer())));
