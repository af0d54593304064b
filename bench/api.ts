/**
 * `npm run bench:api`: requests per second and latency of the main read routes over the seed graph, with
 * autocannon against a Parley on loopback (a fresh local Neo4j; 10 connections, 10 s per route after a warm-up).
 * Prints and saves bench/results/api.json. Traffic goes to 127.0.0.1 only, bounded in time.
 */
import autocannon from 'autocannon';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { startLocalNeo4j } from '../server/src/neo4j/local';
import { startDatabase } from '../server/src/start';
import { save } from './_util';

const ROUTES = [
  '/api/health',
  '/api/search?q=darchiev',
  '/api/graph',
  '/api/nodes/person%3Asonata-coulter',
  '/api/met?person=person%3Asonata-coulter',
  '/api/path?from=person%3Asonata-coulter&to=place%3Aistanbul',
];

async function main() {
  const local = await startLocalNeo4j({ port: 0 });
  const started = await startDatabase(loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: local.password }));
  const app = await buildApp({
    config: { ...loadConfig({}), PARLEY_RATE_LIMIT: 10_000_000 },
    repos: started.repos,
    staticDir: null,
    checkAnswers: false, // as index.ts serves it
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const figures: Record<string, unknown> = {};
    for (const route of ROUTES) {
      await autocannon({ url: base + route, connections: 10, duration: 3 }); // warm-up: JIT, query plans
      const r = await autocannon({ url: base + route, connections: 10, duration: 10 });
      figures[route] = {
        requestsPerSecond: Math.round(r.requests.average),
        latencyMsP50: r.latency.p50,
        latencyMsP99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
      };
      process.stderr.write(`${route}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms\n`);
    }
    save('api', figures);
  } finally {
    await app.close();
    await started.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
