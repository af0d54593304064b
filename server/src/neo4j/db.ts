/**
 * The only door to Neo4j. Repositories call `db.query(name, params)` with a query from cypher/queries (or, for
 * schema and loading, a text) and get plain JSON rows back; driver types never leave this folder.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
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

  private session(mode: 'read' | 'write') {
    return this.driver.session({
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.options.database ? { database: this.options.database } : {}),
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
    return this.transaction((tx) => tx.run(text, params), opts);
  }

  /** Runs `work` in one managed transaction: every statement commits together or none does. */
  async transaction<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    const mode = opts.mode ?? 'read';
    const session = this.session(mode);
    const config = { timeout: opts.timeoutMs ?? this.options.queryTimeoutMs };
    try {
      const fn = (mtx: ManagedTransaction) => work({ run: (t, p = {}) => Db.runIn(mtx, this.text(t), p) });
      return mode === 'read' ? await session.executeRead(fn, config) : await session.executeWrite(fn, config);
    } catch (err) {
      throw classify(err);
    } finally {
      await session.close();
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
