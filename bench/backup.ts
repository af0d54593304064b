/**
 * `npm run bench:backup [-- S|M|L]` (default M): the time of an online backup and of its restore, on a generated
 * data set (bench/generate.ts) loaded through the import engine into a throwaway local Neo4j, restored into a
 * second one; the counts are checked. Prints one JSON line; the figures are in README "Backups".
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreBackup, writeBackup } from '../server/src/backup/backup';
import { loadConfig } from '../server/src/config';
import { runImport } from '../server/src/import/engine';
import { readImportFiles } from '../server/src/import/read';
import { Db } from '../server/src/neo4j/db';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';
import { plan, writeJson, type SizeName } from './generate';

async function main() {
  const size = (process.argv.slice(2).find((a) => a !== '--') ?? 'M') as SizeName;
  // generous start timeouts: on a two-core machine shared with other work a JVM start took over 120 s
  const opts = { port: 0, heap: '1g', pageCache: '256m', startTimeoutMs: 900_000 } as const;
  const a = await startLocalNeo4j(opts);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-backup-'));
  let b: Awaited<ReturnType<typeof startLocalNeo4j>> | undefined;
  try {
    const file = path.join(tmp, `${size}.json`);
    await writeJson(plan(size), file);
    const started = await startDatabase(
      loadConfig({ NEO4J_URI: a.uri, NEO4J_PASSWORD: a.password, PARLEY_LOAD_SEED: 'false' }),
    );
    const set = readImportFiles([{ path: file, name: `${size}.json` }]);
    if (set.problems.length > 0) throw new Error(`generated data set is invalid: ${set.problems[0]?.message}`);
    await runImport(started.repos.imports, set, { files: [`${size}.json`] });
    const t0 = performance.now();
    const manifest = await writeBackup(started.db, path.join(tmp, 'backup'), a.uri);
    const backupMs = performance.now() - t0;
    await started.db.close();
    b = await startLocalNeo4j(opts);
    const target = new Db({ uri: b.uri, user: b.user, password: b.password, database: '', queryTimeoutMs: 600_000 });
    const t1 = performance.now();
    const restored = await restoreBackup(target, path.join(tmp, 'backup'));
    const restoreMs = performance.now() - t1;
    await target.close();
    const bytes = statSync(path.join(tmp, 'backup', 'store.ndjson')).size;
    process.stdout.write(
      `${JSON.stringify({
        size,
        nodes: manifest.counts?.nodes,
        relationships: manifest.counts?.relationships,
        restored,
        storeMiB: Math.round((bytes / 2 ** 20) * 10) / 10,
        backupMs: Math.round(backupMs),
        restoreMs: Math.round(restoreMs),
        loadAverage: os.loadavg()[0],
      })}\n`,
    );
  } finally {
    await a.stop();
    await b?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
