/**
 * `npm run neo4j`: runs Parley's local Neo4j 5.26 in the foreground on 127.0.0.1:7687 (env PARLEY_NEO4J_PORT or
 * NEO4J_PORT overrides) with its data in .neo4j/data; Ctrl+C stops it cleanly.
 * `npm run neo4j -- --fetch-only`: only fetch the jars (idempotent).
 */
import {
  DEFAULT_DATA_DIR,
  DEFAULT_NEO4J_PORT,
  ensureNeo4jJars,
  passwordFileOf,
  PASSWORD_FILE,
  startLocalNeo4j,
  type LocalNeo4j,
} from '../neo4j/local';

const USAGE = `usage: npm run neo4j [-- --fetch-only]

  Starts Neo4j 5.26 on bolt://127.0.0.1:<port> (loopback only) with data in ${DEFAULT_DATA_DIR}.
  User neo4j; its password is generated once per data folder and kept in ${PASSWORD_FILE} there (mode 0600).
  Port: env PARLEY_NEO4J_PORT or NEO4J_PORT, default ${DEFAULT_NEO4J_PORT}.
  Memory: env PARLEY_NEO4J_HEAP (default 1g), PARLEY_NEO4J_PAGECACHE (default 256m).
  Java: env PARLEY_JAVA_HOME, else JAVA_HOME if it is Java 17/21, else a Java 17/21 from /usr/lib/jvm.
  --fetch-only  only download the Neo4j jars and build the launcher, then exit`;

function portFromEnv(): number {
  const raw = process.env['PARLEY_NEO4J_PORT'] ?? process.env['NEO4J_PORT'];
  if (raw === undefined || raw === '') return DEFAULT_NEO4J_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PARLEY_NEO4J_PORT/NEO4J_PORT must be an integer between 1 and 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((arg) => arg !== '--fetch-only' && arg !== '--help' && arg !== '-h');
  if (argv.includes('--help') || argv.includes('-h') || unknown.length > 0) {
    if (unknown.length > 0) console.error(`unknown argument: ${unknown.join(' ')}`);
    console.error(USAGE);
    process.exitCode = unknown.length > 0 ? 2 : 0;
    return;
  }

  if (argv.includes('--fetch-only')) {
    const { fetched, ms } = await ensureNeo4jJars();
    console.log(fetched ? `Neo4j jars fetched in ${(ms / 1000).toFixed(1)} s.` : 'Neo4j jars already present.');
    return;
  }

  const port = portFromEnv();
  console.error(`Starting Neo4j 5.26 on 127.0.0.1:${port} with data in ${DEFAULT_DATA_DIR}…`);
  let neo4j: LocalNeo4j;
  try {
    neo4j = await startLocalNeo4j({ port, dataDir: DEFAULT_DATA_DIR });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /already in use/.test(message) ? '\nSet PARLEY_NEO4J_PORT to use another port.' : '';
    throw new Error(`${message}${hint}`);
  }
  console.log(neo4j.uri);
  console.error(
    `Neo4j is ready (pid ${neo4j.pid}, loopback only): user ${neo4j.user}, password in ${passwordFileOf(neo4j.dataDir)}. Press Ctrl+C to stop.`,
  );

  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error('Still stopping Neo4j; press Ctrl+C again in a moment to force it.');
      process.removeAllListeners(signal);
      return;
    }
    stopping = true;
    console.error('Stopping Neo4j…');
    neo4j.stop().then(
      () => {
        console.error('Neo4j stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  void neo4j.exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`Neo4j exited unexpectedly (code ${code}, signal ${signal}); see ${DEFAULT_DATA_DIR}/logs.`);
      process.exit(1);
    }
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
