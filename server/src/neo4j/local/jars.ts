/**
 * The Neo4j jars and the launcher: Maven fetches them once into server/neo4j/target/ (ignored by git), under a lock
 * so that two processes never run Maven at once, and again only when the pom or the launcher source changes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../config';
import { resolveJavaHome } from './jdk';
import { defaultLog, isAlive, run, sleep, type LogFn } from './os';

/** The Maven module holding the pom and the launcher source. */
export const NEO4J_MODULE_DIR = join(repoRoot, 'server', 'neo4j');
const TARGET_DIR = join(NEO4J_MODULE_DIR, 'target');
export const LIB_DIR = join(TARGET_DIR, 'lib');
export const LAUNCHER_JAR = join(TARGET_DIR, 'parley-neo4j.jar');
/** Written after a successful Maven run; holds a hash of the pom and launcher source it was built from. */
const MARKER_FILE = join(TARGET_DIR, '.parley-neo4j-built');
const FETCH_LOCK_DIR = join(TARGET_DIR, '.fetch-lock');
const LAUNCHER_SOURCE = join(NEO4J_MODULE_DIR, 'src', 'main', 'java', 'org', 'parley', 'neo4j', 'Launcher.java');

export interface EnsureJarsOptions {
  /** progress lines; default: write `[neo4j] …` to stderr */
  log?: LogFn;
}

async function buildInputsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [join(NEO4J_MODULE_DIR, 'pom.xml'), LAUNCHER_SOURCE]) {
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/** True when target/ holds a launcher jar and the runtime jars built from the current pom and launcher source. */
async function jarsPresent(expectedHash: string): Promise<boolean> {
  try {
    const [marker, libEntries] = await Promise.all([readFile(MARKER_FILE, 'utf8'), readdir(LIB_DIR)]);
    return (
      marker.trim() === expectedHash &&
      existsSync(LAUNCHER_JAR) &&
      libEntries.some((name) => /^neo4j-5\.26\.\d+\.jar$/.test(name))
    );
  } catch {
    return false;
  }
}

/** A directory lock so that two processes (e.g. parallel test workers) never run Maven into target/ at once. */
async function withFetchLock<T>(log: LogFn, fn: () => Promise<T>): Promise<T> {
  await mkdir(TARGET_DIR, { recursive: true });
  let waitingSince: number | undefined;
  for (;;) {
    try {
      await mkdir(FETCH_LOCK_DIR);
      await writeFile(join(FETCH_LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(join(FETCH_LOCK_DIR, 'pid'), 'utf8').catch(() => '0'));
      const lockTime = (await stat(FETCH_LOCK_DIR).catch(() => undefined))?.mtimeMs ?? 0;
      // A lock whose owner is gone is stale (that process crashed); one without a pid file yet is being taken,
      // unless it has been like that for a while.
      if (owner > 0 ? !isAlive(owner) : Date.now() - lockTime > 10_000) {
        await rm(FETCH_LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        log(`waiting for another process (pid ${owner || '?'}) that is fetching the Neo4j jars…`);
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(FETCH_LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Makes sure server/neo4j/target/ holds the Neo4j jars (target/lib/*) and the compiled launcher
 * (target/parley-neo4j.jar). Idempotent: when they are present and were built from the current pom and launcher
 * source, Maven is not called at all. Otherwise runs `mvn -q -B -f server/neo4j/pom.xml package` with the Java
 * chosen by resolveJavaHome(), printing progress while it runs (the first fetch downloads ~125 MB).
 */
export async function ensureNeo4jJars(opts: EnsureJarsOptions = {}): Promise<{ fetched: boolean; ms: number }> {
  const log = opts.log ?? defaultLog;
  const started = Date.now();
  const expectedHash = await buildInputsHash();
  if (await jarsPresent(expectedHash)) return { fetched: false, ms: Date.now() - started };

  return withFetchLock(log, async () => {
    // Another process may have finished the job while we waited for the lock.
    if (await jarsPresent(expectedHash)) return { fetched: false, ms: Date.now() - started };
    const java = await resolveJavaHome();
    // Stale jars from an older pom would end up on the classpath next to the new ones.
    await Promise.all([
      rm(LIB_DIR, { recursive: true, force: true }),
      rm(join(TARGET_DIR, 'classes'), { recursive: true, force: true }),
      rm(LAUNCHER_JAR, { force: true }),
      rm(MARKER_FILE, { force: true }),
    ]);
    log(
      `fetching Neo4j jars with Maven (Java ${java.version} from ${java.javaHome}); the first run downloads ~125 MB…`,
    );
    const ticker = setInterval(() => {
      log(`still fetching Neo4j jars… ${Math.round((Date.now() - started) / 1000)} s`);
    }, 15_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      JAVA_HOME: java.javaHome,
      PATH: `${join(java.javaHome, 'bin')}:${process.env['PATH'] ?? ''}`,
    };
    try {
      await run('mvn', ['-q', '-B', '-f', join(NEO4J_MODULE_DIR, 'pom.xml'), 'package'], env);
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (e.code === 'ENOENT') {
        throw new Error('Maven (`mvn`) was not found on PATH; install it with `apt-get install maven`.');
      }
      const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
      throw new Error(`Maven failed to fetch the Neo4j jars / build the launcher:\n${output}`);
    } finally {
      clearInterval(ticker);
    }
    if (!existsSync(LAUNCHER_JAR) || !existsSync(LIB_DIR)) {
      throw new Error(`Maven finished but ${LAUNCHER_JAR} or ${LIB_DIR} is missing.`);
    }
    await writeFile(MARKER_FILE, `${expectedHash}\n`);
    const ms = Date.now() - started;
    log(`Neo4j jars ready in ${(ms / 1000).toFixed(1)} s`);
    return { fetched: true, ms };
  });
}
