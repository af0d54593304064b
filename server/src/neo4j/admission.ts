/**
 * The bulkhead (admission limit) in front of Parley's own data calls: at most `limit` of them run on Neo4j at
 * once; the rest wait their turn in a FIFO queue, here in Node, instead of time-sharing Neo4j's CPUs.
 *
 * Why (README "Reliability", measured by `npm run bench:load`): fifty reads at once on a two-core machine starved
 * Neo4j's threads; every answer came late (p99 7.2 s, 10-second give-ups), and a probe that came late enough found
 * no answer and no handshake in time and opened the breaker on a healthy database (33 × 503 database_unavailable).
 * With the bulkhead Neo4j only ever has `limit` of Parley's queries, the probe is not starved, and overload turns
 * into a short wait in the queue, or a fast and honest `503 busy` with Retry-After when the wait would be too long.
 *
 * Rules (Db.transaction applies them; `admitted` says whether a call takes a turn):
 * - reads made while serving a request (inside `inRequest`) take a turn. Time spent queued counts toward the
 *   call's own deadline (Db gives Neo4j what is left of the transaction timeout). A call that cannot start within
 *   `maxWaitMs` (or its own timeout, if shorter) is refused as `overloaded` (503 `busy`, Retry-After), counted as
 *   shed. A request whose client goes away while its call is queued leaves the queue (its signal aborts); once
 *   the call runs, the same signal stops it on Neo4j (cancel.ts).
 * - writes skip the queue: a save, a merge, an undo or a setting is someone's deliberate act, few next to reads;
 *   shedding one for a crowd of reads would lose it.
 * - imports (`unqueued`, wired in repositories/index.ts) skip the queue, reads and writes: an import is all or
 *   nothing, so a shed look-up half-way through would undo minutes of work; one import is one person's act, and its
 *   batches run one after another.
 * - outside a request (start-up: schema, seed, recovery, index waits; background warm-ups; the CLI tools): no
 *   queue, no client to answer 503 to. The breaker's probe and the health check run on the prober's own driver,
 *   never here: a queue full of slow reads must not make Neo4j look down. The console has its own limit and pool
 *   (console-slots.ts), so Neo4j sees at most `limit` + 2 (console) + imports of Parley's queries at once.
 * - a call that gets no turn in time while the breaker is judging the database (a probe in flight, because the
 *   calls holding the turns stalled) waits for the verdict first: a frozen Neo4j answers 503
 *   database_unavailable (within the breaker's bound, about 2 s), not busy.
 * - queued calls are not "pending at the database" for the breaker's watchdog: a call enters `Breaker.run` only
 *   once it has its turn, so only time spent on Neo4j counts as a stall. While the breaker is open a call fails
 *   fast (503 database_unavailable) instead of queueing.
 *
 * Pure bookkeeping (no driver): unit-tested with fake tasks in test/unit/reliability-admission.test.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { cancelled as cancelledWith, DbError } from './errors';

/** the default limit: two queries per core keep the cores busy while one waits on I/O, plus two for slack */
export function defaultAdmissionLimit(cores = availableParallelism()): number {
  return 2 * cores + 2;
}
export const DEFAULT_QUEUE_WAIT_MS = 2_000;
/** what a `503 busy` tells the client to wait before trying again (Retry-After, seconds) */
export const BUSY_RETRY_AFTER_S = 2;
/** shortest time between two summary lines while shedding */
export const SUMMARY_EVERY_MS = 10_000;

export const overloaded = (limit: number, waitedMs: number) =>
  new DbError(
    'overloaded',
    `The server is busy: ${limit} database queries are running and this one could not start within ${(waitedMs / 1000).toFixed(1)} s. Try again in a moment.`,
    'Parley.Busy',
  );

const cancelled = () => cancelledWith('The request was cancelled while it waited for its turn.');

/** a summary of one period with sheds (at most one every SUMMARY_EVERY_MS) */
export interface AdmissionSummary {
  /** calls refused after waiting `maxWaitMs`, in the period */
  shed: number;
  /** calls that waited for a turn (and got it), in the period */
  waited: number;
  /** their longest wait, ms */
  longestWaitMs: number;
  /** calls whose client went away while they waited, in the period */
  cancelled: number;
  limit: number;
  /** still queued when the line is written */
  queued: number;
  periodMs: number;
}

interface Waiter {
  since: number;
  grant: () => void;
  fail: (err: DbError) => void;
}

interface Scope {
  signal?: AbortSignal;
  unqueued?: boolean;
}
const scope = new AsyncLocalStorage<Scope>();

/** Runs `fn` as a request's work: its reads take a turn, and leave the queue when `signal` aborts. */
export function inRequest<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run({ signal }, fn);
}

/**
 * Runs `fn` as work that several requests share (a cache fill that concurrent requests wait on): its reads still
 * take turns, but without the signal of the request that happened to start it, so that one client going away
 * neither takes it out of the queue nor stops it on Neo4j while the others wait for it.
 */
export function shared<T>(fn: () => T): T {
  const s = scope.getStore();
  if (!s?.signal) return fn();
  return scope.run({}, fn);
}

/** Every method of `repo` runs outside the queue (imports: see the top). */
export function unqueued<R extends object>(repo: R): R {
  const out = { ...repo } as Record<string, unknown>;
  for (const [k, v] of Object.entries(repo)) {
    if (typeof v === 'function') {
      out[k] = (...args: unknown[]) =>
        scope.run({ unqueued: true }, () => (v as (...a: unknown[]) => unknown)(...args));
    }
  }
  return out as R;
}

/** Whether a call of this mode, made here, takes a turn; and the signal of its request. */
export function admitted(mode: 'read' | 'write'): { admit: boolean; signal?: AbortSignal } {
  const s = scope.getStore();
  if (!s || s.unqueued || mode === 'write') return { admit: false };
  return { admit: true, ...(s.signal ? { signal: s.signal } : {}) };
}

export class Admission {
  /** off: every call runs at once (the server turns it on when it starts serving, with the breaker) */
  enabled = false;
  limit: number;
  maxWaitMs: number;
  /** a summary line at most every SUMMARY_EVERY_MS while shedding (the server wires it to its log) */
  onSummary: ((s: AdmissionSummary) => void) | null = null;
  /** totals since start */
  readonly stats = { admitted: 0, waited: 0, shed: 0, cancelled: 0 };
  private running = 0;
  private readonly queue: Waiter[] = [];
  private period = { since: 0, shed: 0, waited: 0, longestWaitMs: 0, cancelled: 0 };
  private summaryTimer: NodeJS.Timeout | null = null;

  constructor(opts: { limit?: number; maxWaitMs?: number } = {}) {
    this.limit = opts.limit ?? defaultAdmissionLimit();
    this.maxWaitMs = opts.maxWaitMs ?? DEFAULT_QUEUE_WAIT_MS;
  }

  /** calls running on Neo4j now, and calls waiting for a turn */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  /**
   * Waits for a turn (FIFO) and resolves with its release (call it once the call is done; calling it again does
   * nothing). Rejects with `overloaded` after `min(maxWaitMs, waitMs)`, or `cancelled` when `signal` aborts.
   */
  acquire(opts: { waitMs?: number; signal?: AbortSignal } = {}): Promise<() => void> {
    if (!this.enabled) return Promise.resolve(() => {});
    if (opts.signal?.aborted) return Promise.reject(cancelled());
    if (this.running < this.limit && this.queue.length === 0) {
      this.running++;
      this.stats.admitted++;
      return Promise.resolve(this.releaser());
    }
    const wait = Math.max(0, Math.min(this.maxWaitMs, opts.waitMs ?? Infinity));
    return new Promise<() => void>((resolve, reject) => {
      const { signal } = opts;
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
      };
      const onAbort = () => waiter.fail(cancelled());
      const waiter: Waiter = {
        since: Date.now(),
        grant: () => {
          leave();
          this.running++;
          this.stats.admitted++;
          this.stats.waited++;
          this.period.waited++;
          this.period.longestWaitMs = Math.max(this.period.longestWaitMs, Date.now() - waiter.since);
          resolve(this.releaser());
        },
        fail: (err) => {
          leave();
          if (err.kind === 'overloaded') {
            this.stats.shed++;
            this.period.shed++;
            this.scheduleSummary();
          } else {
            this.stats.cancelled++;
            this.period.cancelled++;
          }
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.fail(overloaded(this.limit, Date.now() - waiter.since)), wait);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /**
   * Runs `call` when it has its turn (`admitted`: at once when it takes none), with what is left of `timeoutMs`
   * after the wait. While the breaker is open it fails fast (`check` throws) instead of queueing; when it opens,
   * the calls holding turns fail, and each queued call gets its turn and fails fast in the same way. `call` gets
   * the request's signal when it is a read made for a request (the bulkhead on or off): it stops its work on
   * Neo4j when the client goes away (db.ts, cancel.ts). Writes and imports never get it: they are all or nothing.
   */
  async run<T>(
    mode: 'read' | 'write',
    timeoutMs: number,
    breaker: { check(): void; settled?(): Promise<void> },
    call: (timeoutMs: number, signal?: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { admit, signal } = admitted(mode);
    if (!admit || !this.enabled) return call(timeoutMs, admit ? signal : undefined);
    breaker.check();
    const arrived = Date.now();
    let release: () => void;
    try {
      release = await this.acquire({ waitMs: timeoutMs, ...(signal ? { signal } : {}) });
    } catch (err) {
      // No turn in time while the breaker is judging the database (a probe in flight: the calls that hold the
      // turns stalled): wait for its verdict, so a frozen database answers 503 database_unavailable, not busy.
      if (err instanceof DbError && err.kind === 'overloaded') {
        await breaker.settled?.();
        breaker.check();
      }
      throw err;
    }
    try {
      return await call(Math.max(1, timeoutMs - (Date.now() - arrived)), signal);
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.pump();
    };
  }

  /** hands free turns to the oldest waiters (also after `limit` grew) */
  private pump(): void {
    while (this.running < this.limit) {
      const next = this.queue[0];
      if (!next) return;
      next.grant();
    }
  }

  /** the first shed after a quiet time opens a period; its summary is written SUMMARY_EVERY_MS later */
  private scheduleSummary(): void {
    if (this.summaryTimer) return;
    const shed = this.period.shed;
    this.period = { since: Date.now(), shed, waited: 0, longestWaitMs: 0, cancelled: 0 };
    this.summaryTimer = setTimeout(() => this.flushSummary(), SUMMARY_EVERY_MS);
    this.summaryTimer.unref();
  }

  /** Writes the summary of the period now, if it had sheds (at close, and from the timer). */
  flushSummary(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    const p = this.period;
    if (p.shed > 0) {
      this.onSummary?.({
        shed: p.shed,
        waited: p.waited,
        longestWaitMs: p.longestWaitMs,
        cancelled: p.cancelled,
        limit: this.limit,
        queued: this.queue.length,
        periodMs: Date.now() - p.since,
      });
    }
    this.period = { since: 0, shed: 0, waited: 0, longestWaitMs: 0, cancelled: 0 };
  }
}
