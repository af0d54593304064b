/**
 * `npm run backup -- [--out <folder>] [--offline]`: a backup of Parley's database (server/src/backup/backup.ts).
 * - NEO4J_URI set, or the local Neo4j answering on PARLEY_NEO4J_PORT: an online export (store.ndjson, graph.json,
 *   manifest.json); nothing is written to the database.
 * - the local Neo4j stopped (or --offline): a copy of its store folder and password file.
 * Default folder: backups/parley-<time>/ in the checkout (ignored by git).
 */
import path from 'node:path';
import { loadConfig, repoRoot } from '../config';
import { Db } from '../neo4j/db';
import { LOCAL_USER, localNeo4jRunning, passwordFileOf, readLocalPassword } from '../neo4j/local';
import { writeBackup, writeOfflineBackup } from '../backup/backup';
import { portAnswers } from '../import/cli';

const USAGE = `usage: npm run backup -- [--out <folder>] [--offline]
  online (the database answers): every node and relationship exactly (store.ndjson), the model part as a Parley
  data set (graph.json), and manifest.json; offline (the local Neo4j is stopped, or --offline): a copy of its
  store folder. Default folder: backups/parley-<time>/.`;

async function main(argv: string[]): Promise<number> {
  let out: string | undefined;
  let offline = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--offline') offline = true;
    else if (a === '--out' && argv[i + 1]) out = argv[++i];
    else {
      process.stderr.write(`${a === '--help' || a === '-h' ? '' : `unknown argument ${a}\n`}${USAGE}\n`);
      return a === '--help' || a === '-h' ? 0 : 2;
    }
  }
  const config = loadConfig();
  const dir = path.resolve(
    out ?? path.join(repoRoot, 'backups', `parley-${new Date().toISOString().replace(/[:.]/g, '-')}`),
  );
  const log = (m: string) => process.stderr.write(`parley: ${m}\n`);
  if (!config.NEO4J_URI && (offline || !(await portAnswers(config.PARLEY_NEO4J_PORT)))) {
    if (await localNeo4jRunning(config.PARLEY_DATA_DIR, config.PARLEY_NEO4J_PORT)) {
      throw new Error(
        `the local Neo4j of ${config.PARLEY_DATA_DIR} is running: take an online backup (npm run backup without --offline), or stop it first`,
      );
    }
    log(`the local Neo4j is stopped: copying its store folder ${config.PARLEY_DATA_DIR}/data`);
    await writeOfflineBackup(config.PARLEY_DATA_DIR, dir, passwordFileOf(config.PARLEY_DATA_DIR));
    process.stdout.write(`${dir}\n`);
    return 0;
  }
  const uri = config.NEO4J_URI ?? `bolt://127.0.0.1:${config.PARLEY_NEO4J_PORT}`;
  const localPassword = config.NEO4J_URI ? undefined : readLocalPassword(config.PARLEY_DATA_DIR);
  const db = new Db({
    uri,
    user: localPassword ? LOCAL_USER : config.NEO4J_USER,
    password: localPassword ?? config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: 600_000,
  });
  try {
    if (!(await db.answersWithin(15_000))) throw new Error(`cannot connect to the Neo4j at ${uri}`);
    log(`backing up the Neo4j at ${uri} into ${dir}`);
    const t0 = Date.now();
    const m = await writeBackup(db, dir, uri);
    log(
      `${m.counts?.nodes} nodes and ${m.counts?.relationships} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `graph.json holds ${m.dataset?.nodes} nodes, ${m.dataset?.sources} sources, ${m.dataset?.relationships} relationships of the model ` +
        `(${m.dataset?.left.nodes} nodes and ${m.dataset?.left.relationships} relationships only in store.ndjson)`,
    );
    process.stdout.write(`${dir}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
