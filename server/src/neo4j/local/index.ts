/**
 * Parley's own local Neo4j, without Docker: Neo4j Community 5.26 LTS run in-process by the small Java launcher in
 * server/neo4j/ (a pom + Launcher.java). Maven fetches the jars once into server/neo4j/target/ (ignored by git);
 * every start then spawns `java -cp target/parley-neo4j.jar:target/lib/* org.parley.neo4j.Launcher`.
 *
 * The Bolt connector listens on 127.0.0.1 only and authentication is disabled: only processes on this machine can
 * reach it, and there is no password to leak or to configure. Never bind it to another interface.
 *
 * Java: Neo4j 5.26 runs on Java 17 or 21 only. See resolveJavaHome() for how the JDK is chosen.
 *
 * One file per concern: jdk.ts finds the JDK, jars.ts runs Maven for the jars and the launcher, process.ts runs
 * and stops the JVM, os.ts holds the small process helpers they share. Import from here.
 */
export { resolveJavaHome, javaVersionOf, SUPPORTED_JAVA_VERSIONS, type JavaInfo } from './jdk';
export { ensureNeo4jJars, NEO4J_MODULE_DIR, type EnsureJarsOptions } from './jars';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_HEAP,
  DEFAULT_NEO4J_PORT,
  DEFAULT_PAGE_CACHE,
  findFreePort,
  startLocalNeo4j,
  type LocalNeo4j,
  type StartLocalNeo4jOptions,
} from './process';
export type { LogFn } from './os';
