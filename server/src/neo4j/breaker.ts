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
 *
 * *Busy is not down* (decision). Under heavy reads on a loaded two-core machine the probe's `RETURN 1` itself
 * can come back after 1.5 s — the JVM's CPUs are taken by the heavy queries, and a Node event loop busy turning
 * big answers into JSON runs the probe's timer before it reads the probe's answer — and the breaker used to open
 * on a database that was answering, turning a slow minute into a minute of 503s. So a probe that is only *late*
 * no longer opens the breaker by itself; the verdict is:
 *   - the probe answered → up; the probe failed (refused, reset, an error) → down, at once;
 *   - the probe is late → first the event loop gets one turn to read answers that already arrived (timers run
 *     before I/O after a long task); then, if another call got its answer from the database in the last 0.5 s,
 *     or the database answers a bare Bolt handshake on a fresh connection (`alive`, started when the probe is
 *     200 ms old: a handful of bytes answered by Neo4j's network threads, not by the query workers the heavy
 *     reads occupy), it is **busy**: nothing is failed, calls wait for their own deadline, and the next stalled
 *     tick probes again at once; else (no byte from Neo4j: a frozen JVM, a partition, a stuck network) it is
 *     **down** and the breaker opens. Only a recent answer counts, so a database that freezes during a probe is
 *     found out by the next one: about 2 s after the freeze at worst (0.5 + 1.5 s), 1.9 s as before otherwise.
 * Not chosen: N consecutive failed probes (a frozen database would take N × 1.8 s to detect, breaking the 2 s
 * bound) and a longer probe timeout (the same). What the rule gives up: a JVM whose network threads answer but
 * whose query workers are all stuck counts as busy, so calls end at their own deadline (the transaction timeout
 * + 2 s, `504`) rather than with a 503 in 2 s; a frozen JVM, a GC pause longer than the probe, a partition and a
 * dead server still open the breaker within the bound.
 */
import { DbError } from './errors';

/** how recent another call's answer must be for a late probe to count as busy rather than down */
const RECENT_ANSWER_MS = 500;

export interface BreakerOptions {
  /** `true` when the database answered; must not throw (a rejection counts as `false`) */
  probe: () => Promise<boolean>;
  /**
   * Asked only when the probe is late: `true` when the database still answers at the connection level (a Bolt
   * handshake on a fresh connection). Must not throw; it is given what is left of the probe's time.
   */
  alive?: (timeoutMs: number) => Promise<boolean>;
  /** how long a probe may take before `alive` is asked too (default 200 ms) */
  aliveAfterMs?: number;
  stallMs?: number;
  probeTimeoutMs?: number;
  retryMs?: number;
  tickMs?: number;
  /** the breaker opened: drop connections that may be stuck */
  onTrip?: () => void;
  onRecover?: () => void;
}

/** a transition of the breaker, for the server's log (index.ts wires `onChange`) */
export type BreakerEvent = { state: 'open'; reason: string } | { state: 'closed'; openMs: number };

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
  /** when a call last got its answer from the database (see `answered`) */
  private lastAnswer = 0;
  private tick: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** when the next probe is due while open (the retry timer), or when the probe in flight gives up */
  private nextVerdictAt = 0;
  private closedForGood = false;
  enabled = false;
  /** told when the breaker opens (with the verdict's reason) and when it closes again; must not throw */
  onChange: ((e: BreakerEvent) => void) | null = null;
  /** why the last verdict was `down` */
  private downReason = '';
  /** how often the breaker opened, and how many late probes were judged busy rather than down */
  readonly stats = { trips: 0, busy: 0 };
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

  /** A call got an answer from the database (records, a result): it is answering, however slowly. */
  answered(): void {
    this.lastAnswer = Date.now();
  }

  /** Settles once the verdict in flight, if any, is in (the bulkhead waits for it before it sheds a call). */
  settled(): Promise<void> {
    return this.probing ? this.probing.then(() => {}) : Promise.resolve();
  }

  /**
   * What a 503 tells its client to wait before trying again (Retry-After, whole seconds, at least 1): while the
   * breaker is open, until its next probe is due or the probe in flight gives up (the earliest it can close);
   * while it is closed, 1 (a database that stopped answering opens it within about 2 s, and it probes every
   * `retryMs` from then on).
   */
  retryAfterS(now = Date.now()): number {
    const ms = this.openSince === null ? 0 : this.nextVerdictAt - now;
    return Math.max(1, Math.ceil(ms / 1000));
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
        (v) => {
          this.answered();
          finish(() => resolve(v), false);
        },
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

  /** Probes now (or joins the probe in flight); opens or closes the breaker on the result (see the top). */
  probe(timeoutMs = this.probeTimeoutMs): Promise<boolean> {
    if (this.probing) return this.probing;
    this.nextVerdictAt = Date.now() + timeoutMs;
    const run = this.verdict(timeoutMs).then((v) => {
      this.probing = null;
      if (this.enabled) {
        if (v === 'down') this.trip();
        else this.recover(v === 'up');
      }
      return v !== 'down';
    });
    this.probing = run;
    return run;
  }

  private async verdict(timeoutMs: number): Promise<'up' | 'busy' | 'down'> {
    const t0 = Date.now();
    let answer: boolean | undefined;
    const probe = this.opts.probe().then(
      (ok) => (answer = ok),
      () => (answer = false),
    );
    const wait = (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      const p = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });
      return { p, cancel: () => clearTimeout(timer) };
    };
    const verdictOf = (ok: boolean) => {
      if (!ok) this.downReason = 'the probe (RETURN 1) failed: refused, reset or an error';
      return ok ? 'up' : 'down';
    };
    // The bare handshake starts once the probe is slower than a healthy one, so a quiet server is not asked
    // twice on every health check; it gets the rest of the probe's time.
    const aliveAfter = Math.min(this.opts.aliveAfterMs ?? 200, timeoutMs);
    const early = wait(aliveAfter);
    await Promise.race([probe, early.p]);
    early.cancel();
    if (answer !== undefined) return verdictOf(answer);
    const alive =
      this.enabled && this.opts.alive
        ? this.opts.alive(Math.max(1, timeoutMs - aliveAfter)).catch(() => false)
        : Promise.resolve(false);
    const late = wait(Math.max(0, timeoutMs - (Date.now() - t0)));
    await Promise.race([probe, late.p]);
    late.cancel();
    if (answer === undefined) await new Promise<void>((resolve) => setImmediate(resolve)); // read what arrived
    if (answer !== undefined) return verdictOf(answer);
    if (!this.enabled) return 'down';
    // An answer to another call in the last RECENT_ANSWER_MS: busy. Only a recent one counts, so a database
    // that froze in the middle of a probe is still found out by the next probe, within the 2 s bound.
    if (Date.now() - this.lastAnswer <= RECENT_ANSWER_MS) return this.busy();
    // the handshake had the rest of the probe's time: what it has not said by now (one more turn) is a no
    const rest = wait(Math.max(0, timeoutMs - (Date.now() - t0)));
    const handshake = await Promise.race([
      alive,
      rest.p.then(() => new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))),
    ]);
    rest.cancel();
    if (handshake) return this.busy();
    this.downReason = `the probe (RETURN 1) got no answer in ${timeoutMs} ms, no other call got one in the last ${RECENT_ANSWER_MS} ms, and a fresh Bolt handshake got none either`;
    return 'down';
  }

  private busy(): 'busy' {
    this.stats.busy++;
    return 'busy';
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
      this.stats.trips++;
      this.onChange?.({ state: 'open', reason: this.downReason });
      this.opts.onTrip?.();
      this.scheduleRetry();
    }
  }

  /** `up`: the probe answered; a busy verdict closes the breaker too, but calls that stall are probed again */
  private recover(up: boolean): void {
    if (up) this.lastOk = Date.now();
    if (this.openSince === null) return;
    const openMs = Date.now() - this.openSince;
    this.openSince = null;
    this.onChange?.({ state: 'closed', openMs });
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.opts.onRecover?.();
  }

  private scheduleRetry(): void {
    if (this.closedForGood) return;
    this.nextVerdictAt = Date.now() + this.retryMs;
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
