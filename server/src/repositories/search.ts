/** Full-text search over names, aliases and descriptions, alias aware and forgiving of spelling. */
import type { SearchHit, SearchResponse } from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode } from '../neo4j/convert';
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

export function createSearchRepository(db: Db) {
  async function search(q: string, limit: number): Promise<SearchResponse> {
    const lucene = toLuceneQuery(q);
    if (lucene === null) return { hits: [] };
    const rows = await db.query('search', { lucene, limit });
    const hits: SearchHit[] = [];
    for (const row of rows) {
      if (!isPlainNode(row.node)) continue;
      const n = toGraphNode(row.node);
      const aliases = Array.isArray(n.properties.aliases)
        ? n.properties.aliases.filter((a): a is string => typeof a === 'string')
        : [];
      hits.push({ id: nodeId(row.node), labels: n.labels, name: n.name, aliases, score: Number(row.score) });
    }
    return { hits };
  }
  return { search };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
