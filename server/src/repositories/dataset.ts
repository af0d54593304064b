/**
 * Writing data sets into Neo4j: the schema (cypher/schema.cypher) and the loader. A load is one write
 * transaction, so a file goes in whole or not at all; MERGE on `id` (batched with UNWIND) makes loading the
 * same file twice change nothing. Labels and types come from a validated data set and are escaped anyway.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config';
import type { Db } from '../neo4j/db';
import { escapeName } from '../neo4j/names';

export interface LoadableDataset {
  sources: {
    id: string;
    name: string;
    text: string;
    outlet: string | null;
    published: string | null;
    description: string;
  }[];
  nodes: {
    id: string;
    label: string;
    name: string;
    aliases: string[];
    description: string;
    properties: Record<string, unknown>;
  }[];
  relationships: {
    type: string;
    source: string;
    target: string;
    properties: Record<string, unknown>;
    evidence: { source: string; quote: string }[];
    inferred: boolean;
    inferenceReason?: string | undefined;
  }[];
}

export interface LoadSummary {
  sources: number;
  nodes: number;
  relationships: number;
  ms: number;
}

const BATCH = 1000;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += BATCH) out.push(xs.slice(i, i + BATCH));
  return out;
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

/** The stable id of a relationship in a data set: its type and its two ends. */
export function relationshipId(r: { type: string; source: string; target: string }): string {
  return `${r.source}|${r.type}|${r.target}`;
}

/** Splits schema.cypher into statements (comments dropped; statements end with `;` at a line's end). */
export function schemaStatements(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function createDatasetRepository(db: Db) {
  async function applySchema(file = path.join(repoRoot, 'cypher', 'schema.cypher')): Promise<number> {
    const statements = schemaStatements(readFileSync(file, 'utf8'));
    for (const s of statements) await db.query(s, {}, { mode: 'write' });
    await db.query('CALL db.awaitIndexes(60)', {}, { timeoutMs: 70_000 });
    return statements.length;
  }

  async function isEmpty(): Promise<boolean> {
    const [row] = await db.query('count-entities');
    return row?.count === 0;
  }

  async function load(ds: LoadableDataset): Promise<LoadSummary> {
    const t0 = performance.now();
    const labelOf = new Map(ds.nodes.map((n) => [n.id, n.label]));
    for (const name of [...labelOf.values(), ...ds.relationships.map((r) => r.type)]) escapeName(name); // throws if bad
    // Two entries for the same (source, type, target) are one relationship with the evidence of both.
    const rels = new Map<string, LoadableDataset['relationships'][number]>();
    for (const r of ds.relationships) {
      const id = relationshipId(r);
      const prev = rels.get(id);
      rels.set(
        id,
        prev
          ? {
              ...prev,
              properties: { ...prev.properties, ...r.properties },
              evidence: [...prev.evidence, ...r.evidence],
              inferred: prev.inferred && r.inferred,
            }
          : r,
      );
    }
    await db.transaction(
      async (tx) => {
        for (const batch of chunks(ds.sources)) {
          await tx.run(
            `UNWIND $rows AS row
             MERGE (s:Source {id: row.id})
             SET s.name = row.name, s.text = row.text, s.outlet = row.outlet,
                 s.published = row.published, s.description = row.description`,
            { rows: batch },
          );
        }
        for (const [label, nodes] of groupBy(ds.nodes, (n) => n.label)) {
          for (const batch of chunks(nodes)) {
            await tx.run(
              `UNWIND $rows AS row
               MERGE (n:${escapeName(label)} {id: row.id})
               SET n += row.properties, n.name = row.name, n.aliases = row.aliases, n.description = row.description`,
              { rows: batch },
            );
          }
        }
        const relRows = [...rels.entries()].map(([id, r]) => ({
          id,
          type: r.type,
          source: r.source,
          target: r.target,
          sourceLabel: labelOf.get(r.source) ?? '',
          targetLabel: labelOf.get(r.target) ?? '',
          properties: r.properties,
          quotes: r.evidence.map((e) => e.quote),
          sourceIds: r.evidence.map((e) => e.source),
          inferred: r.inferred,
          inferenceReason: r.inferenceReason ?? null,
        }));
        // One statement per pair of end labels (so both ends are found through their `id` constraint); the
        // type is a dynamic `$(row.type)`, a value checked above, which keeps the number of statements that
        // Neo4j must plan small.
        const groups = groupBy(relRows, (r) => `${r.sourceLabel}\u0000${r.targetLabel}`);
        for (const rows of groups.values()) {
          const first = rows[0];
          if (!first) continue;
          for (const batch of chunks(rows)) {
            await tx.run(
              `UNWIND $rows AS row
               MATCH (a:${escapeName(first.sourceLabel)} {id: row.source})
               MATCH (b:${escapeName(first.targetLabel)} {id: row.target})
               MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
               SET r += row.properties, r.quotes = row.quotes, r.sourceIds = row.sourceIds,
                   r.inferred = row.inferred, r.inferenceReason = row.inferenceReason`,
              { rows: batch },
            );
          }
        }
      },
      { mode: 'write', timeoutMs: 300_000 },
    );
    return {
      sources: ds.sources.length,
      nodes: ds.nodes.length,
      relationships: rels.size,
      ms: Math.round(performance.now() - t0),
    };
  }

  return { applySchema, isEmpty, load };
}

export type DatasetRepository = ReturnType<typeof createDatasetRepository>;
