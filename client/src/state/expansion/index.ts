import { hashString } from '../../utils/rng';
import type { Position, ViewState } from '../view/types';
import { extent, ringAround, seededPositions } from '../view/utils';
import type { NeighborPage } from './types';
import { collapseSet, expansionOf } from './utils';

export type { Expansion, NeighborPage } from './types';
export * from './utils';
export * from './choices';

/** The default number of neighbours one expansion (or one "+N more") brings in. */
export const DEFAULT_EXPANSION_CAP = 25;

/**
 * Records a page of neighbours of `anchor`: nodes not yet in view come in on a ring around the anchor (seeded);
 * nodes already in view stay where they are and are not counted as added. A second page of the same anchor
 * ("+N more") extends the same expansion, so one collapse takes back all its pages.
 */
export function expand(view: ViewState, anchor: string, page: NeighborPage): ViewState {
  const inView = new Set(view.visible);
  const fresh: string[] = [];
  for (const id of page.nodeIds) if (id !== anchor && !inView.has(id) && !fresh.includes(id)) fresh.push(id);

  const ext = extent(view.visible.map((id) => view.positions[id]).filter((p): p is Position => !!p));
  let anchorPos = view.positions[anchor];
  const positions = { ...view.positions };
  if (!anchorPos) {
    anchorPos = seededPositions([anchor], ext.cx, ext.cy, ext.spread / 2, 42)[anchor]!;
    positions[anchor] = anchorPos;
  }
  const radius = Math.max(ext.spread * 0.12, 10);
  const ring = ringAround(anchorPos, fresh, radius, hashString(`${anchor}#${page.offset}`));
  for (const id of fresh) if (!positions[id]) positions[id] = ring[id]!;

  const visible = inView.has(anchor) ? [...view.visible, ...fresh] : [...view.visible, anchor, ...fresh];
  const loaded = page.offset + page.nodeIds.length;
  const prev = expansionOf(view, anchor);
  const expansions = prev
    ? view.expansions.map((e) =>
        e.anchor === anchor
          ? { anchor, added: [...e.added, ...fresh], loaded: Math.max(e.loaded, loaded), total: page.total }
          : e,
      )
    : [...view.expansions, { anchor, added: fresh, loaded, total: page.total }];
  return { ...view, visible, positions, expansions };
}

/** Undoes the expansion of `anchor` (and the expansions of the nodes it brought in); nothing else leaves the view. */
export function collapse(view: ViewState, anchor: string): ViewState {
  if (!expansionOf(view, anchor)) return view;
  const drop = new Set(collapseSet(view, anchor));
  return {
    ...view,
    visible: view.visible.filter((id) => !drop.has(id)),
    expansions: view.expansions.filter((e) => e.anchor !== anchor && !drop.has(e.anchor)),
  };
}
