/**
 * `npm run restore -- <backup folder>`: puts a backup of `npm run backup` back.
 * - an online backup: into NEO4J_URI, the running Parley's database, or a local Neo4j it starts (as `npm run load`
 *   chooses); the database must be empty; all or nothing; the counts are checked against the manifest.
 * - an offline store copy: copied into PARLEY_DATA_DIR, which must hold no store and whose Neo4j must be stopped.
 */
import path from 'node:path';
import { loadConfig } from '../config';
import { readManifest, restoreBackup, restoreOfflineBackup } from '../backup/backup';
import { localNeo4jRunning } from '../neo4j/local';
import { connectTo } from '../import/cli';

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    process.stderr.write('usage: npm run restore -- <backup folder written by npm run backup>\n');
    return 2;
  }
  const dir = path.resolve(args[0]!);
  const config = loadConfig();
  const log = (m: string) => process.stderr.write(`parley: ${m}\n`);
  const manifest = await readManifest(dir);
  if (manifest.kind === 'offline') {
    if (await localNeo4jRunning(config.PARLEY_DATA_DIR, config.PARLEY_NEO4J_PORT)) {
      throw new Error(`the local Neo4j of ${config.PARLEY_DATA_DIR} is running: stop it before restoring a store copy`);
    }
    await restoreOfflineBackup(dir, config.PARLEY_DATA_DIR);
    log(`copied the store of ${dir} into ${config.PARLEY_DATA_DIR}; start Parley to use it`);
    return 0;
  }
  const { db, stop } = await connectTo({ ...config, PARLEY_LOAD_SEED: false }, log);
  try {
    const t0 = Date.now();
    const n = await restoreBackup(db, dir, log);
    log(`restored ${n.nodes} nodes and ${n.relationships} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
