/**
 * Running the local Neo4j: spawns `java -cp target/parley-neo4j.jar:target/lib/* org.parley.neo4j.Launcher` on
 * 127.0.0.1, waits for its ready line, and stops it (SIGTERM, then SIGKILL after a grace period). Every JVM this
 * process started is killed when it exits; temp data folders left by killed JVMs are swept at the next start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../config';
import { planCds } from './cds';
import { ensureNeo4jJars, LAUNCHER_JAR, LIB_DIR } from './jars';
import { resolveJavaHome } from './jdk';
import { defaultLog, isAlive, type LogFn } from './os';
import { ensureLocalPassword, LOCAL_USER } from './password';

/** Persistent data folder used by `npm start` / `npm run neo4j` (ignored by git). */
export const DEFAULT_DATA_DIR = join(repoRoot, '.neo4j', 'data');
export const DEFAULT_NEO4J_PORT = 7687;
export const DEFAULT_HEAP = '1g';
export const DEFAULT_PAGE_CACHE = '256m';

const MAIN_CLASS = 'org.parley.neo4j.Launcher';
const READY_PREFIX = 'PARLEY_NEO4J_READY ';
const ERROR_PREFIX = 'PARLEY_NEO4J_ERROR ';
/** Launcher exit code for "port already in use". */
const EXIT_PORT_IN_USE = 3;
const STDERR_TAIL_LINES = 40;
/** Temp data dirs are `<tmpdir>/parley-neo4j-XXXXXX`; each holds the JVM's pid in this file. */
const TEMP_PREFIX = 'parley-neo4j-';
const TEMP_DIR_PATTERN = /^parley-neo4j-[A-Za-z0-9]{6}$/;
export const TEMP_PID_FILE = 'parley-neo4j.pid';

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
  /** the user to connect as (`neo4j`) and its password, from `<dataDir>/parley-neo4j.password` (password.ts) */
  user: string;
  password: string;
  port: number;
  /** absolute Neo4j home/data folder (logs in <dataDir>/logs) */
  dataDir: string;
  pid: number;
  /** Settles when the JVM exits, whether through stop() or not (a crash after start shows up here). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, wait for exit (SIGKILL after a grace period), delete the temp data dir if we made it. Idempotent. */
  stop(): Promise<void>;
}

const SIZE = /^[1-9]\d*[kmg]$/i;
const DURATION = /^[1-9]\d*(ms|s|m|h)$/;

/**
 * The JVM flags of the local Neo4j, shared with the benchmark's Neo4j (bench/_loading.ts) so that the loading
 * figures are those of the JVM users run. Neo4j recommends initial = max heap, and opens these JDK internals itself
 * when run as a server (without them the page cache falls back to a slower mode and native log preallocation fails).
 */
export function neo4jJvmFlags(heap: string): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-Dfile.encoding=UTF-8',
  ];
}

function sizeToMiB(size: string): number {
  const value = Number(size.slice(0, -1));
  const unit = size.slice(-1).toLowerCase();
  return unit === 'g' ? value * 1024 : unit === 'm' ? value : value / 1024;
}

/** true when the local Neo4j of `dataDir` runs: the pid its last JVM wrote is alive, or `port` accepts connections */
export async function localNeo4jRunning(dataDir: string, port: number): Promise<boolean> {
  const pid = Number(await readFile(join(dataDir, TEMP_PID_FILE), 'utf8').catch(() => '0'));
  if (pid > 0 && isAlive(pid)) return true;
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (up: boolean) => {
      socket.destroy();
      resolvePromise(up);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
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
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // The store files are Neo4j's data itself: only the owner may read the folder (issue 12, "no open door").
  await chmod(dataDir, 0o700).catch(() => undefined);
  const { password, file: passwordFile } = await ensureLocalPassword(dataDir);

  // Transaction memory: the global cap is half the heap, one transaction may use up to 256 MiB of it.
  const globalTxMiB = Math.max(64, Math.floor(sizeToMiB(heap) / 2));
  const txMiB = Math.min(256, globalTxMiB);
  const jvmFlags = neo4jJvmFlags(heap);
  const launch = async (port: number) => {
    const cds = await planCds(java.javaHome, jvmFlags, !tempDir);
    return launchOnce({
      java: join(java.javaHome, 'bin', 'java'),
      args: [
        ...jvmFlags,
        ...cds.flags,
        '-cp',
        `${LAUNCHER_JAR}:${LIB_DIR}/*`,
        MAIN_CLASS,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--password-file',
        passwordFile,
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
      password,
      timeoutMs: opts.startTimeoutMs ?? 120_000,
      log,
      afterExit: cds.afterExit,
      // writing the class-data archive at exit takes 5–30 s on two busy cores: let it finish
      stopGraceMs: cds.writes ? 120_000 : 30_000,
    }).then(async (started) => {
      await cds.afterReady(started.pid);
      return started;
    });
  };

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
  password: string;
  timeoutMs: number;
  log: LogFn | undefined;
  /** called once the JVM has exited; `clean` when it had been ready and stopped by a signal or stdin's end */
  afterExit: (clean: boolean) => Promise<void>;
  /** how long stop() waits after SIGTERM before SIGKILL */
  stopGraceMs: number;
}

function launchOnce(spec: LaunchSpec): Promise<LocalNeo4j> {
  installExitHook();
  const child = spawn(spec.java, spec.args, { cwd: spec.dataDir, stdio: ['pipe', 'pipe', 'pipe'] });
  const entry: Running = { child, tempDir: spec.tempDir };
  running.add(entry);
  // the JVM's pid, in every data folder: the sweep of temp folders and the offline backup read it
  if (child.pid !== undefined) {
    writeFile(join(spec.dataDir, TEMP_PID_FILE), String(child.pid)).catch(() => undefined);
  }
  const stderrTail: string[] = [];
  let ready = false;

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolvePromise) => {
    // 'close' rather than 'exit': it comes after stdout/stderr are drained, so no last line is lost.
    child.once('close', (code, signal) => {
      running.delete(entry);
      // 143: the JVM's own exit after SIGTERM and its shutdown hooks; 0: after stdin's end
      void spec.afterExit(ready && (code === 0 || code === 143)).finally(() => resolvePromise({ code, signal }));
    });
  });
  // An EPIPE on stdin after the JVM died must not crash the parent.
  child.stdin?.on('error', () => undefined);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killTimer = setTimeout(() => child.kill('SIGKILL'), spec.stopGraceMs);
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
          user: LOCAL_USER,
          password: spec.password,
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
