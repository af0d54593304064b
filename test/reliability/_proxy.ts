/**
 * The reliability tests' app behind a fault proxy: the shared test Neo4j reached through a TCP proxy the test
 * controls (test/_faultproxy.ts), a Db with the watchdog on, and Parley built over it (rate limit lifted, no
 * static files). `close()` puts the proxy back to forwarding and closes the app, the driver and the proxy.
 */
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { Db } from '../../server/src/neo4j/db';
import { createRepositories } from '../../server/src/repositories';
import { boltTarget, FaultProxy } from '../_faultproxy';

export interface ProxiedApp {
  proxy: FaultProxy;
  db: Db;
  app: FastifyInstance;
  close: () => Promise<void>;
}

export interface ProxiedAppOptions {
  /** turn the bulkhead on (neo4j/admission.ts) with this limit and wait */
  admission?: { limit: number; maxWaitMs: number };
  /** extra routes (e.g. a test's own slow read), given the app's Db */
  plugins?: (db: Db) => ((app: FastifyInstance) => Promise<void>)[];
}

export async function proxiedApp(opts: ProxiedAppOptions = {}): Promise<ProxiedApp> {
  const target = boltTarget(inject('neo4jUri'));
  const proxy = await new FaultProxy(target.host, target.port).start();
  const config = loadConfig({ NEO4J_URI: proxy.uri, NEO4J_PASSWORD: inject('neo4jPassword') });
  const db = new Db({
    uri: proxy.uri,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
    watchdog: true,
  });
  if (opts.admission) {
    db.admission.limit = opts.admission.limit;
    db.admission.maxWaitMs = opts.admission.maxWaitMs;
    db.admission.enabled = true;
  }
  const app = await buildApp({
    config: { ...config, PARLEY_RATE_LIMIT: 100_000 },
    repos: createRepositories(db),
    staticDir: null,
    ...(opts.plugins ? { plugins: opts.plugins(db) } : {}),
  });
  return {
    proxy,
    db,
    app,
    close: async () => {
      await proxy.setMode('forward');
      await app.close();
      await db.close();
      await proxy.close();
    },
  };
}
