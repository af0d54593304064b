/**
 * `npm run bench:import`: how fast Parley loads a data set. Generates a seeded data set of people, meetings,
 * places and issues (N people, default 5,000; `-- --people N`), validates it and loads it into a fresh local
 * Neo4j; then loads it again (idempotent MERGE: nothing changes). Prints and saves bench/results/import.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { parseDataset } from '../server/src/dataset/schema';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';
import { rng, save } from './_util';

const arg = process.argv.indexOf('--people');
const PEOPLE = arg > 0 ? Number(process.argv[arg + 1]) : 5_000;
const MEETINGS = Math.ceil(PEOPLE / 4);
const rand = rng(42);
const pick = (n: number) => Math.floor(rand() * n);

function generate(prefix: string) {
  const text = 'Generated benchmark text. They met. They discussed.';
  const nodes: unknown[] = [];
  const relationships: unknown[] = [];
  const ev = [{ source: 'source:bench', quote: 'They met.' }];
  for (let i = 0; i < 50; i++)
    nodes.push({
      id: `place:${prefix}p${i}`,
      label: 'Place',
      name: `Place ${i}`,
      aliases: [],
      description: 'Generated.',
      properties: {},
    });
  for (let i = 0; i < 200; i++)
    nodes.push({
      id: `issue:${prefix}i${i}`,
      label: 'Issue',
      name: `Issue ${i}`,
      aliases: [],
      description: 'Generated.',
      properties: {},
    });
  for (let i = 0; i < PEOPLE; i++)
    nodes.push({
      id: `person:${prefix}p${i}`,
      label: 'Person',
      name: `Person ${i}`,
      aliases: [`P. ${i}`],
      description: 'Generated.',
      properties: {},
    });
  for (let i = 0; i < MEETINGS; i++) {
    const day = 1 + (i % 28);
    nodes.push({
      id: `meeting:${prefix}m${i}`,
      label: 'Meeting',
      name: `Meeting ${i}`,
      aliases: [],
      description: 'Generated.',
      properties: {
        date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        status: 'held',
      },
    });
    relationships.push({
      type: 'HELD_IN',
      source: `meeting:${prefix}m${i}`,
      target: `place:${prefix}p${pick(50)}`,
      properties: {},
      evidence: ev,
      inferred: false,
    });
    relationships.push({
      type: 'DISCUSSED',
      source: `meeting:${prefix}m${i}`,
      target: `issue:${prefix}i${pick(200)}`,
      properties: {},
      evidence: [{ source: 'source:bench', quote: 'They discussed.' }],
      inferred: false,
    });
    const seen = new Set<number>();
    for (let k = 0; k < 6; k++) {
      const p = pick(PEOPLE);
      if (seen.has(p)) continue;
      seen.add(p);
      relationships.push({
        type: 'ATTENDED',
        source: `person:${prefix}p${p}`,
        target: `meeting:${prefix}m${i}`,
        properties: { role: 'participant' },
        evidence: ev,
        inferred: false,
      });
    }
  }
  return {
    version: 1,
    sources: [{ id: 'source:bench', name: 'Bench', text, outlet: null, published: null, description: 'Generated.' }],
    nodes,
    relationships,
  };
}

function validated(prefix: string, baseDir: string) {
  const data = generate(prefix);
  const t0 = performance.now();
  const parsed = parseDataset(data, { baseDir });
  const ms = performance.now() - t0;
  if (!parsed.ok) throw new Error(`generated data set is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return { dataset: parsed.dataset, ms };
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  // Two data sets of the same shape with different ids: the first meets a cold JVM (every statement planned
  // and compiled for the first time, as on a server's first import), the second a warm one.
  const a = validated('a', tmp);
  const b = validated('b', tmp);
  const local = await startLocalNeo4j({ port: 0 });
  try {
    const started = await startDatabase(
      loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: local.password, PARLEY_LOAD_SEED: 'false' }),
    );
    const cold = await started.repos.dataset.load(a.dataset);
    const warm = await started.repos.dataset.load(b.dataset);
    const again = await started.repos.dataset.load(b.dataset);
    await started.db.close();
    const items = cold.nodes + cold.relationships;
    save('import', {
      nodes: cold.nodes,
      relationships: cold.relationships,
      validateMs: Math.round(a.ms),
      coldLoadMs: cold.ms,
      coldItemsPerSecond: Math.round((items / cold.ms) * 1000),
      warmLoadMs: warm.ms,
      warmItemsPerSecond: Math.round((items / warm.ms) * 1000),
      idempotentReloadMs: again.ms,
    });
  } finally {
    await local.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
