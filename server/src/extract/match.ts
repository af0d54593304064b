/**
 * A stop-gap `EntityMatcher` over the graph's full-text search (alias aware, one edit of spelling): it proposes
 * an existing node when the label agrees and the names agree (same name or alias, a spelling variant, or a
 * surname). The duplicate finder (server/src/duplicates/) replaces it at merge: it has the same signature.
 */
import type { SearchResponse } from '../../../contract';
import { bestMatch, type DupNode } from '../duplicates';
import { nameSkeleton, sameNameVariant } from './entities';
import type { EntityCandidate, EntityMatcher } from './pipeline';

export type Search = (q: string, limit: number) => Promise<SearchResponse>;

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function searchMatcher(search: Search): EntityMatcher {
  return async (c: EntityCandidate) => {
    const { hits } = await search(c.name, 10);
    const mine = [c.name, ...c.aliases].map(fold);
    let best: { id: string; score: number; reason: string; name: string } | undefined;
    for (const h of hits) {
      if (!h.labels.includes(c.label)) continue;
      const theirs = [h.name, ...h.aliases].map(fold);
      let score = 0;
      let reason = '';
      if (fold(h.name) === fold(c.name)) [score, reason] = [0.95, `same name as the existing ${c.label} “${h.name}”`];
      else if (theirs.some((t) => mine.includes(t)))
        [score, reason] = [0.9, `a name or alias in common with the existing ${c.label} “${h.name}”`];
      else if (c.label === 'Person' && theirs.some((t) => mine.some((m) => sameNameVariant(t, m))))
        [score, reason] = [0.8, `a spelling variant of the existing person “${h.name}”`];
      else if (
        c.label === 'Person' &&
        !c.name.includes(' ') &&
        theirs.some((t) => nameSkeleton(t.split(' ').pop() ?? '') === nameSkeleton(c.name))
      )
        [score, reason] = [0.6, `the surname of the existing person “${h.name}”`];
      if (score > (best?.score ?? 0)) best = { id: h.id, score, reason, name: h.name };
    }
    return best;
  };
}

/**
 * The matcher the API uses: the duplicate finder's `bestMatch` (transliterations, titles, initials, surnames;
 * server/src/duplicates/) against the stored nodes of the proposal's label, read once per label and request
 * through `existing` (the duplicates repository, injected by the route).
 */
export function finderMatcher(existing: (label: string) => Promise<readonly DupNode[]>): EntityMatcher {
  const byLabel = new Map<string, Promise<readonly DupNode[]>>();
  return async (c: EntityCandidate) => {
    let nodes = byLabel.get(c.label);
    if (!nodes) {
      nodes = existing(c.label);
      byLabel.set(c.label, nodes);
    }
    const m = bestMatch({ name: c.name, label: c.label, aliases: c.aliases }, await nodes);
    return m ? { id: m.id, score: Math.round(m.score * 100) / 100, reason: m.reason } : undefined;
  };
}
