/**
 * Starting Parley's database side: the local Neo4j (unless NEO4J_URI points elsewhere), the schema, and the
 * seed when the database is empty. Shared by the server (index.ts), the loader CLI and the tests.
 */
import type { Config } from './config';
import { Db } from './neo4j/db';
import { startLocalNeo4j, superviseLocalNeo4j, type LocalNeo4j, type StartLocalNeo4jOptions } from './neo4j/local';
import { createRepositories, type Repositories } from './repositories';
import path from 'node:path';
import { ImportInvalidError, recoverImports, runImport } from './import/engine';
import { readImportFiles } from './import/read';

export interface Started {
  db: Db;
  repos: Repositories;
  local: LocalNeo4j | null;
  /** what start-up did, for the log */
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * Waits for Neo4j at start, saying every 5 s what it waits for. Decision (issue 12): the server does not start
 * serving 503s before its database has answered once, because the schema and the seed must be in place before
 * the first answer (otherwise an empty database would answer "no hits" rather than "unavailable"); it waits up
 * to `ms`, then exits non-zero so a supervisor (compose's restart policy, systemd) sees it and retries. Once
 * serving, a Neo4j that stops answering gets 503s and recovery needs no restart (neo4j/breaker.ts).
 */
async function waitForDb(db: Db, ms: number, log: (msg: string) => void): Promise<void> {
  const t0 = Date.now();
  const until = t0 + ms;
  let said = t0;
  while (!(await db.ping(2_000))) {
    if (Date.now() - said >= 5_000) {
      said = Date.now();
      log(
        `waiting for Neo4j at ${db.options.uri} to answer (${Math.round((said - t0) / 1000)} s so far; giving up after ${ms / 1000} s)`,
      );
    }
    if (Date.now() > until) {
      throw new Error(
        `parley: Neo4j at ${db.options.uri} did not answer within ${ms / 1000} s. Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, or unset NEO4J_URI to use the local Neo4j.`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** On a database Parley owns: creates parley_search when some label with a caption has no index at all. */
export async function ensureSearchIndex(repos: Repositories, log: (msg: string) => void): Promise<void> {
  const [labels, indexes] = await Promise.all([repos.catalog.labels(), repos.catalog.fulltextIndexes()]);
  const model = indexes.find((i) => i.name === 'entity_search');
  const uncovered = labels.filter((l) => l.count > 0 && l.caption !== null && !model?.labels.includes(l.label));
  if (uncovered.length === 0) return;
  const status = await repos.catalog.indexStatus();
  if (status.covers) return;
  log(
    `creating the search index ${status.name} over ${status.labels.length} labels (${uncovered.map((l) => l.label).join(', ')} had none)`,
  );
  await repos.catalog.createIndex();
}

export async function startDatabase(config: Config, log: (msg: string) => void = () => {}): Promise<Started> {
  let local: LocalNeo4j | null = null;
  let uri = config.NEO4J_URI;
  if (!uri) {
    log(`starting the local Neo4j on 127.0.0.1:${config.PARLEY_NEO4J_PORT} (data in ${config.PARLEY_DATA_DIR})`);
    const options: StartLocalNeo4jOptions = {
      port: config.PARLEY_NEO4J_PORT,
      dataDir: config.PARLEY_DATA_DIR,
      heap: config.PARLEY_NEO4J_HEAP,
      pageCache: config.PARLEY_NEO4J_PAGECACHE,
      log: (line: string) => log(`neo4j: ${line}`),
    };
    const first = await startLocalNeo4j(options);
    log(`the local Neo4j is ready (pid ${first.pid}, ${first.uri})`);
    // A JVM that dies is started again on the same port (bounded; neo4j/local/supervisor.ts): meanwhile routes
    // answer 503 and the breaker closes by itself once it is back. `local.exited` settles only when it gives up.
    local = superviseLocalNeo4j(first, () => startLocalNeo4j({ ...options, port: first.port }), {
      maxRestarts: config.PARLEY_NEO4J_RESTARTS,
      log,
    });
    uri = local.uri;
  }
  const db = new Db({
    uri,
    // the local Neo4j's own credentials (its data folder's password); NEO4J_USER/NEO4J_PASSWORD go with NEO4J_URI
    user: local ? local.user : config.NEO4J_USER,
    password: local ? local.password : config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
  });
  const stop = async () => {
    await db.close();
    if (local) await local.stop();
  };
  try {
    await waitForDb(db, 120_000, log);
    // Parley owns the database it started, and one it found empty (what is in it then is Parley's doing).
    const empty = await createRepositories(db).dataset.isEmpty();
    const repos = createRepositories(db, { ownsDatabase: local !== null || empty });
    await repos.dataset.applySchema();
    // imports left half-done by a process that was killed (no heartbeat for two minutes) are undone first
    await recoverImports(repos.imports, 120_000, log);
    let seeded = false;
    if (config.PARLEY_LOAD_SEED && (await repos.dataset.isEmpty())) {
      // the seed goes through the import engine like any user file (validated, recorded, all or nothing)
      const set = readImportFiles([{ path: config.PARLEY_SEED, name: path.basename(config.PARLEY_SEED) }]);
      if (set.problems.length > 0) throw new ImportInvalidError(set.problems);
      const result = await runImport(repos.imports, set, { files: [path.basename(config.PARLEY_SEED)] });
      log(
        `loaded the seed: ${set.nodes.length} nodes, ${result.plan.totals.relationships} relationships, ${set.sources.length} source(s) in ${result.ms} ms (import ${result.id})`,
      );
      seeded = true;
    }
    // On its own database Parley may create the all-labels search index by itself, when Parley's model index
    // (entity_search) leaves some label out; elsewhere only on the user's request (POST /api/search/index).
    if (repos.catalog.ownsDatabase) await ensureSearchIndex(repos, log);
    // the import's statements planned in the background, so that the first user import into this JVM does not
    // pay for planning them (the seed's import has just done it when it ran); see README "Performance"
    if (!seeded)
      void repos.imports
        .warmUp()
        .then((ms) => log(`import statements planned in ${ms} ms (warm-up)`))
        .catch(() => {});
    return { db, repos, local, seeded, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
