/** Shared by the benchmarks: a throwaway local Neo4j, the machine's description, and saving figures. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../server/src/config';

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    arch: os.arch(),
    node: process.version,
    load1: os.loadavg()[0]?.toFixed(2),
  };
}

/** Writes bench/results/<name>.json (committed, so figures have a history) and prints a summary. */
export function save(name: string, figures: Record<string, unknown>) {
  const dir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const out = { name, date: new Date().toISOString(), machine: machine(), figures };
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

/** The client's seeded generator (mulberry32), so generated data sets are the same every run. */
export { mulberry32 as rng } from '../client/src/utils/rng';
