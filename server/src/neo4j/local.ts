/**
 * Parley's own local Neo4j, without Docker: Neo4j Community 5.26 LTS run in-process by the small Java launcher in
 * server/neo4j/ (a pom + Launcher.java). Maven fetches the jars once into server/neo4j/target/ (ignored by git);
 * every start then spawns `java -cp target/parley-neo4j.jar:target/lib/* org.parley.neo4j.Launcher`.
 *
 * The Bolt connector listens on 127.0.0.1 only and authentication is disabled: only processes on this machine can
 * reach it, and there is no password to leak or to configure. Never bind it to another interface.
 *
 * Java: Neo4j 5.26 runs on Java 17 or 21 only. See resolveJavaHome() for how the JDK is chosen.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Root of the repository (this file is server/src/neo4j/local.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The Maven module holding the pom and the launcher source. */
export const NEO4J_MODULE_DIR = join(REPO_ROOT, 'server', 'neo4j');
/** Persistent data folder used by `npm start` / `npm run neo4j` (ignored by git). */
export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.neo4j', 'data');
export const DEFAULT_NEO4J_PORT = 7687;
export const DEFAULT_HEAP = '1g';
export const DEFAULT_PAGE_CACHE = '256m';
/** Java feature releases Neo4j 5.26 supports. */
export const SUPPORTED_JAVA_VERSIONS: readonly number[] = [17, 21];

const TARGET_DIR = join(NEO4J_MODULE_DIR, 'target');
const LIB_DIR = join(TARGET_DIR, 'lib');
const LAUNCHER_JAR = join(TARGET_DIR, 'parley-neo4j.jar');
/** Written after a successful Maven run; holds a hash of the pom and launcher source it was built from. */
const MARKER_FILE = join(TARGET_DIR, '.parley-neo4j-built');
const FETCH_LOCK_DIR = join(TARGET_DIR, '.fetch-lock');
const LAUNCHER_SOURCE = join(NEO4J_MODULE_DIR, 'src', 'main', 'java', 'org', 'parley', 'neo4j', 'Launcher.java');
const MAIN_CLASS = 'org.parley.neo4j.Launcher';
const READY_PREFIX = 'PARLEY_NEO4J_READY ';
const ERROR_PREFIX = 'PARLEY_NEO4J_ERROR ';
/** Launcher exit code for "port already in use". */
const EXIT_PORT_IN_USE = 3;
const STDERR_TAIL_LINES = 40;
/** Temp data dirs are `<tmpdir>/parley-neo4j-XXXXXX`; each holds the JVM's pid in this file. */
const TEMP_PREFIX = 'parley-neo4j-';
const TEMP_DIR_PATTERN = /^parley-neo4j-[A-Za-z0-9]{6}$/;
const TEMP_PID_FILE = 'parley-neo4j.pid';

export type LogFn = (line: string) => void;

export interface JavaInfo {
  javaHome: string;
  /** feature release, e.g. 17 */
  version: number;
  /** where it came from: PARLEY_JAVA_HOME, JAVA_HOME or /usr/lib/jvm */
  source: 'PARLEY_JAVA_HOME' | 'JAVA_HOME' | '/usr/lib/jvm';
}

export interface EnsureJarsOptions {
  /** progress lines; default: write `[neo4j] …` to stderr */
  log?: LogFn;
}

export interface StartLocalNeo4jOptions {
  /** Bolt port on 127.0.0.1; 0 or absent picks a free port. */
  port?: number;
  /** Neo4j home/data folder; absent = a fresh temp dir that stop() deletes. Created if missing. */
  dataDir?: string;
  /** JVM max heap, e.g. '1g' or '512m' (default: env PARLEY_NEO4J_HEAP, else 1g). */
  heap?: string;
  /** Page cache size, e.g. '256m' (default: env PARLEY_NEO4J_PAGECACHE, else 256m). */
  pageCache?: string;
  /** Transaction timeout, e.g. '30s' (default 30s). */
  transactionTimeout?: string;
  /** How long to wait for the ready line (default 120 000 ms). */
  startTimeoutMs?: number;
  /** Every line the launcher prints (stdout and stderr) plus progress; default: progress only, to stderr. */
  log?: LogFn;
}

export interface LocalNeo4j {
  /** bolt://127.0.0.1:<port> */
  uri: string;
  port: number;
  /** absolute Neo4j home/data folder (logs in <dataDir>/logs) */
  dataDir: string;
  pid: number;
  /** Settles when the JVM exits, whether through stop() or not (a crash after start shows up here). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, wait for exit (SIGKILL after a grace period), delete the temp data dir if we made it. Idempotent. */
  stop(): Promise<void>;
}

const defaultLog: LogFn = (line) => {
  process.stderr.write(`[neo4j] ${line}\n`);
};

// ---------------------------------------------------------------------------------------------------------------
// Java

function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(Object.assign(error, { stdout, stderr }));
      } else {
        resolvePromise({ stdout, stderr });
      }
    });
  });
}

/** The feature release of the JDK/JRE at javaHome (`java -version`), or undefined if it has no working java. */
export async function javaVersionOf(javaHome: string): Promise<number | undefined> {
  const java = join(javaHome, 'bin', 'java');
  if (!existsSync(java)) return undefined;
  try {
    const { stdout, stderr } = await run(java, ['-version']);
    const match = /version "(\d+)(?:\.(\d+))?/.exec(stderr + stdout);
    if (!match?.[1]) return undefined;
    const major = Number(match[1]);
    // Java 8 and older report "1.8.0_…"
    return major === 1 && match[2] ? Number(match[2]) : major;
  } catch {
    return undefined;
  }
}

const javaHint =
  `Neo4j 5.26 needs Java ${SUPPORTED_JAVA_VERSIONS.join(' or ')}. ` +
  'Install it with `apt-get install openjdk-17-jdk-headless`, or point PARLEY_JAVA_HOME at a Java 17/21 JDK.';

let javaPromise: Promise<JavaInfo> | undefined;

/**
 * Picks the JDK to run Neo4j (and Maven) with, in this order:
 * 1. env PARLEY_JAVA_HOME (must be Java 17 or 21, otherwise an error),
 * 2. env JAVA_HOME if its `java -version` is 17 or 21,
 * 3. the newest Java 21 or 17 found in /usr/lib/jvm/*,
 * else throws an error telling how to install Java 17. The result is cached per process.
 */
export function resolveJavaHome(env: NodeJS.ProcessEnv = process.env): Promise<JavaInfo> {
  if (env !== process.env) return findJava(env);
  javaPromise ??= findJava(env).catch((error: unknown) => {
    javaPromise = undefined;
    throw error;
  });
  return javaPromise;
}

async function findJava(env: NodeJS.ProcessEnv): Promise<JavaInfo> {
  const explicit = env['PARLEY_JAVA_HOME'];
  if (explicit) {
    const version = await javaVersionOf(explicit);
    if (version === undefined || !SUPPORTED_JAVA_VERSIONS.includes(version)) {
      throw new Error(
        `PARLEY_JAVA_HOME=${explicit} is ${version === undefined ? 'not a working Java installation' : `Java ${version}`}. ${javaHint}`,
      );
    }
    return { javaHome: explicit, version, source: 'PARLEY_JAVA_HOME' };
  }
  const javaHome = env['JAVA_HOME'];
  if (javaHome) {
    const version = await javaVersionOf(javaHome);
    if (version !== undefined && SUPPORTED_JAVA_VERSIONS.includes(version)) {
      return { javaHome, version, source: 'JAVA_HOME' };
    }
  }
  const jvmRoot = '/usr/lib/jvm';
  const seen = new Set<string>();
  const found: JavaInfo[] = [];
  const entries = existsSync(jvmRoot) ? readdirSync(jvmRoot).sort() : [];
  for (const entry of entries) {
    const home = join(jvmRoot, entry);
    let real: string;
    try {
      real = realpathSync(home);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    const version = await javaVersionOf(home);
    if (version !== undefined && SUPPORTED_JAVA_VERSIONS.includes(version)) {
      found.push({ javaHome: home, version, source: '/usr/lib/jvm' });
    }
  }
  // Prefer the newest supported release; among equals, a full JDK (javac) so that Maven can compile the launcher.
  found.sort(
    (a, b) =>
      b.version - a.version ||
      Number(existsSync(join(b.javaHome, 'bin', 'javac'))) - Number(existsSync(join(a.javaHome, 'bin', 'javac'))),
  );
  const best = found[0];
  if (best) return best;
  throw new Error(`No Java 17 or 21 found (checked PARLEY_JAVA_HOME, JAVA_HOME and ${jvmRoot}/*). ${javaHint}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Jars

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise<void>((resolvePromise) => setTimeout(resolvePromise, ms));

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

// ---------------------------------------------------------------------------------------------------------------
// Process

const SIZE = /^[1-9]\d*[kmg]$/i;
const DURATION = /^[1-9]\d*(ms|s|m|h)$/;

function sizeToMiB(size: string): number {
  const value = Number(size.slice(0, -1));
  const unit = size.slice(-1).toLowerCase();
  return unit === 'g' ? value * 1024 : unit === 'm' ? value : value / 1024;
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePromise(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

interface Running {
  child: ChildProcess;
  /** temp data dir to delete when the process is gone */
  tempDir: string | undefined;
}

/** Every JVM this process started and has not yet stopped: killed when this process exits. */
const running = new Set<Running>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const entry of running) {
      // Synchronous context: a throwaway DB is killed outright and deleted; a persistent one gets SIGTERM and
      // finishes its clean shutdown on its own. (If this process is killed by a signal instead, the launcher
      // notices its stdin closing and shuts down by itself.)
      entry.child.kill(entry.tempDir ? 'SIGKILL' : 'SIGTERM');
      if (entry.tempDir) rmSync(entry.tempDir, { recursive: true, force: true, maxRetries: 3 });
    }
  });
}

/**
 * Deletes temp data dirs left behind by JVMs that were killed outright (SIGKILL of the whole process group, say),
 * which neither the exit handler nor the launcher could clean up: those whose recorded JVM is gone, or that never
 * got a pid file and are over 10 minutes old.
 */
async function sweepStaleTempDirs(): Promise<void> {
  const root = tmpdir();
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => TEMP_DIR_PATTERN.test(name))
      .map(async (name) => {
        const dir = join(root, name);
        const pid = Number(await readFile(join(dir, TEMP_PID_FILE), 'utf8').catch(() => '0'));
        const stale =
          pid > 0 ? !isAlive(pid) : Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? 0) > 600_000;
        if (stale) await rm(dir, { recursive: true, force: true });
      }),
  );
}

/**
 * Starts Neo4j 5.26 on 127.0.0.1 in a child JVM and resolves once the default database is available.
 * Fetches the jars first if needed (ensureNeo4jJars). Rejects, with the last lines the JVM printed, if the process
 * exits early or is not ready within startTimeoutMs. The child is killed if this process exits.
 */
export async function startLocalNeo4j(opts: StartLocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const heap = opts.heap ?? process.env['PARLEY_NEO4J_HEAP'] ?? DEFAULT_HEAP;
  const pageCache = opts.pageCache ?? process.env['PARLEY_NEO4J_PAGECACHE'] ?? DEFAULT_PAGE_CACHE;
  const txTimeout = opts.transactionTimeout ?? '30s';
  if (!SIZE.test(heap)) throw new Error(`heap must look like 512m or 1g, got ${JSON.stringify(heap)}`);
  if (!SIZE.test(pageCache)) throw new Error(`pageCache must look like 256m or 1g, got ${JSON.stringify(pageCache)}`);
  if (!DURATION.test(txTimeout)) {
    throw new Error(`transactionTimeout must look like 30s or 2m, got ${JSON.stringify(txTimeout)}`);
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) {
    throw new Error(`port must be an integer between 0 and 65535, got ${opts.port}`);
  }
  const log = opts.log;
  await ensureNeo4jJars({ log: log ?? defaultLog });
  const java = await resolveJavaHome();

  if (!opts.dataDir) await sweepStaleTempDirs();
  const tempDir = opts.dataDir ? undefined : await mkdtemp(join(tmpdir(), TEMP_PREFIX));
  const dataDir = resolve(opts.dataDir ?? tempDir!);
  await mkdir(dataDir, { recursive: true });

  // Transaction memory: the global cap is half the heap, one transaction may use up to 256 MiB of it.
  const globalTxMiB = Math.max(64, Math.floor(sizeToMiB(heap) / 2));
  const txMiB = Math.min(256, globalTxMiB);
  const launch = (port: number) =>
    launchOnce({
      java: join(java.javaHome, 'bin', 'java'),
      args: [
        // Neo4j recommends initial = max heap, and opens these JDK internals itself when run as a server
        // (without them the page cache falls back to a slower mode and native log preallocation fails).
        `-Xms${heap}`,
        `-Xmx${heap}`,
        '--add-opens=java.base/java.nio=ALL-UNNAMED',
        '--add-opens=java.base/java.io=ALL-UNNAMED',
        '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
        '-Dio.netty.tryReflectionSetAccessible=true',
        '-XX:+UseG1GC',
        '-XX:-OmitStackTraceInFastThrow',
        '-Dfile.encoding=UTF-8',
        '-cp',
        `${LAUNCHER_JAR}:${LIB_DIR}/*`,
        MAIN_CLASS,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--pagecache',
        pageCache,
        '--tx-timeout',
        txTimeout,
        '--tx-max',
        `${txMiB}m`,
        '--tx-global-max',
        `${globalTxMiB}m`,
        '--stop-on-stdin-eof',
        ...(tempDir ? ['--delete-data-dir-on-exit'] : []),
      ],
      port,
      dataDir,
      tempDir,
      timeoutMs: opts.startTimeoutMs ?? 120_000,
      log,
    });

  try {
    if (opts.port) return await launch(opts.port);
    // A picked port can be taken by someone else before the JVM binds it; then try another one.
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(await findFreePort());
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
      }
    }
  } catch (error) {
    if (tempDir) await rm(tempDir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

class PortInUseError extends Error {}

interface LaunchSpec {
  java: string;
  args: string[];
  port: number;
  dataDir: string;
  tempDir: string | undefined;
  timeoutMs: number;
  log: LogFn | undefined;
}

function launchOnce(spec: LaunchSpec): Promise<LocalNeo4j> {
  installExitHook();
  const child = spawn(spec.java, spec.args, { cwd: spec.dataDir, stdio: ['pipe', 'pipe', 'pipe'] });
  const entry: Running = { child, tempDir: spec.tempDir };
  running.add(entry);
  if (spec.tempDir && child.pid !== undefined) {
    writeFile(join(spec.tempDir, TEMP_PID_FILE), String(child.pid)).catch(() => undefined);
  }
  const stderrTail: string[] = [];
  let ready = false;

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) => {
    // 'close' rather than 'exit': it comes after stdout/stderr are drained, so no last line is lost.
    child.once('close', (code, signal) => {
      running.delete(entry);
      resolvePromise({ code, signal });
    });
  });
  // An EPIPE on stdin after the JVM died must not crash the parent.
  child.stdin?.on('error', () => undefined);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killTimer);
      }
      running.delete(entry);
      if (spec.tempDir) await rm(spec.tempDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };

  return new Promise<LocalNeo4j>((resolvePromise, reject) => {
    const details = () => {
      const tail = stderrTail
        .filter((line) => !line.startsWith(ERROR_PREFIX))
        .join('\n')
        .trim();
      return tail ? `\nLast lines from the Neo4j process:\n${tail}` : '';
    };
    let failure: Error | undefined;
    /** Kill the JVM; the promise rejects with this error once it has exited (then the temp dir can go). */
    const fail = (error: Error) => {
      clearTimeout(timer);
      failure ??= error;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      fail(new Error(`Neo4j did not report ready within ${spec.timeoutMs / 1000} s.${details()}`));
    }, spec.timeoutMs);

    createInterface({ input: child.stdout! }).on('line', (line) => {
      spec.log?.(line);
      if (!ready && line.startsWith(READY_PREFIX)) {
        ready = true;
        clearTimeout(timer);
        resolvePromise({
          uri: line.slice(READY_PREFIX.length).trim(),
          port: spec.port,
          dataDir: spec.dataDir,
          pid: child.pid!,
          exited,
          stop,
        });
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      spec.log?.(line);
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    });

    child.once('error', (error) => {
      fail(new Error(`could not start ${spec.java}: ${error.message}`));
      // a process that never spawned emits no 'exit'
      if (child.pid === undefined) {
        running.delete(entry);
        reject(failure);
      }
    });
    void exited.then(({ code, signal }) => {
      if (ready) {
        if (!stopping) {
          (spec.log ?? defaultLog)(`Neo4j (pid ${child.pid}) exited unexpectedly (code ${code}, signal ${signal}).`);
        }
        return;
      }
      clearTimeout(timer);
      if (failure) {
        reject(failure);
        return;
      }
      const errorLine = stderrTail
        .filter((l) => l.startsWith(ERROR_PREFIX))
        .pop()
        ?.slice(ERROR_PREFIX.length);
      const message = `Neo4j exited before it was ready (code ${code}, signal ${signal})${errorLine ? `: ${errorLine}` : ''}.${details()}`;
      reject(code === EXIT_PORT_IN_USE ? new PortInUseError(message) : new Error(message));
    });
  });
}
