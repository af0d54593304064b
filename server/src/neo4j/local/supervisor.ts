/**
 * A bounded supervisor for the local Neo4j (issue 12, "the local Neo4j dying"). When the JVM exits without being
 * asked to (a crash, the OOM killer, a SIGKILL), it is started again on the same port and data folder, after a
 * back-off of 1, 2, 4, 8, 16 s (capped at 30 s). Meanwhile the circuit breaker (../breaker.ts) answers every
 * request 503 `database_unavailable` and closes by itself once its probe reaches the new JVM: the server recovers
 * without a restart, and the driver reconnects to the same address with the same password.
 *
 * Bounded: at most `maxRestarts` restarts (default 5) within `windowMs` (default 10 minutes). Past that the JVM
 * keeps dying for a reason a restart does not fix (a full disk, a corrupt store, too little memory), so the
 * supervisor gives up: `exited` settles and the server stops with the reason, for an outer supervisor (systemd,
 * compose) and a human to see. A start that fails counts as a restart.
 *
 * Nothing committed is lost by a restart: Neo4j recovers from its transaction log at start, as after any crash.
 */
import { defaultLog, type LogFn } from './os';
import type { LocalNeo4j } from './process';

export interface SuperviseOptions {
  /** restarts allowed within `windowMs` before giving up (default 5) */
  maxRestarts?: number;
  /** the window over which restarts are counted (default 10 minutes) */
  windowMs?: number;
  /** back-off before the n-th restart in a row (n from 1): default 1 s × 2^(n-1), at most 30 s */
  backoffMs?: (n: number) => number;
  log?: LogFn;
}

/** The supervised Neo4j: the fields of the JVM running now; `exited` settles only when the supervisor gives up. */
export interface SupervisedNeo4j extends LocalNeo4j {
  /** restarts so far */
  readonly restarts: number;
}

export const DEFAULT_MAX_RESTARTS = 5;
export const DEFAULT_RESTART_WINDOW_MS = 600_000;
export const defaultBackoff = (n: number): number => Math.min(30_000, 1_000 * 2 ** (n - 1));

/**
 * Supervises `first`; `start` launches a new JVM with the same options (port, data folder, memory). The returned
 * object always shows the JVM running now (uri, port, pid, password), and its stop() stops it for good.
 */
export function superviseLocalNeo4j(
  first: LocalNeo4j,
  start: () => Promise<LocalNeo4j>,
  opts: SuperviseOptions = {},
): SupervisedNeo4j {
  const maxRestarts = opts.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  const windowMs = opts.windowMs ?? DEFAULT_RESTART_WINDOW_MS;
  const backoff = opts.backoffMs ?? defaultBackoff;
  const log = opts.log ?? defaultLog;
  let current = first;
  let stopped = false;
  let restarts = 0;
  /** when each restart began, for the window */
  const history: number[] = [];
  let wake: (() => void) | undefined;
  let starting: Promise<LocalNeo4j> | undefined;
  let giveUp!: (result: { code: number | null; signal: NodeJS.Signals | null }) => void;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => (giveUp = r));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = (jvm: LocalNeo4j): void => {
    void jvm.exited.then(async (how) => {
      if (stopped) return;
      const what = how.signal ?? `exit code ${String(how.code)}`;
      let inARow = 0;
      for (;;) {
        const now = Date.now();
        while (history.length > 0 && now - history[0]! > windowMs) history.shift();
        if (history.length >= maxRestarts) {
          log(
            `the local Neo4j stopped (${what}) after ${history.length} restarts within ${Math.round(windowMs / 60_000)} min: giving up (see ${jvm.dataDir}/logs/debug.log)`,
          );
          stopped = true;
          giveUp(how);
          return;
        }
        inARow++;
        const wait = backoff(inARow);
        log(
          `the local Neo4j stopped unexpectedly (${what}, pid ${jvm.pid}); restarting it in ${wait / 1000} s (restart ${history.length + 1} of at most ${maxRestarts} in ${Math.round(windowMs / 60_000)} min)`,
        );
        await sleep(wait);
        if (stopped) return;
        history.push(Date.now());
        restarts++;
        const t0 = Date.now();
        try {
          starting = start();
          const next = await starting;
          if (stopped) {
            await next.stop();
            return;
          }
          current = next;
          log(
            `the local Neo4j is back (pid ${next.pid}, ${next.uri}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
          );
          watch(next);
          return;
        } catch (error) {
          log(`restarting the local Neo4j failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
  };
  watch(first);

  return {
    get uri() {
      return current.uri;
    },
    get user() {
      return current.user;
    },
    get password() {
      return current.password;
    },
    get port() {
      return current.port;
    },
    get dataDir() {
      return current.dataDir;
    },
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    exited,
    async stop() {
      stopped = true;
      wake?.();
      const next = await starting?.catch(() => undefined);
      await Promise.all([current.stop(), next && next !== current ? next.stop() : undefined]);
    },
  };
}
