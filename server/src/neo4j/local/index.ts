/**
 * Parley's own local Neo4j, without Docker: Neo4j Community 5.26 LTS run in-process by the small Java launcher in
 * server/neo4j/ (a pom + Launcher.java). Maven fetches the jars once into server/neo4j/target/ (ignored by git);
 * every start then spawns `java -cp target/parley-neo4j.jar:target/lib/* org.parley.neo4j.Launcher`.
 *
 * The Bolt connector listens on 127.0.0.1 only, with authentication on: the user `neo4j` with a random password
 * generated once per data folder and kept in it, readable by its owner only (password.ts). Never bind it to another
 * interface.
 *
 * Java: Neo4j 5.26 runs on Java 17 or 21 only. See resolveJavaHome() for how the JDK is chosen.
 *
 * One file per concern: jdk.ts finds the JDK, jars.ts runs Maven for the jars and the launcher, process.ts runs
 * and stops the JVM, supervisor.ts restarts it (bounded) when it dies, password.ts keeps its password, os.ts holds
 * the small process helpers they share, cds.ts keeps the JVM's class-data archive. Import from here.
 */
export { resolveJavaHome, javaVersionOf, SUPPORTED_JAVA_VERSIONS, type JavaInfo } from './jdk';
export { cdsArchivePath, CDS_DIR } from './cds';
export { ensureNeo4jJars, NEO4J_MODULE_DIR, type EnsureJarsOptions } from './jars';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_HEAP,
  DEFAULT_NEO4J_PORT,
  DEFAULT_PAGE_CACHE,
  findFreePort,
  localNeo4jRunning,
  neo4jJvmFlags,
  startLocalNeo4j,
  type LocalNeo4j,
  type StartLocalNeo4jOptions,
} from './process';
export type { LogFn } from './os';
export {
  superviseLocalNeo4j,
  DEFAULT_MAX_RESTARTS,
  DEFAULT_RESTART_WINDOW_MS,
  type SupervisedNeo4j,
  type SuperviseOptions,
} from './supervisor';
export { LOCAL_USER, PASSWORD_FILE, passwordFileOf, readLocalPassword } from './password';
