/** Source documents (the articles that evidence quotes come from). */
import type { SourceDetails, SourceSummariesResponse, SourceSummary } from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode } from '../neo4j/convert';
import { notFound } from '../errors';

/** The most ids one `GET /api/sources?ids=` may ask for. */
export { SOURCES_MAX_IDS } from '../../../contract';

/** A row of `sources-by-id.cypher` as a summary (outlet and date only when the source states them). */
export function sourceSummaryFrom(r: Record<string, unknown>): SourceSummary {
  return {
    id: String(r.id),
    name: typeof r.name === 'string' ? r.name : String(r.id),
    outlet: typeof r.outlet === 'string' ? r.outlet : null,
    published: typeof r.published === 'string' ? r.published : null,
  };
}

export function createSourcesRepository(db: Db) {
  async function get(id: string): Promise<SourceDetails> {
    const [row] = await db.query('source', { id });
    if (!row || !isPlainNode(row.s)) throw notFound(`No source has the id "${id}".`);
    const p = row.s.properties;
    return {
      id,
      name: typeof p.name === 'string' ? p.name : id,
      outlet: typeof p.outlet === 'string' ? p.outlet : null,
      published: typeof p.published === 'string' ? p.published : null,
      text: typeof p.text === 'string' ? p.text : '',
    };
  }

  /** Summaries of many sources in one query, in the order asked; unknown ids are listed, not an error. */
  async function summaries(ids: string[]): Promise<SourceSummariesResponse> {
    const unique = [...new Set(ids)];
    const rows = unique.length === 0 ? [] : await db.query('sources-by-id', { ids: unique });
    const byId = new Map(rows.map((r) => [String(r.id), sourceSummaryFrom(r)]));
    return {
      sources: unique.flatMap((id) => byId.get(id) ?? []),
      missing: unique.filter((id) => !byId.has(id)),
    };
  }
  return { get, summaries };
}

export type SourcesRepository = ReturnType<typeof createSourcesRepository>;
