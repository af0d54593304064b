/**
 * Puts a generated data set into the benchmark's database for the reading and drawing arms: batched UNWIND
 * writes, one transaction per batch, straight from the generator (never the whole set in memory). It writes
 * what Parley's loader writes (labels, `id`, name/aliases/description, relationship ids, quotes, sourceIds,
 * inferred), but it is bench set-up, not an arm: it skips validation and all-or-nothing on purpose. The loading
 * arms (Parley's loader against the naive writer, LOAD CSV and neo4j-admin) belong to the import engine's bench.
 */
import type { Db } from '../server/src/neo4j/db';
import { escapeName } from '../server/src/neo4j/names';
import { nodes, relationships, sources, type GenRel, type Plan } from './generate';

const LABEL_OF_PREFIX: Record<string, string> = {
  person: 'Person',
  agency: 'Agency',
  meeting: 'Meeting',
  issue: 'Issue',
  place: 'Place',
  source: 'Source',
};

async function* batches<T>(items: Iterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for (const x of items) {
    batch.push(x);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

export async function loadGenerated(db: Db, p: Plan, batchSize = 5_000, seed = 42) {
  const t0 = performance.now();
  for await (const rows of batches(sources(p), batchSize)) {
    await db.query(
      `UNWIND $rows AS row MERGE (s:Source {id: row.id})
       SET s.name = row.name, s.text = row.text, s.outlet = null, s.published = null, s.description = row.description`,
      { rows },
      { mode: 'write', timeoutMs: 300_000 },
    );
  }
  for await (const batch of batches(nodes(p, seed), batchSize)) {
    for (const [label, rows] of groupBy(batch, (n) => n.label)) {
      await db.query(
        `UNWIND $rows AS row MERGE (n:${escapeName(label)} {id: row.id})
         SET n += row.properties, n.name = row.name, n.aliases = row.aliases, n.description = row.description`,
        { rows },
        { mode: 'write', timeoutMs: 300_000 },
      );
    }
  }
  const labelOf = (id: string) => LABEL_OF_PREFIX[id.slice(0, id.indexOf(':'))] ?? 'Person';
  let rels = 0;
  for await (const batch of batches(relationships(p, seed), batchSize)) {
    const groups = groupBy(batch, (r: GenRel) => `${labelOf(r.source)}\u0000${labelOf(r.target)}`);
    await db.transaction(
      async (tx) => {
        for (const [key, rs] of groups) {
          const [a, b] = key.split('\u0000') as [string, string];
          await tx.run(
            `UNWIND $rows AS row
             MATCH (a:${escapeName(a)} {id: row.source})
             MATCH (b:${escapeName(b)} {id: row.target})
             MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
             SET r += row.properties, r.quotes = row.quotes, r.sourceIds = row.sourceIds,
                 r.inferred = row.inferred, r.inferenceReason = row.inferenceReason`,
            {
              rows: rs.map((r) => ({
                id: `${r.source}|${r.type}|${r.target}`,
                type: r.type,
                source: r.source,
                target: r.target,
                properties: r.properties,
                quotes: r.evidence.map((e) => e.quote),
                sourceIds: r.evidence.map((e) => e.source),
                inferred: r.inferred,
                inferenceReason: r.inferenceReason ?? null,
              })),
            },
          );
        }
      },
      { mode: 'write', timeoutMs: 300_000 },
    );
    rels += batch.length;
  }
  return { nodes: p.nodes, relationships: rels, ms: Math.round(performance.now() - t0) };
}
