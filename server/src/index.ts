/** `npm start`: the database side (start.ts), then the HTTP server; stops cleanly on SIGINT/SIGTERM. */
import { buildApp } from './app';
import { ExtractPool } from './extract/pool';
import { ConfigError, loadConfig } from './config';
import { loggerOptions } from './logging';
import { startDatabase } from './start';

async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  // the extraction worker warms up (1–3 s of compromise) while the database starts: its cold cost is paid here
  const extractor = new ExtractPool();
  void extractor.warm().then(
    (ms) => log(`article reader warmed up (${ms} ms)`),
    (e: unknown) => log(`article reader failed to start: ${e instanceof Error ? e.message : String(e)}`),
  );
  const started = await startDatabase(config, log);
  if (config.PARLEY_ACCOUNTS && (await started.repos.users.list()).length === 0) {
    log(
      'accounts are on (PARLEY_ACCOUNTS) and none exists yet: create one with npm run user -- add <name> --role admin',
    );
  }
  // From here on every request is watched: a Neo4j that stops answering gets 503s within 2 s (neo4j/breaker.ts).
  started.db.breaker.enabled = true;
  const app = await buildApp({
    config,
    repos: started.repos,
    // answers are checked against the contract in tests; in production they are sent as they are (see app.ts)
    checkAnswers: false,
    extractor,
    logger: loggerOptions(config),
  });
  // The breaker's transitions and the bulkhead's sheds go to the log: a line when it opens (why) and closes, and
  // a summary at most every 10 s while reads are shed, never a line per request (neo4j/admission.ts).
  started.db.breaker.onChange = (e) => {
    if (e.state === 'open')
      app.log.warn({ reason: e.reason }, `circuit breaker open: Neo4j is not answering (${e.reason})`);
    else
      app.log.info(
        { openMs: e.openMs },
        `circuit breaker closed: Neo4j answers again after ${(e.openMs / 1000).toFixed(1)} s`,
      );
  };
  started.db.admission.limit = config.PARLEY_DB_CONCURRENCY;
  started.db.admission.maxWaitMs = config.PARLEY_DB_QUEUE_WAIT_MS;
  started.db.admission.onSummary = (s) =>
    app.log.warn(
      s,
      `busy: ${s.shed} read(s) refused with 503 busy in ${(s.periodMs / 1000).toFixed(0)} s (queue limit ${s.limit})`,
    );
  started.db.admission.enabled = config.PARLEY_DB_CONCURRENCY > 0;
  let stopping = false;
  // SIGTERM/SIGINT, even under load and with a query in flight, stop within 10 s (issue 12): no new
  // connections at once; requests in flight get GRACE_MS to finish; then whatever still waits on Neo4j is
  // answered 503 and the driver (and the local Neo4j) are closed; a last timer exits regardless at FORCE_MS.
  const GRACE_MS = 6_000;
  const FORCE_MS = 9_500;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const t = Date.now();
    log(`${signal}: stopping (new connections refused; requests in flight get ${GRACE_MS / 1000} s)`);
    const force = setTimeout(() => {
      log(`${signal}: not stopped after ${FORCE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, FORCE_MS);
    force.unref();
    const grace = setTimeout(() => {
      const n = started.db.abortAll('The server is shutting down; try again in a moment.');
      log(`${signal}: ${n} call(s) still waiting on Neo4j after ${GRACE_MS / 1000} s answer 503`);
    }, GRACE_MS);
    grace.unref();
    await app.close().catch(() => {});
    clearTimeout(grace);
    await started.stop().catch(() => {});
    log(`${signal}: stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    process.exit(0);
  };
  // A local Neo4j that dies is restarted by its supervisor (neo4j/local/supervisor.ts; routes answer 503
  // meanwhile). When the supervisor gives up (PARLEY_NEO4J_RESTARTS restarts within 10 minutes), say so and
  // stop: serving 503s forever would hide it.
  void started.local?.exited.then(({ code, signal }) => {
    if (stopping) return;
    log(
      `the local Neo4j stopped (${signal ?? `exit code ${String(code)}`}) and was not restarted; stopping the server. See ${started.local?.dataDir}/logs/debug.log`,
    );
    void app.close().finally(() => process.exit(1));
  });
  // A keep-alive connection whose request is in flight at close would stay open after its answer and hold the
  // close for the keep-alive timeout: while stopping, every answer closes its connection.
  app.addHook('onSend', async (_req, reply) => {
    if (stopping) void reply.header('connection', 'close');
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
