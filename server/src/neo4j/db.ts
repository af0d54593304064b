/**
 * The only door to Neo4j. Repositories call `db.query(name, params)` with a query from cypher/queries (or, for
 * schema and loading, a text) and get plain JSON rows back; driver types never leave this folder.
 *
 * What a request pays for, and why (measured in bench/ — README "Performance"):
 * - every session names its database. Without a name the driver asks the server for the user's home database
 *   before each session (one more round trip: 10.8 → 5.4 ms per trivial query here). When NEO4J_DATABASE is
 *   unset, the home database's name is asked once (`CALL db.info()`) and then written into `options.database`,
 *   so every later session, the console's included, names it.
 * - a single read statement runs as an auto-commit transaction (RUN + PULL, no BEGIN/COMMIT: 5.4 → 3.2 ms), and
 *   is retried once when the driver says the failure is transient (what `executeRead` would have done).
 *   Writes and multi-statement work keep managed transactions with the driver's retries.
 */
import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { classify } from './errors';
import { toParams, toPlain, type Plain } from './convert';
import { QueryLibrary } from './queries';

export type Row = Record<string, Plain>;

export interface DbOptions {
  uri: string;
  user: string;
  password: string;
  /** empty = the server's default database */
  database: string;
  /** per-transaction timeout for Parley's own queries */
  queryTimeoutMs: number;
  /** how long the driver retries a transaction that failed on a lost connection (driver default: 30 s) */
  maxRetryTimeMs?: number;
}

/** One operator of a query plan (EXPLAIN), as the plan checks of the tests and benchmarks read it. */
export interface PlanOperator {
  /** e.g. `NodeUniqueIndexSeek`, `AllNodesScan` (the `@neo4j` suffix removed) */
  operator: string;
  details: string;
  children: PlanOperator[];
}

function toPlanOperator(p: unknown): PlanOperator {
  const o = (p ?? {}) as { operatorType?: unknown; arguments?: { Details?: unknown }; children?: unknown };
  return {
    operator: String(o.operatorType ?? '').split('@')[0] ?? '',
    details: typeof o.arguments?.Details === 'string' ? o.arguments.Details : '',
    children: Array.isArray(o.children) ? o.children.map(toPlanOperator) : [],
  };
}

export interface RunOptions {
  mode?: 'read' | 'write';
  timeoutMs?: number;
}

/** Runs statements inside one transaction (all or nothing). */
export interface Tx {
  run(textOrName: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export class Db {
  readonly queries: QueryLibrary;
  readonly driver: Driver;

  constructor(
    readonly options: DbOptions,
    queries: QueryLibrary = new QueryLibrary(),
  ) {
    this.queries = queries;
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      maxConnectionPoolSize: 50,
      disableLosslessIntegers: false,
      userAgent: 'parley/0.1',
      ...(options.maxRetryTimeMs !== undefined ? { maxTransactionRetryTime: options.maxRetryTimeMs } : {}),
    });
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
        const res = await session.run('CALL db.info() YIELD name RETURN name', {}, { timeout: 5_000 });
        const name = String(res.records[0]?.get('name') ?? '');
        if (name) this.options.database = name;
        return name;
      } finally {
        await session.close();
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
    const res = await tx.run(text, toParams(params) as Record<string, unknown>);
    return res.records.map((rec) => {
      const row: Row = {};
      for (const key of rec.keys) row[String(key)] = toPlain(rec.get(key));
      return row;
    });
  }

  /** Runs one query in its own transaction (read by default) and returns its rows as plain JSON. */
  async query(textOrName: string, params: Record<string, unknown> = {}, opts: RunOptions = {}): Promise<Row[]> {
    const text = this.text(textOrName);
    if ((opts.mode ?? 'read') === 'write') return this.transaction((tx) => tx.run(text, params), opts);
    const config = { timeout: opts.timeoutMs ?? this.options.queryTimeoutMs };
    for (let attempt = 0; ; attempt++) {
      let session;
      try {
        session = await this.session('read');
        const res = await session.run(text, toParams(params) as Record<string, unknown>, config);
        return res.records.map((rec) => {
          const row: Row = {};
          for (const key of rec.keys) row[String(key)] = toPlain(rec.get(key));
          return row;
        });
      } catch (err) {
        if (attempt === 0 && err instanceof Neo4jError && err.retryable) continue;
        throw classify(err);
      } finally {
        await session?.close();
      }
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

  /** Runs `work` in one managed transaction: every statement commits together or none does. */
  async transaction<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    const mode = opts.mode ?? 'read';
    const config = { timeout: opts.timeoutMs ?? this.options.queryTimeoutMs };
    let session;
    try {
      session = await this.session(mode);
      const fn = (mtx: ManagedTransaction) => work({ run: (t, p = {}) => Db.runIn(mtx, this.text(t), p) });
      return mode === 'read' ? await session.executeRead(fn, config) : await session.executeWrite(fn, config);
    } catch (err) {
      throw classify(err);
    } finally {
      await session?.close();
    }
  }

  /** True when the database answers within `timeoutMs`; never throws, never hangs longer. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = (async () => {
      try {
        await this.query('RETURN 1 AS ok', {}, { timeoutMs });
        return true;
      } catch {
        return false;
      }
    })();
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async serverVersion(): Promise<string> {
    const info = await this.driver.getServerInfo();
    return info.protocolVersion !== undefined ? String(info.agent ?? '') : '';
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
