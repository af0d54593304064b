/**
 * Runs a researcher's Cypher query, read-only by construction, in three layers. The first two are pure and live in
 * server/src/console/ (the statement check and the plan walk); this file plans the query and runs it:
 *
 *  1. Statement check (`inspectStatement`, console/statement.ts).
 *  2. Plan check (`inspectPlan`, console/plan.ts) of the plan that `explain` gets with `EXPLAIN` (nothing runs).
 *  3. Guarded run (`runGuarded`): a READ session (the server itself refuses writes in it), a per-transaction
 *     timeout enforced by Neo4j (plus a client-side backstop), the server's per-transaction memory cap, a row
 *     cap (streamed: at most cap + 1 records are pulled, then the transaction is rolled back), and cancellation
 *     through an AbortSignal (the transaction is rolled back and the session closed).
 */
import neo4j, { type ManagedTransaction, type Session, type Transaction } from 'neo4j-driver';
import { inspectPlan, inspectStatement, type PlanNode } from '../console';
import { CONSOLE_MESSAGE_BYTES, withMessageLimit } from './bolt-limits';
import { fromEntries, isPlainNode, toParams, toPlain, type Plain, type PlainNode } from './convert';
import { takeSlot } from './console-slots';
export { CONSOLE_MAX_RUNS } from './console-slots';
import type { Db } from './db';
import { cancelled as cancelledWith, classify, DbError } from './errors';

/**
 * The most a console answer may carry, counted as JSON characters; past it the rows are cut (`truncated`). 4 MB
 * (it was 8): an answer of small values at the cap grows Node by about 40 times its size while it is converted.
 */
export const MAX_RESULT_BYTES = 4_000_000;
/**
 * Work done between two turns of the event loop, counted as JSON characters of converted rows: rows already
 * received are converted one after another without a pause otherwise (a for-await over buffered records never
 * lets the event loop run), and 8 MB of small values held it 0.9 s here.
 */
export const YIELD_EVERY_BYTES = 256 * 1024;

/** Lets the event loop run (timers, other requests, health) before going on. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------------------------
// Running

/** EXPLAIN goes on its own line so that positions in Neo4j's messages map back with a line shift only. */
const EXPLAIN_PREFIX = 'EXPLAIN\n';
const POSITION_IN_MESSAGE = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/g;

/** Maps a syntax error from the EXPLAIN text back to the user's text. */
export function shiftSyntaxError(err: DbError): DbError {
  if (err.kind !== 'syntax') return err;
  const shift = (line: number, offset: number) => ({
    line: Math.max(1, line - 1),
    offset: Math.max(0, offset - EXPLAIN_PREFIX.length),
  });
  const message = err.message.replace(POSITION_IN_MESSAGE, (_m, l: string, c: string, o: string) => {
    const s = shift(Number(l), Number(o));
    return `(line ${s.line}, column ${c} (offset: ${s.offset}))`;
  });
  const position = err.position
    ? { ...shift(err.position.line, err.position.offset), column: err.position.column }
    : null;
  return new DbError(err.kind, message, err.code, position);
}

export interface ExplainResult {
  queryType: string;
  plan: PlanNode | null;
  database: string | null;
}

function toPlanNode(p: unknown): PlanNode | null {
  if (!p || typeof p !== 'object') return null;
  const o = p as { operatorType?: unknown; arguments?: unknown; children?: unknown };
  return {
    operatorType: String(o.operatorType ?? ''),
    arguments: (o.arguments && typeof o.arguments === 'object' ? o.arguments : {}) as Record<string, unknown>,
    children: Array.isArray(o.children) ? o.children.map(toPlanNode).filter((c): c is PlanNode => c !== null) : [],
  };
}

function readSession(db: Db, fetchSize?: number): Session {
  // watched by the breaker (neo4j/breaker.ts): a database that stops answering fails the request with 503
  // the console's own pool, whose connections decode rows of at most CONSOLE_MESSAGE_BYTES (bolt-limits.ts)
  return db.openSession({ defaultAccessMode: neo4j.session.READ, ...(fetchSize ? { fetchSize } : {}) }, 'console');
}

/** Plans the query with EXPLAIN in a read transaction; nothing is executed. */
export function explain(
  db: Db,
  query: string,
  params: Record<string, unknown>,
  timeoutMs: number,
): Promise<ExplainResult> {
  return withMessageLimit(CONSOLE_MESSAGE_BYTES, () => explainIn(db, query, params, timeoutMs));
}

async function explainIn(
  db: Db,
  query: string,
  params: Record<string, unknown>,
  timeoutMs: number,
): Promise<ExplainResult> {
  const session = readSession(db);
  // Parsing and planning get a client-side deadline too: Neo4j's transaction timeout does not cover its parser,
  // and a query it cannot parse may never be answered (issue 12). Past the deadline the request answers 504 and
  // the session is abandoned (closed without waiting).
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(planTimedOut(timeoutMs + BACKSTOP_MS));
    }, timeoutMs + BACKSTOP_MS);
  });
  try {
    const res = await Promise.race([
      session.executeRead((tx: ManagedTransaction) => tx.run(EXPLAIN_PREFIX + query, params), {
        timeout: timeoutMs,
      }),
      deadline,
    ]);
    return {
      queryType: String(res.summary.queryType ?? ''),
      plan: toPlanNode(res.summary.plan === false ? null : res.summary.plan),
      database: res.summary.database?.name ?? null,
    };
  } catch (err) {
    throw shiftSyntaxError(classify(err));
  } finally {
    clearTimeout(timer);
    if (late) void session.close().catch(() => {});
    else await session.close();
  }
}

/** Layers 1 and 2: throws a ConsoleRefusal (or a DbError for a syntax error); returns the text to run. */
export async function guard(
  db: Db,
  query: string,
  params: Record<string, unknown> = {},
  timeoutMs = db.options.queryTimeoutMs,
): Promise<{ text: string; queryType: string }> {
  const text = inspectStatement(query);
  const e = await explain(db, text, toParams(params) as Record<string, unknown>, timeoutMs);
  inspectPlan(e.queryType, e.plan, e.database);
  return { text, queryType: e.queryType };
}

export interface GuardedRunOptions {
  timeoutMs?: number;
  /** rows kept; one more is pulled to tell a cut (default 1000) */
  maxRows?: number;
  /** aborting rolls the transaction back and closes the session */
  signal?: AbortSignal;
}

export interface GuardedRun {
  columns: string[];
  rows: Record<string, Plain>[];
  /** each row's size as JSON characters (callers that convert the rows pause every YIELD_EVERY_BYTES) */
  rowBytes: number[];
  queryType: string;
  truncated: boolean;
  resultAvailableAfterMs: number;
}

export const DEFAULT_MAX_ROWS = 1_000;
/**
 * Records pulled from Neo4j at a time. The driver decodes every record of a batch as it arrives, consumed or not:
 * with batches of 1,001, an answer of small values was decoded whole before the answer cap could stop it (2
 * million integer objects, +250 MiB of Node's memory, long collections); batches of 100 keep what is decoded
 * ahead of the answer cap small.
 */
const FETCH_SIZE = 100;
/** extra time the client waits past the server's transaction timeout before giving up on its own */
const BACKSTOP_MS = 3_000;

const planTimedOut = (ms: number) =>
  new DbError(
    'timeout',
    `Neo4j did not finish parsing and planning the query within ${Math.round(ms / 1000)} s; simplify it (shorter expressions, fewer nested parts).`,
    'Parley.PlanTimeout',
  );
const cancelled = () => cancelledWith('The query was cancelled.');
const timedOut = () =>
  new DbError('timeout', 'The query ran longer than the transaction timeout and was stopped.', 'Parley.Timeout');

/**
 * Runs `work` in an explicit READ transaction with the timeout; the transaction is rolled back at the end
 * (nothing to commit in a read), or at once when the signal aborts or the backstop fires.
 */
function inReadTx<T>(
  db: Db,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fetchSize: number | undefined,
  work: (tx: Transaction) => Promise<T>,
  onEnd?: (end: Promise<void>) => void,
): Promise<T> {
  return withMessageLimit(CONSOLE_MESSAGE_BYTES, () => inReadTxIn(db, timeoutMs, signal, fetchSize, work, onEnd));
}

/**
 * `onEnd` receives the end of the session (rollback and close), which may come well after the answer: a query
 * that was given up on (timeout, cancellation, a row refused for its size) is not waited for, since Neo4j may take
 * long to notice (it builds a whole row before sending any of it: 40 s for `range(1, 40000000)` here).
 */
async function inReadTxIn<T>(
  db: Db,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fetchSize: number | undefined,
  work: (tx: Transaction) => Promise<T>,
  onEnd: (end: Promise<void>) => void = () => {},
): Promise<T> {
  if (signal?.aborted) throw cancelled();
  const session = readSession(db, fetchSize);
  let tx: Transaction | null = null;
  let stopReason: DbError | null = null;
  let timer: NodeJS.Timeout | undefined;
  let rejectStop: (e: DbError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    rejectStop = reject;
  });
  stopped.catch(() => {});
  const stop = (reason: DbError) => {
    if (stopReason) return;
    stopReason = reason;
    rejectStop(reason);
    // Rolling back (or closing the session) makes the server terminate the running query.
    void (tx?.isOpen() ? tx.rollback() : Promise.resolve()).catch(() => {}).finally(() => session.close());
  };
  const onAbort = () => stop(cancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  timer = setTimeout(() => stop(timedOut()), timeoutMs + BACKSTOP_MS);
  let ok = false;
  try {
    tx = session.beginTransaction({ timeout: timeoutMs });
    const value = await Promise.race([work(tx), stopped]);
    ok = true;
    return value;
  } catch (err) {
    if (stopReason) throw stopReason;
    throw classify(err);
  } finally {
    clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
    const open = tx as Transaction | null;
    const end = (open?.isOpen() ? open.rollback() : Promise.resolve())
      .catch(() => {})
      .then(() => session.close())
      .catch(() => {});
    onEnd(end);
    if (ok) await end;
  }
}

/**
 * A slot is held until Neo4j has let go of the query (its session closed), not just until the answer: a query
 * given up on may keep Neo4j busy for a while, and the console should not pile more onto it. Held at most this
 * long after the answer.
 */
const MAX_HOLD_MS = 30_000;

/** Layers 1–3: the guard, then the run in a READ transaction with timeout, row cap and cancellation. */
export async function runGuarded(
  db: Db,
  query: string,
  params: Record<string, unknown> = {},
  opts: GuardedRunOptions = {},
): Promise<GuardedRun> {
  // Layer 1 first: a query refused without Neo4j never waits for a turn.
  inspectStatement(query);
  const release = await takeSlot(db, opts.signal);
  let handedOver = false;
  const holdUntil = (end: Promise<void>) => {
    handedOver = true;
    const timer = setTimeout(release, MAX_HOLD_MS);
    timer.unref();
    void end.finally(() => {
      clearTimeout(timer);
      release();
    });
  };
  try {
    return await runGuardedIn(db, query, params, opts, holdUntil);
  } finally {
    if (!handedOver) release();
  }
}

async function runGuardedIn(
  db: Db,
  query: string,
  params: Record<string, unknown>,
  opts: GuardedRunOptions,
  onEnd: (end: Promise<void>) => void,
): Promise<GuardedRun> {
  const timeoutMs = opts.timeoutMs ?? db.options.queryTimeoutMs;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const driverParams = toParams(params) as Record<string, unknown>;
  const { text, queryType } = await guard(db, query, params, timeoutMs);
  if (opts.signal?.aborted) throw cancelled();
  const started = Date.now();
  return inReadTx(
    db,
    timeoutMs,
    opts.signal,
    Math.min(maxRows + 1, FETCH_SIZE),
    async (tx) => {
      const result = tx.run(text, driverParams);
      const columns = (await result.keys()).map(String);
      let availableAfter = Date.now() - started;
      const rows: Record<string, Plain>[] = [];
      const rowBytes: number[] = [];
      let truncated = false;
      let bytes = 0;
      let sinceYield = 0;
      for await (const rec of result) {
        if (rows.length === 0) availableAfter = Date.now() - started;
        if (rows.length >= maxRows) {
          truncated = true;
          break;
        }
        // fromEntries keeps a column named `__proto__` as data.
        const row = fromEntries<Plain>(columns.map((key) => [key, toPlain(rec.get(key))]));
        // The row cap alone does not bound the answer's size (one row can hold a huge string or `collect(n)`).
        const size = JSON.stringify(row).length;
        bytes += size;
        if (bytes > MAX_RESULT_BYTES) {
          if (rows.length === 0) {
            throw new DbError(
              'memory',
              `The first row of the result is larger than ${MAX_RESULT_BYTES / 1e6} MB; return fewer or smaller values (project properties, use LIMIT or slice lists).`,
              'Parley.ResultTooLarge',
            );
          }
          truncated = true;
          break;
        }
        rows.push(row);
        rowBytes.push(size);
        sinceYield += size;
        if (sinceYield >= YIELD_EVERY_BYTES) {
          sinceYield = 0;
          await yieldToLoop();
        }
      }
      if (!truncated) {
        const summary = await result.summary();
        const after = summary.resultAvailableAfter;
        if (after !== undefined && after !== null) availableAfter = Number(toPlain(after));
      }
      return { columns, rows, rowBytes, queryType, truncated, resultAvailableAfterMs: availableAfter };
    },
    onEnd,
  );
}

/** The nodes with these element ids, in a READ transaction with the timeout (a fixed read, never user text). */
export async function nodesByElementId(db: Db, ids: string[], opts: GuardedRunOptions = {}): Promise<PlainNode[]> {
  if (ids.length === 0) return [];
  const timeoutMs = opts.timeoutMs ?? db.options.queryTimeoutMs;
  return inReadTx(db, timeoutMs, opts.signal, undefined, async (tx) => {
    const res = await tx.run('MATCH (n) WHERE elementId(n) IN $ids RETURN n', { ids });
    return res.records.map((r) => toPlain(r.get('n'))).filter(isPlainNode);
  });
}
