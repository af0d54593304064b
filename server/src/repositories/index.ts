/** Every repository, built from one database handle (routes get them from `app.repos`). */
import type { Db } from '../neo4j/db';
import { createCypherRepository } from './cypher';
import { createDatasetRepository } from './dataset';
import { createGraphRepository } from './graph';
import { createImportsRepository } from './imports';
import { createMeetingsRepository } from './meetings';
import { createSearchRepository } from './search';
import { createSnapshotsRepository } from './snapshots';
import { createSourcesRepository } from './sources';

export function createRepositories(db: Db) {
  const graph = createGraphRepository(db);
  return {
    system: { ping: (timeoutMs?: number) => db.ping(timeoutMs) },
    graph,
    search: createSearchRepository(db),
    meetings: createMeetingsRepository(db, graph),
    sources: createSourcesRepository(db),
    dataset: createDatasetRepository(db),
    cypher: createCypherRepository(db),
    snapshots: createSnapshotsRepository(db),
    imports: createImportsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
