/**
 * `npm run bench:import`: how fast Parley loads a data set. Generates a seeded data set of people, meetings,
 * places and issues (N people, default 20,000; `-- --people N`), validates it and loads it into a fresh local
 * Neo4j; then loads it again (idempotent MERGE: nothing changes). Prints and saves bench/results/import.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { parseDataset } from '../server/src/dataset/schema';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';
import { rng, save } from './_util';

const arg = process.argv.indexOf('--people');
const PEOPLE = arg > 0 ? Number(process.argv[arg + 1]) : 20_000;
const MEETINGS = Math.ceil(PEOPLE / 4);
const rand = rng(42);
const pick = (n: number) => Math.floor(rand() * n);

function generate() {
  const text = 'Generated benchmark text. They met. They discussed.';
  const nodes: unknown[] = [];
  const relationships: unknown[] = [];
  const ev = [{ source: 'source:bench', quote: 'They met.' }];
  for (let i = 0; i < 50; i++)
    nodes.push({ id: `place:p${i}`, label: 'Place', name: `Place ${i}`, aliases: [], description: '', properties: {} });
  for (let i = 0; i < 200; i++)
    nodes.push({ id: `issue:i${i}`, label: 'Issue', name: `Issue ${i}`, aliases: [], description: '', properties: {} });
  for (let i = 0; i < PEOPLE; i++)
    nodes.push({
      id: `person:p${i}`,
      label: 'Person',
      name: `Person ${i}`,
      aliases: [`P. ${i}`],
      description: '',
      properties: {},
    });
  for (let i = 0; i < MEETINGS; i++) {
    const day = 1 + (i % 28);
    nodes.push({
      id: `meeting:m${i}`,
      label: 'Meeting',
      name: `Meeting ${i}`,
      aliases: [],
      description: '',
      properties: {
        date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        status: 'held',
      },
    });
    relationships.push({
      type: 'HELD_IN',
      source: `meeting:m${i}`,
      target: `place:p${pick(50)}`,
      properties: {},
      evidence: ev,
      inferred: false,
    });
    relationships.push({
      type: 'DISCUSSED',
      source: `meeting:m${i}`,
      target: `issue:i${pick(200)}`,
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
        source: `person:p${p}`,
        target: `meeting:m${i}`,
        properties: { role: 'participant' },
        evidence: ev,
        inferred: false,
      });
    }
  }
  return {
    version: 1,
    sources: [{ id: 'source:bench', name: 'Bench', text, outlet: null, published: null, description: '' }],
    nodes,
    relationships,
  };
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const file = path.join(tmp, 'bench.json');
  const data = generate();
  writeFileSync(file, JSON.stringify(data));
  const t0 = performance.now();
  const parsed = parseDataset(data, { baseDir: tmp });
  const validateMs = performance.now() - t0;
  if (!parsed.ok) throw new Error(`generated data set is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const local = await startLocalNeo4j({ port: 0 });
  try {
    const started = await startDatabase(loadConfig({ NEO4J_URI: local.uri, PARLEY_LOAD_SEED: 'false' }));
    const first = await started.repos.dataset.load(parsed.dataset);
    const second = await started.repos.dataset.load(parsed.dataset);
    await started.db.close();
    const items = first.nodes + first.relationships;
    save('import', {
      nodes: first.nodes,
      relationships: first.relationships,
      validateMs: Math.round(validateMs),
      firstLoadMs: first.ms,
      itemsPerSecond: Math.round((items / first.ms) * 1000),
      reloadMs: second.ms,
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
