/**
 * No database call hangs: a watchdog and a circuit breaker in front of every call Db makes.
 *
 * - Every call has a client-side deadline (the transaction timeout plus a backstop), so even a server that
 *   never answers cannot hold a request past it.
 * - While any call has waited longer than `stallMs`, the database is probed (`RETURN 1` over a connection of
 *   its own, `probeTimeoutMs` at most; one probe at a time, shared by every waiting call). A probe that fails
 *   means Neo4j is not answering (frozen JVM, partition, down): the breaker opens, every waiting call is
 *   rejected at once as `unavailable` (503), and `onTrip` lets the owner drop its stuck connections.
 * - While open, calls fail fast without touching the driver, and a probe runs every `retryMs`; the first that
 *   succeeds closes the breaker. Recovery needs no restart.
 *
 * `enabled` (off until the server starts serving, see index.ts) turns the watchdog and the breaker on; when off,
 * calls keep their deadline and probes only report. The schema and the loads at start-up run with it off: a
 * cold JVM building indexes can take longer than a probe allows, and an import is not a request to shed.
 *
 * A slow query on a healthy database is not cut short: the probe answers, so the call waits for its own
 * deadline. With the defaults (stall 300 ms, probe 1.5 s, watchdog tick 100 ms) a call to a database that stopped
 * answering is rejected within about 1.9 s. The probe's 1.5 s is the trade-off: a busy two-core machine opening
 * forty connections at once kept a `RETURN 1` waiting over a second, and a probe that gives up too soon sheds
 * load that a healthy database would have served.
 */
import { DbError } from './errors';

export interface BreakerOptions {
  /** `true` when the database answered; must not throw (a rejection counts as `false`) */
  probe: () => Promise<boolean>;
  stallMs?: number;
  probeTimeoutMs?: number;
  retryMs?: number;
  tickMs?: number;
  /** the breaker opened: drop connections that may be stuck */
  onTrip?: () => void;
  onRecover?: () => void;
}

interface Pending {
  since: number;
  fail(err: DbError): void;
}

export const unavailable = (since: number) =>
  new DbError(
    'unavailable',
    `The Neo4j database is not answering (since ${new Date(since).toISOString()}); Parley checks again every second and recovers by itself.`,
    'Parley.DatabaseUnavailable',
  );

export const deadlineExceeded = () =>
  new DbError('timeout', 'The query ran longer than the transaction timeout and was stopped.', 'Parley.ClientDeadline');

export class Breaker {
  private openSince: number | null = null;
  private readonly pending = new Set<Pending>();
  private probing: Promise<boolean> | null = null;
  private lastOk = 0;
  private tick: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closedForGood = false;
  enabled = false;
  readonly stallMs: number;
  readonly probeTimeoutMs: number;
  readonly retryMs: number;
  readonly tickMs: number;

  constructor(private readonly opts: BreakerOptions) {
    this.stallMs = opts.stallMs ?? 300;
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 1_500;
    this.retryMs = opts.retryMs ?? 1_000;
    this.tickMs = opts.tickMs ?? 100;
  }

  get isOpen(): boolean {
    return this.openSince !== null;
  }

  /** Throws `unavailable` while the breaker is open. */
  check(): void {
    if (this.openSince !== null) throw unavailable(this.openSince);
  }

  /**
   * Runs `start()` under the watchdog and `deadlineMs`. When the call is given up (deadline, or the breaker
   * opens), `abandon()` is called so the owner can close its session; the call's own result is then ignored.
   */
  run<T>(start: () => Promise<T>, deadlineMs: number, abandon: () => void = () => {}): Promise<T> {
    if (this.openSince !== null) return Promise.reject(unavailable(this.openSince));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const entry: Pending = {
        since: Date.now(),
        fail: (err) => finish(() => reject(err), true),
      };
      const deadline = setTimeout(() => entry.fail(deadlineExceeded()), deadlineMs);
      const finish = (settle: () => void, abandoned: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        this.pending.delete(entry);
        if (abandoned) abandon();
        settle();
      };
      if (this.enabled) {
        this.pending.add(entry);
        this.startTick();
      }
      start().then(
        (v) => finish(() => resolve(v), false),
        (e: unknown) => finish(() => reject(e), false),
      );
    });
  }

  /** Registers a long-lived resource (a session used outside `run`) so a stall of it also triggers probes. */
  watch(onFail: (err: DbError) => void = () => {}): () => void {
    if (!this.enabled) return () => {};
    const entry: Pending = {
      since: Date.now(),
      fail: (err) => {
        this.pending.delete(entry);
        onFail(err);
      },
    };
    this.pending.add(entry);
    this.startTick();
    return () => this.pending.delete(entry);
  }

  /** Probes now (or joins the probe in flight); opens or closes the breaker on the result. */
  probe(timeoutMs = this.probeTimeoutMs): Promise<boolean> {
    if (this.probing) return this.probing;
    const run = (async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const ok = await Promise.race([this.opts.probe().catch(() => false), late]);
      clearTimeout(timer);
      return ok;
    })();
    this.probing = run;
    void run.then((ok) => {
      this.probing = null;
      if (!this.enabled) return;
      if (ok) this.recover();
      else this.trip();
    });
    return run;
  }

  private startTick(): void {
    if (this.tick || this.closedForGood) return;
    this.tick = setInterval(() => this.onTick(), this.tickMs);
    this.tick.unref();
  }

  private onTick(): void {
    if (this.pending.size === 0) {
      if (this.tick) clearInterval(this.tick);
      this.tick = null;
      return;
    }
    if (this.probing || this.openSince !== null) return;
    const now = Date.now();
    let oldest = now;
    for (const p of this.pending) oldest = Math.min(oldest, p.since);
    if (now - oldest >= this.stallMs && now - this.lastOk >= this.stallMs) void this.probe();
  }

  private trip(): void {
    const first = this.openSince === null;
    if (first) this.openSince = Date.now();
    const err = unavailable(this.openSince ?? Date.now());
    for (const p of [...this.pending]) p.fail(err);
    if (first) {
      this.opts.onTrip?.();
      this.scheduleRetry();
    }
  }

  private recover(): void {
    this.lastOk = Date.now();
    if (this.openSince === null) return;
    this.openSince = null;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.opts.onRecover?.();
  }

  private scheduleRetry(): void {
    if (this.closedForGood) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.probe().then((ok) => {
        if (!ok) this.scheduleRetry();
      });
    }, this.retryMs);
    this.retry.unref();
  }

  /** Rejects every watched call and session now with `err` (at shutdown, so in-flight requests answer). */
  failAll(err: DbError): number {
    const all = [...this.pending];
    for (const p of all) p.fail(err);
    return all.length;
  }

  /** Stops the timers (at shutdown). */
  close(): void {
    this.closedForGood = true;
    if (this.tick) clearInterval(this.tick);
    if (this.retry) clearTimeout(this.retry);
    this.tick = null;
    this.retry = null;
  }
}
