/**
 * The node labels of an exported picture, placed by the same rule as on the screen (../labelPlacer.ts): right of
 * the node, else left, below or above, inside the page's graph area (never under the title, legend or footnote),
 * clear of the labels placed before and, where a place allows, of the other nodes' discs; shortened with "…" when
 * no side is wide enough; left out when no place is free unless the view forces it (the selection). The SVG
 * writer and the PNG compositor both draw from this. Pure.
 */
import { placeLabels, type LabelItem, type PlacedLabel } from '../labelPlacer';
import type { Frame, Measure } from './frame';
import { approxTextWidth, type Scene } from './scene';

/**
 * Where each labelled node's label goes on the page, by node id (labels left out are missing); `area`: the page's
 * graph area, from the caller's `layoutFrame` (with the same `measure`).
 */
export function sceneLabels(
  scene: Scene,
  area: Frame['area'],
  measure: Measure = approxTextWidth,
): Map<string, PlacedLabel> {
  const size = scene.labelSize ?? 12;
  // forced labels first, then the larger nodes: they choose before the small ones (the sort is stable)
  const items: LabelItem[] = scene.nodes
    .filter((n) => n.label)
    .map((n) => ({
      key: n.id,
      label: n.label!,
      x: n.x,
      y: n.y,
      r: Math.max(n.size, 0.5),
      force: n.forceLabel === true,
    }))
    .sort((a, b) => Number(b.force) - Number(a.force) || b.r - a.r);
  return placeLabels(
    items,
    size,
    {
      bounds: { left: area.x, top: area.y, right: area.x + area.width, bottom: area.y + area.height },
      avoidDiscs: true,
    },
    (t) => measure(t, size),
  );
}
