/** Every repository, built from one database handle (routes get them from `app.repos`). */
import { unqueued } from '../neo4j/admission';
import type { Db } from '../neo4j/db';
import { createCatalogRepository } from './catalog';
import { createCypherRepository } from './cypher';
import { createDatasetRepository } from './dataset';
import { createDuplicatesRepository } from './duplicates';
import { createGraphRepository } from './graph';
import { createImportsRepository } from './imports';
import { createMeetingsRepository } from './meetings';
import { createSearchRepository } from './search';
import { createSnapshotsRepository } from './snapshots';
import { createSourcesRepository } from './sources';
import { createUsersRepository } from './users';

/**
 * `/api/health` answers from a ping at most `ttlMs` old: a monitor polling it, or a load test, no longer costs a
 * database round trip per call; callers that arrive while a ping is under way share it.
 */
export function cachedPing(db: Pick<Db, 'ping'>, ttlMs = 1_000, now: () => number = () => performance.now()) {
  let last: { at: number; up: Promise<boolean> } | null = null;
  return (timeoutMs?: number): Promise<boolean> => {
    const t = now();
    if (last && t - last.at < ttlMs) return last.up;
    const up = db.ping(timeoutMs);
    last = { at: t, up };
    return up;
  };
}

export interface RepositoryOptions {
  /** Parley created this database (its local Neo4j, or one it found empty and seeded): see catalog.ts */
  ownsDatabase?: boolean;
  /** nodes a search without an index scans at most (search.ts) */
  scanLimit?: number;
}

export function createRepositories(db: Db, opts: RepositoryOptions = {}) {
  const catalog = createCatalogRepository(db, { ownsDatabase: opts.ownsDatabase ?? false });
  const graph = createGraphRepository(db, catalog);
  return {
    // what a 503 tells its client to wait (Retry-After, seconds; the breaker's estimate, neo4j/breaker.ts)
    system: { ping: cachedPing(db), retryAfterS: () => db.breaker.retryAfterS() },
    catalog,
    graph,
    search: createSearchRepository(db, catalog, opts.scanLimit ? { scanLimit: opts.scanLimit } : {}),
    meetings: createMeetingsRepository(db, graph, catalog),
    sources: createSourcesRepository(db),
    dataset: createDatasetRepository(db),
    cypher: createCypherRepository(db),
    snapshots: createSnapshotsRepository(db),
    duplicates: createDuplicatesRepository(db),
    // an import skips the bulkhead's queue: a shed look-up half-way would undo all of it (neo4j/admission.ts)
    imports: unqueued(createImportsRepository(db)),
    users: createUsersRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
