/**
 * Global setup of the `db` test project: the project's own Neo4j 5.26 (never a mock), started once per run on
 * a free port with a fresh temporary data folder, the schema applied and the seed loaded; stopped after.
 * Tests read its URI with `inject('neo4jUri')` (see _helpers.ts).
 */
import { availableParallelism, loadavg } from 'node:os';
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

/** How long the set-up waits for its Neo4j on an idle machine (a cold JVM starts in 20–60 s on two cores). */
const BASE_START_MS = 120_000;
/** Never more than this, however loaded the machine (PARLEY_TEST_NEO4J_START_MS may still ask for more). */
const MAX_START_MS = 30 * 60_000;

/**
 * How long to wait for the test Neo4j to report ready: PARLEY_TEST_NEO4J_START_MS when set, else 120 s times how
 * many runnable processes share each core (the 1-minute load average over the cores, at least 1), at most 30
 * minutes. A run at load 40 on two cores, which failed at a fixed 120 s, waits 30 minutes.
 */
export function startWait(env: NodeJS.ProcessEnv = process.env): { ms: number; why: string } {
  const asked = Number(env.PARLEY_TEST_NEO4J_START_MS);
  if (env.PARLEY_TEST_NEO4J_START_MS && Number.isFinite(asked) && asked > 0) {
    return { ms: asked, why: 'PARLEY_TEST_NEO4J_START_MS' };
  }
  const cores = availableParallelism();
  const load = loadavg()[0] ?? 0;
  const factor = Math.max(1, load / cores);
  const ms = Math.min(MAX_START_MS, Math.round(BASE_START_MS * factor));
  return { ms, why: `${BASE_START_MS / 1000} s × load ${load.toFixed(1)} / ${cores} cores, at least 1` };
}

export default async function setup(project: TestProject) {
  const log = (msg: string) => process.stderr.write(`[test neo4j] ${msg}\n`);
  const wait = startWait();
  const raise = 'set PARLEY_TEST_NEO4J_START_MS (milliseconds) to wait longer';
  log(`starting the test Neo4j; waiting up to ${Math.round(wait.ms / 1000)} s for it (${wait.why})`);
  const local = await startLocalNeo4j({ port: 0, startTimeoutMs: wait.ms }).catch((err: unknown) => {
    const said = err instanceof Error ? err.message : String(err);
    throw new Error(
      /did not report ready/.test(said)
        ? `the test set-up started its own Neo4j (a JVM on a free loopback port, fresh temporary data folder) and ` +
            `waited ${Math.round(wait.ms / 1000)} s (${wait.why}) for it to report ready; ${raise}. ` +
            `Load average now: ${loadavg()[0]?.toFixed(1)}. ${said}`
        : `the test set-up could not start its own Neo4j: ${said}`,
      { cause: err },
    );
  });
  log(`up at ${local.uri} (data in ${local.dataDir})`);
  // set-up only: the schema and the seed's first queries on a cold JVM of a loaded machine get the same room
  const config = loadConfig({
    NEO4J_URI: local.uri,
    NEO4J_PASSWORD: local.password,
    PARLEY_QUERY_TIMEOUT_MS: String(Math.min(600_000, Math.max(15_000, wait.ms))),
  });
  const started = await startDatabase(config, log).catch(async (err: unknown) => {
    await local.stop();
    throw new Error(
      `the test Neo4j at ${local.uri} reported ready, but applying the schema and loading the seed failed ` +
        `(each query given ${Math.round(config.PARLEY_QUERY_TIMEOUT_MS / 1000)} s: ${wait.why}); ${raise} if it ran out of time. ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  });
  await started.db.close();
  project.provide('neo4jUri', local.uri);
  project.provide('neo4jPassword', local.password);
  return async () => {
    await local.stop();
  };
}
