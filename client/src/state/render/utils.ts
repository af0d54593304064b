import type { RenderModel } from './types';

/** Ids of the nodes drawn and not hidden. */
export function shownNodeIds(model: RenderModel): string[] {
  return model.nodes.filter((n) => !n.hidden).map((n) => n.id);
}

/** Ids of the relationships drawn and not hidden. */
export function shownEdgeIds(model: RenderModel): string[] {
  return model.edges.filter((e) => !e.hidden).map((e) => e.id);
}
