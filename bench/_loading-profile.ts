/**
 * A profile of one Parley load (issue 13, "Loading"): a fresh benchmark Neo4j (bench/_loading.ts's settings), the
 * generated rows of one size, and the loader child run cold then warm, with PARLEY_PROFILE set so that every statement
 * of the writer prints its wall time and rows (bench/_loader-child.ts).
 * `tsx bench/_loading-profile.ts M [batch] [--warm-up] [--cold-only]` (CSV_DIR=<dir> reuses generated files)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../server/src/config';
import { createRepositories } from '../server/src/repositories';
import { csvFiles, startBenchNeo4j, wipe } from './_loading';
import { plan, writeCsv, type SizeName } from './generate';

async function child(uri: string, dir: string, batch: number, tag: string) {
  const f = csvFiles(dir);
  await new Promise<void>((resolve, reject) => {
    const c = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'bench', '_loader-child.ts'),
        String(batch),
        ...f.nodes,
        ...f.relationships,
      ],
      { cwd: repoRoot, env: { ...process.env, NEO4J_URI: uri, PARLEY_PROFILE: tag }, stdio: 'inherit' },
    );
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child ${code}`))));
  });
}

async function main() {
  const size = (process.argv[2] ?? 'M') as SizeName;
  const batch = Number(process.argv[3] ?? 10_000);
  const dir = process.env.CSV_DIR ?? mkdtempSync(path.join(tmpdir(), `parley-prof-${size}-`));
  if (!existsSync(path.join(dir, 'relationships.csv'))) {
    mkdirSync(dir, { recursive: true });
    await writeCsv(plan(size), dir);
  }
  const srv = await startBenchNeo4j(dir);
  try {
    if (process.argv.includes('--warm-up')) {
      // what `npm start` does before a user's first import: the schema, then the import's warm-up
      const repos = createRepositories(srv.db);
      await repos.dataset.applySchema();
      process.stderr.write(`warm-up: ${await repos.imports.warmUp()} ms\n`);
    }
    const c0 = srv.cpuSeconds();
    const t0 = performance.now();
    await child(srv.uri, dir, batch, 'cold');
    process.stderr.write(
      `cold: ${Math.round(performance.now() - t0)} ms, Neo4j CPU ${(srv.cpuSeconds() - c0).toFixed(1)} s\n`,
    );
    if (!process.argv.includes('--cold-only')) {
      await wipe(srv.db);
      const c1 = srv.cpuSeconds();
      const t1 = performance.now();
      await child(srv.uri, dir, batch, 'warm');
      process.stderr.write(
        `warm: ${Math.round(performance.now() - t1)} ms, Neo4j CPU ${(srv.cpuSeconds() - c1).toFixed(1)} s\n`,
      );
    }
  } finally {
    await srv.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
