/**
 * Global setup of the `db` test project: the project's own Neo4j 5.26 (never a mock), started once per run on
 * a free port with a fresh temporary data folder, the schema applied and the seed loaded; stopped after.
 * Tests read its URI with `inject('neo4jUri')` (see _helpers.ts).
 */
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../server/src/config';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    /** the password of the user neo4j of that Neo4j (its data folder's password file) */
    neo4jPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const log = (msg: string) => process.stderr.write(`[test neo4j] ${msg}\n`);
  const local = await startLocalNeo4j({ port: 0 });
  log(`up at ${local.uri} (data in ${local.dataDir})`);
  const config = loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: local.password });
  const started = await startDatabase(config, log);
  await started.db.close();
  project.provide('neo4jUri', local.uri);
  project.provide('neo4jPassword', local.password);
  return async () => {
    await local.stop();
  };
}
