/** `npm start`: the database side (start.ts), then the HTTP server; stops cleanly on SIGINT/SIGTERM. */
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { startDatabase } from './start';

async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  const started = await startDatabase(config, log);
  // From here on every request is watched: a Neo4j that stops answering gets 503s within 2 s (neo4j/breaker.ts).
  started.db.breaker.enabled = true;
  const app = await buildApp({
    config,
    repos: started.repos,
    logger: config.PARLEY_LOG_LEVEL === 'silent' ? false : { level: config.PARLEY_LOG_LEVEL },
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.close().catch(() => {});
    await started.stop().catch(() => {});
    process.exit(0);
  };
  // If the local Neo4j dies under us, say so and stop: serving 503s forever would hide it.
  void started.local?.exited.then(({ code, signal }) => {
    if (stopping) return;
    log(
      `the local Neo4j stopped unexpectedly (${signal ?? `exit code ${String(code)}`}); see ${started.local?.dataDir}/logs/debug.log`,
    );
    void app.close().finally(() => process.exit(1));
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    await started.stop();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  log(`ready in ${((performance.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port} (API docs at /api/docs)`);
}

main().catch((err: unknown) => {
  const msg = err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err);
  process.stderr.write(`${msg}\n`);
  process.exit(1);
});
