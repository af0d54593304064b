/** Source documents (the articles that evidence quotes come from). */
import type { SourceDetails } from '../../../contract';
import type { Db } from '../neo4j/db';
import { isPlainNode } from '../neo4j/convert';
import { notFound } from '../errors';

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
  return { get };
}

export type SourcesRepository = ReturnType<typeof createSourcesRepository>;
