/** Every repository, built from one database handle (routes get them from `app.repos`). */
import type { Db } from '../neo4j/db';
import { createCatalogRepository } from './catalog';
import { createCypherRepository } from './cypher';
import { createDatasetRepository } from './dataset';
import { createGraphRepository } from './graph';
import { createMeetingsRepository } from './meetings';
import { createSearchRepository } from './search';
import { createSnapshotsRepository } from './snapshots';
import { createSourcesRepository } from './sources';

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
    system: { ping: (timeoutMs?: number) => db.ping(timeoutMs) },
    catalog,
    graph,
    search: createSearchRepository(db, catalog, opts.scanLimit ? { scanLimit: opts.scanLimit } : {}),
    meetings: createMeetingsRepository(db, graph, catalog),
    sources: createSourcesRepository(db),
    dataset: createDatasetRepository(db),
    cypher: createCypherRepository(db),
    snapshots: createSnapshotsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
