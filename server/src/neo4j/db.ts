/**
 * The only door to Neo4j. Repositories call `db.query(name, params)` with a query from cypher/queries (or, for
 * schema and loading, a text) and get plain JSON rows back; driver types never leave this folder.
 *
 * What a request pays for, and why (measured in bench/ — README "Performance"):
 * - every session names its database. Without a name the driver asks the server for the user's home database
 *   before each session (one more round trip: 10.8 → 5.4 ms per trivial query here). When NEO4J_DATABASE is
 *   unset, the home database's name is asked once (`CALL db.info()`) and then written into `options.database`,
 *   so every later session, the console's included, names it.
 * - a single read statement (`query`, read mode) runs as an auto-commit transaction: RUN + PULL in one round trip
 *   instead of BEGIN + RUN + PULL and then COMMIT in a second one (5.4 → 3.2 ms for a trivial query here; every
 *   API read pays it once per statement). When it fails with an error the driver calls retryable (a dropped
 *   connection, a transient error), it runs again as a managed transaction, which has the driver's retries
 *   with back-off: a first attempt that retried only once, at once, lost requests after `proxy.dropAll()` in
 *   test/reliability/faults.test.ts. Writes and multi-statement work use managed transactions.
 */
import neo4j, {
  Neo4jError,
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type Session,
  type SessionConfig,
} from 'neo4j-driver';
import { Admission } from './admission';
import { installBoltLimits } from './bolt-limits';
import { Breaker } from './breaker';
import { stopOnAbort } from './cancel';
import { classify, DbError } from './errors';
import { boltHandshake } from './handshake';
import { toParams, toPlain, type Plain } from './convert';
import { toPlanOperator, type PlanOperator } from './plan';
import { QueryLibrary } from './queries';
import { watchSession } from './watched-session';

export type Row = Record<string, Plain>;
export type { PlanOperator };

export interface DbOptions {
  uri: string;
  user: string;
  password: string;
  /** empty = the server's default database */
  database: string;
  /** per-transaction timeout for Parley's own queries */
  queryTimeoutMs: number;
  /** turn the watchdog and circuit breaker on at once (the server turns it on when it starts serving) */
  watchdog?: boolean;
  /** how long the driver retries a transaction that failed on a lost connection (default DRIVER_TIMEOUTS) */
  maxRetryTimeMs?: number;
}

/** A result's records as plain JSON rows. */
function toRows(res: QueryResult): Row[] {
  return res.records.map((rec) => {
    const row: Row = {};
    for (const key of rec.keys) row[String(key)] = toPlain(rec.get(key));
    return row;
  });
}

export interface RunOptions {
  mode?: 'read' | 'write';
  timeoutMs?: number;
}

/** Runs statements inside one transaction (all or nothing). */
export interface Tx {
  run(textOrName: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/**
 * Driver timeouts, chosen on purpose (README "Reliability"):
 * - connectionTimeout 1.5 s: opening a TCP (and TLS) connection; loopback and LAN take milliseconds, and a
 *   route must answer 503 within 2 s when Neo4j cannot be reached;
 * - connectionAcquisitionTimeout 5 s: getting a connection, opening it included. A burst of 40 requests on an
 *   empty pool opens 40 connections (handshake, hello, logon), which took over 1.5 s on a loaded two-core
 *   machine, so this is not the 2 s guarantee: that comes from the breaker (a database that stops answering is
 *   detected by the probe, whatever the pool does). A pool full of busy, healthy connections answers 503 after
 *   5 s; stuck connections never fill it, because the breaker drops them with their driver when it opens;
 * - maxTransactionRetryTime 3 s: retries of transient errors (deadlocks, a leader switch) stop after 3 s;
 * - maxConnectionPoolSize 50; the probe (breaker.ts) has a driver of its own with 2 connections, so a full or
 *   stuck main pool never makes a healthy database look down.
 */
export const DRIVER_TIMEOUTS = {
  connectionTimeout: 1_500,
  connectionAcquisitionTimeout: 5_000,
  maxTransactionRetryTime: 3_000,
} as const;
/** extra time a call waits past its transaction timeout (enforced by Neo4j) before giving up on its own */
export const CLIENT_BACKSTOP_MS = 2_000;
/** connections of the console's own driver (at most CONSOLE_MAX_RUNS queries run at once, each needing one) */
const CONSOLE_POOL_SIZE = 10;

export class Db {
  readonly queries: QueryLibrary;
  readonly breaker: Breaker;
  /** the bulkhead in front of `transaction` and `query` (admission.ts); off until the server turns it on */
  readonly admission = new Admission();
  private current: Driver;
  /** the console's own pool: its connections decode smaller messages (bolt-limits.ts) and cannot starve Parley's */
  private consolePool: Driver;
  private prober: Driver;

  constructor(
    readonly options: DbOptions,
    queries: QueryLibrary = new QueryLibrary(),
  ) {
    this.queries = queries;
    installBoltLimits();
    this.current = this.newDriver(50);
    this.consolePool = this.newDriver(CONSOLE_POOL_SIZE);
    this.prober = this.newDriver(2);
    this.breaker = new Breaker({
      probe: () => this.runProbe(),
      // a late probe on a busy database is not a dead one (breaker.ts, "Busy is not down")
      alive: (timeoutMs) => boltHandshake(this.options.uri, timeoutMs),
      // Connections to a database that stopped answering stay stuck until it answers again (or forever, after
      // a partition): drop them with their driver, so they never fill the pool (the prober's too: its late
      // probe may still hold a connection).
      onTrip: () => {
        const old = [this.current, this.consolePool, this.prober];
        this.current = this.newDriver(50);
        this.consolePool = this.newDriver(CONSOLE_POOL_SIZE);
        this.prober = this.newDriver(2);
        for (const d of old) void d.close().catch(() => {});
      },
    });
    this.breaker.enabled = options.watchdog ?? false;
  }

  private newDriver(maxConnectionPoolSize: number): Driver {
    return neo4j.driver(this.options.uri, neo4j.auth.basic(this.options.user, this.options.password), {
      ...DRIVER_TIMEOUTS,
      ...(this.options.maxRetryTimeMs !== undefined ? { maxTransactionRetryTime: this.options.maxRetryTimeMs } : {}),
      maxConnectionPoolSize,
      disableLosslessIntegers: false,
      userAgent: 'parley/0.1',
    });
  }

  /** The console's own driver (its sessions: `openSession(config, 'console')`); throws like `driver`. */
  get consoleDriver(): Driver {
    this.breaker.check();
    return this.consolePool;
  }

  /** The driver; throws `unavailable` (503) at once while the breaker is open. */
  get driver(): Driver {
    this.breaker.check();
    return this.current;
  }

  /**
   * A session of the current driver (or of the console's, `pool: 'console'`), watched by the breaker until it is
   * closed (for code that runs its own transactions, such as the console). Throws `unavailable` at once while the
   * breaker is open. The console opens and uses its sessions inside `withMessageLimit` (bolt-limits.ts).
   */
  openSession(config: SessionConfig, pool: 'app' | 'console' = 'app'): Session {
    const driver = this.driver;
    const session = (pool === 'console' ? this.consolePool : driver).session({
      ...(this.options.database ? { database: this.options.database } : {}),
      ...config,
    });
    return watchSession(session, this.breaker);
  }

  private async runProbe(): Promise<boolean> {
    const session = this.prober.session({
      defaultAccessMode: neo4j.session.READ,
      ...(this.options.database ? { database: this.options.database } : {}),
    });
    try {
      await session.run('RETURN 1 AS ok', {}, { timeout: this.breaker.probeTimeoutMs });
      return true;
    } catch (err) {
      // A failed probe may leave a stuck connection behind: start the next probe on a fresh driver.
      const old = this.prober;
      this.prober = this.newDriver(2);
      void old.close().catch(() => {});
      // A connection that took longer than the driver allows to open is as late as a probe that did not answer:
      // busy or frozen, the breaker judges (breaker.ts, "Busy is not down"); a refused or reset one is down.
      if (/Failed to establish connection in|Connection acquisition timed out/.test(String(err))) {
        return new Promise<boolean>(() => {});
      }
      return false;
    } finally {
      void session.close().catch(() => {});
    }
  }

  private databaseName: Promise<string> | null = null;

  /**
   * The database every session names: NEO4J_DATABASE, else the home database, asked once (a failed ask is
   * forgotten, so the next query asks again).
   */
  database(): Promise<string> {
    if (this.options.database) return Promise.resolve(this.options.database);
    this.databaseName ??= (async () => {
      const session = this.driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        const res = await this.breaker.run(
          () => session.run('CALL db.info() YIELD name RETURN name', {}, { timeout: 5_000 }),
          5_000 + CLIENT_BACKSTOP_MS,
          () => void session.close().catch(() => {}),
        );
        const name = String(res.records[0]?.get('name') ?? '');
        if (name) this.options.database = name;
        return name;
      } finally {
        void session.close().catch(() => {});
      }
    })().catch((err: unknown) => {
      this.databaseName = null;
      throw classify(err);
    });
    return this.databaseName;
  }

  private async session(mode: 'read' | 'write') {
    const database = await this.database();
    return this.driver.session({
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(database ? { database } : {}),
    });
  }

  /** Query text: a name of cypher/queries/<name>.cypher, or Cypher itself (anything with a space). */
  private text(textOrName: string): string {
    return /^[a-z][a-z0-9-]*$/.test(textOrName) ? this.queries.get(textOrName).text : textOrName;
  }

  private static async runIn(tx: ManagedTransaction, text: string, params: Record<string, unknown>): Promise<Row[]> {
    return toRows(await tx.run(text, toParams(params) as Record<string, unknown>));
  }

  /** Runs one query in its own transaction (read by default) and returns its rows as plain JSON. */
  async query(textOrName: string, params: Record<string, unknown> = {}, opts: RunOptions = {}): Promise<Row[]> {
    const text = this.text(textOrName);
    if ((opts.mode ?? 'read') === 'write') return this.transaction((tx) => tx.run(text, params), opts);
    // reads wait their turn in the bulkhead here too (admission.ts); the wait counts toward the timeout
    const timeout = opts.timeoutMs ?? this.options.queryTimeoutMs;
    try {
      return await this.admission.run('read', timeout, this.breaker, (left, signal) =>
        this.readAutoCommit(text, params, left, signal),
      );
    } catch (err) {
      // a dropped connection or a transient error: once more as a managed transaction, with the driver's retries
      if (err instanceof Neo4jError && err.retryable) return this.transaction((tx) => tx.run(text, params), opts);
      throw classify(err);
    }
  }

  /**
   * One read statement as an auto-commit transaction (RUN + PULL), watched like `transaction`; no retry here.
   * `signal` (the request's): its client went away, so the read stops on Neo4j (cancel.ts).
   */
  private async readAutoCommit(text: string, params: Record<string, unknown>, timeout: number, signal?: AbortSignal) {
    const session = await this.session('read');
    let settled = false;
    try {
      const res = await this.breaker.run(
        stopOnAbort(session, signal, () => session.run(text, toParams(params) as Record<string, unknown>, { timeout })),
        timeout + CLIENT_BACKSTOP_MS,
        () => void session.close().catch(() => {}),
      );
      settled = true;
      return toRows(res);
    } finally {
      // never wait on the session of a call that failed: its server may have stopped answering
      if (settled) await session.close();
      else void session.close().catch(() => {});
    }
  }

  /**
   * Runs one statement as an auto-commit transaction in a write session (no retry, no breaker): for the few
   * statements that must manage their own transactions, `CALL { … } IN TRANSACTIONS` (the benchmark's LOAD CSV
   * arm and its clean-up). Answers the rows and the time Neo4j reports.
   */
  async autoCommit(text: string, params: Record<string, unknown> = {}): Promise<{ rows: Row[] }> {
    const session = await this.session('write');
    try {
      const res = await session.run(text, toParams(params) as Record<string, unknown>);
      return { rows: toRows(res) };
    } catch (err) {
      throw classify(err);
    } finally {
      await session.close();
    }
  }

  /** The plan of a query (EXPLAIN: planned, not run), for the plan checks; `db hits` are not known. */
  async explain(textOrName: string, params: Record<string, unknown> = {}): Promise<PlanOperator> {
    const session = await this.session('read');
    try {
      const res = await session.run(`EXPLAIN ${this.text(textOrName)}`, toParams(params) as Record<string, unknown>);
      return toPlanOperator(res.summary.plan === false ? null : res.summary.plan);
    } catch (err) {
      throw classify(err);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in one managed transaction: every statement commits together or none does. The call is
   * watched by the breaker and has a client-side deadline (transaction timeout + CLIENT_BACKSTOP_MS).
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    // the bulkhead (admission.ts): a request's read waits its turn, and the wait counts toward its own timeout
    const timeoutMs = opts.timeoutMs ?? this.options.queryTimeoutMs;
    return this.admission.run(opts.mode ?? 'read', timeoutMs, this.breaker, (left, signal) =>
      this.admittedTransaction(work, { ...opts, timeoutMs: left }, signal),
    );
  }

  /** `signal`: a read's request (never a write's, admission.ts): its client went away, so it stops (cancel.ts) */
  private async admittedTransaction<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions, signal?: AbortSignal) {
    const mode = opts.mode ?? 'read';
    const timeout = opts.timeoutMs ?? this.options.queryTimeoutMs;
    let session: Session;
    try {
      session = await this.session(mode);
    } catch (err) {
      throw classify(err);
    }
    const config = { timeout };
    const fn = (mtx: ManagedTransaction) => work({ run: (t, p = {}) => Db.runIn(mtx, this.text(t), p) });
    let settled = false;
    try {
      const result = await this.breaker.run(
        stopOnAbort(session, signal, () =>
          mode === 'read' ? session.executeRead(fn, config) : session.executeWrite(fn, config),
        ),
        timeout + CLIENT_BACKSTOP_MS,
        () => void session.close().catch(() => {}),
      );
      settled = true;
      return result;
    } catch (err) {
      throw classify(err);
    } finally {
      // never wait on the session of a call that failed: its server may have stopped answering
      if (settled) await session.close();
      else void session.close().catch(() => {});
    }
  }

  /** True when the database answers within `timeoutMs`; never throws, never hangs longer. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    return this.breaker.probe(Math.min(timeoutMs, this.breaker.probeTimeoutMs));
  }

  /**
   * Pings until Neo4j answers or `ms` have passed (for the command-line tools): one ping gives up after the
   * probe's 1.5 s, and a first connection (handshake and login) took 1.5 s on a loaded two-core machine.
   */
  async answersWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      if (await this.ping(ms)) return true;
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async serverVersion(): Promise<string> {
    const info = await this.current.getServerInfo();
    return info.protocolVersion !== undefined ? String(info.agent ?? '') : '';
  }

  /** Fails every call still waiting on the database with 503 (at shutdown, after the grace period). */
  abortAll(reason: string): number {
    return this.breaker.failAll(new DbError('unavailable', reason, 'Parley.ShuttingDown'));
  }

  async close(): Promise<void> {
    this.breaker.close();
    this.admission.flushSummary();
    // Closing waits for connections in use to be released; one stuck on a query that was given up on (at
    // shutdown, or on a database that stopped answering) would hold it until that query ends. Wait 1.5 s at
    // most: the process is about to end, and the server ends the query when the connection goes.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([this.current.close(), this.consolePool.close(), this.prober.close()]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 1_500);
      }),
    ]);
    clearTimeout(timer);
  }
}
