/** Search over every label: full-text (alias aware, forgiving of spelling) where an index covers it, else a bounded scan. */
import { SEARCH_INDEX_NAME, type SearchHit, type SearchResponse } from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode, type Plain } from '../neo4j/convert';
import type { CatalogRepository } from './catalog';
import { nodeId, toGraphNode } from './shape';

/**
 * Builds the Lucene query from what the user typed. Only letters and digits survive (so no character the
 * user types can break Lucene's syntax), accents are folded and case lowered as the index's analyzer does,
 * and each word matches exactly (boosted), as a prefix ("darch" finds Darchiev) or, from four letters on,
 * within one edit ("Darchiev" finds "Darchiyev"). All words must match. Returns null when nothing is left.
 */
export function toLuceneQuery(q: string): string | null {
  const folded = q.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 8)
    .map((w) => {
      const alternatives = [`${w}^3`, `${w}*`];
      if (w.length >= 4) alternatives.push(`${w}~1`);
      return `(${alternatives.join(' OR ')})`;
    })
    .join(' AND ');
}

/** Nodes scanned at most by a search without an index (the answer says when it stopped there). */
export const SCAN_LIMIT = 20_000;

/** Scan hits ranked: the caption equal to the query first, then starting with it, then containing it. */
function scanScore(caption: string, q: string): number {
  const c = caption.toLowerCase();
  return c === q ? 3 : c.startsWith(q) ? 2 : 1;
}

/**
 * Search over every label. With a full-text index that covers every label's caption (Parley's parley_search,
 * else its model's entity_search) it is a full-text search; labels no index covers are scanned (at most
 * `scanLimit` nodes, caption CONTAINS every word, case ignored), and the answer says so.
 */
export function createSearchRepository(db: Db, catalog: CatalogRepository, opts: { scanLimit?: number } = {}) {
  const scanLimit = opts.scanLimit ?? SCAN_LIMIT;

  function toHit(node: Plain, score: number): SearchHit | null {
    if (!isPlainNode(node)) return null;
    const n = toGraphNode(node);
    const aliases = Array.isArray(n.properties.aliases)
      ? n.properties.aliases.filter((a): a is string => typeof a === 'string')
      : [];
    return { id: nodeId(node), labels: n.labels, name: n.name, aliases, score };
  }

  async function search(q: string, limit: number): Promise<SearchResponse> {
    const lucene = toLuceneQuery(q);
    if (lucene === null) return { hits: [], mode: 'fulltext', complete: true };
    const [labels, indexes] = await Promise.all([catalog.labels(), catalog.fulltextIndexes()]);
    const online = indexes.filter((i) => i.state === 'ONLINE');
    const index = online.find((i) => i.name === SEARCH_INDEX_NAME) ?? online.find((i) => i.name === 'entity_search');
    const searchable = labels.filter((l) => l.count > 0 && l.caption !== null);
    const uncovered = searchable.filter(
      (l) => !index || !index.labels.includes(l.label) || !index.properties.includes(l.caption!),
    );
    const hits: SearchHit[] = [];
    if (index) {
      const rows = await db.query('search', { index: index.name, lucene, limit });
      for (const row of rows) {
        const hit = toHit(row.node ?? null, Number(row.score));
        if (hit) hits.push(hit);
      }
    }
    if (uncovered.length === 0) return { hits, mode: 'fulltext', complete: true };

    const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
    const captions = Object.fromEntries(uncovered.map((l) => [l.label, l.caption!]));
    const [row] = await db.query('search-scan', {
      labels: uncovered.map((l) => l.label),
      captions,
      words,
      scanLimit,
      limit,
    });
    const complete = Number(row?.scanned ?? 0) <= scanLimit;
    const phrase = words.join(' ');
    const scanned: SearchHit[] = [];
    for (const node of Array.isArray(row?.hits) ? row.hits : []) {
      if (!isPlainNode(node)) continue;
      const caption = node.labels.map((l) => captions[l]).find((c) => c !== undefined);
      const value = caption ? node.properties[caption] : undefined;
      const hit = toHit(node, scanScore(typeof value === 'string' ? value : '', phrase));
      if (hit && !hits.some((h) => h.id === hit.id)) scanned.push(hit);
    }
    scanned.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    const names = uncovered.map((l) => l.label).join(', ');
    return {
      hits: [...hits, ...scanned].slice(0, limit),
      mode: index ? 'mixed' : 'scan',
      complete,
      note:
        `No full-text index covers ${names}: ${index ? 'those labels were' : 'this search was'} a case-insensitive ` +
        `scan of captions (at most ${scanLimit} nodes)` +
        (complete ? '.' : `, which stopped at that cap, so some matches may be missing.`) +
        ' Create the search index (POST /api/search/index) for complete, forgiving search.',
    };
  }
  return { search };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
