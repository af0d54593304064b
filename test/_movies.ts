/**
 * A database Parley did not create: a second local Neo4j (fresh temporary folder, no Parley schema, no seed)
 * holding the classic movies graph from ../shared/datasets/movies/, loaded through the driver from its own Cypher
 * script. Parley's import engine (issue 10, server/src/import/) is not merged yet; once it is, these tests should
 * also load the movies CSVs through it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../server/src/config';
import { Db } from '../server/src/neo4j/db';
import { startLocalNeo4j, type LocalNeo4j } from '../server/src/neo4j/local';

/**
 * ../shared/datasets/movies beside the checkout (or beside its worktree folder), else the copy committed in
 * test/fixtures/movies (so a clone anywhere runs every test); PARLEY_MOVIES_DIR overrides.
 */
export const moviesDir =
  process.env.PARLEY_MOVIES_DIR ??
  [path.resolve(repoRoot, '..', 'shared'), path.resolve(repoRoot, '..', '..', 'shared')]
    .map((d) => path.join(d, 'datasets', 'movies'))
    .find((d) => existsSync(path.join(d, 'movies.cypher'))) ??
  path.join(repoRoot, 'test', 'fixtures', 'movies');

/**
 * The script's statements. Its first four lines use Neo4j 4's constraint syntax, which Neo4j 5 rejects: they
 * are left out (the graph is what matters here), and the rest is one CREATE statement.
 */
export function moviesStatement(): string {
  const text = readFileSync(path.join(moviesDir, 'movies.cypher'), 'utf8');
  return text
    .split('\n')
    .filter((l) => !/^\s*CREATE\s+(CONSTRAINT|INDEX)\b/i.test(l))
    .join('\n')
    .trim()
    .replace(/;\s*$/, '');
}

export interface MoviesDb {
  local: LocalNeo4j;
  db: Db;
  stop(): Promise<void>;
}

export async function startMoviesDb(): Promise<MoviesDb> {
  const local = await startLocalNeo4j({ port: 0, heap: '512m', pageCache: '64m', transactionTimeout: '180s' });
  const db = new Db({
    uri: local.uri,
    user: local.user,
    password: local.password,
    database: '',
    queryTimeoutMs: 180_000,
  });
  try {
    // one statement of ~500 lines: planning it on a cold JVM takes ~20 s; on a machine under heavy load the
    // first attempt may time out before the JVM is warm, so it is tried up to three times (it is one transaction)
    for (let attempt = 1; ; attempt++) {
      try {
        await db.query(moviesStatement(), {}, { mode: 'write' });
        break;
      } catch (err) {
        if (attempt >= 3 || (err as { kind?: string }).kind !== 'timeout') throw err;
      }
    }
  } catch (err) {
    await db.close();
    await local.stop();
    throw err;
  }
  return {
    local,
    db,
    stop: async () => {
      await db.close();
      await local.stop();
    },
  };
}
