/**
 * The researcher's Cypher console: runs a query typed by a person, read-only by construction, in three layers.
 *
 *  1. Statement check (`inspectStatement`, pure): one statement only; no `USE`, no `PROFILE`/`EXPLAIN` prefix, no
 *     administration or `SHOW`/`TERMINATE` command. A small lexer skips comments, strings and `escaped` names,
 *     so a keyword hidden in a comment or a string neither triggers nor evades the check.
 *  2. Plan check (`inspectPlan`, pure): the query is planned with `EXPLAIN` (nothing runs); only `queryType`
 *     "r" passes, and the plan is walked: `LOAD CSV`, procedures outside a small allow-list, `CALL {…} IN
 *     TRANSACTIONS`, `SHOW`/`TERMINATE` operators, any write operator, and any operator planned on another
 *     database are refused.
 *  3. Guarded run (`runGuarded`): a READ session (the server itself refuses writes in it), a per-transaction
 *     timeout enforced by Neo4j (plus a client-side backstop), the server's per-transaction memory cap, a row
 *     cap (streamed: at most cap + 1 records are pulled, then the transaction is rolled back), and cancellation
 *     through an AbortSignal (the transaction is rolled back and the session closed).
 */
import neo4j, { type ManagedTransaction, type Session, type Transaction } from 'neo4j-driver';
import { fromEntries, isPlainNode, toParams, toPlain, type Plain, type PlainNode } from './convert';

/** The most a console answer may carry, counted as JSON characters; past it the rows are cut (`truncated`). */
export const MAX_RESULT_BYTES = 8_000_000;
import type { Db } from './db';
import { classify, DbError } from './errors';

// ---------------------------------------------------------------------------------------------------------------
// Refusals

export type RefusalCode =
  | 'empty_query'
  | 'multiple_statements'
  | 'write_not_allowed'
  | 'load_csv_disabled'
  | 'procedure_not_allowed'
  | 'use_not_allowed'
  | 'admin_not_allowed'
  | 'in_transactions_not_allowed'
  | 'profile_not_allowed'
  | 'function_not_allowed';

/** A query the console will not run, with a stable code, the HTTP status and a sentence saying why. */
export class ConsoleRefusal extends Error {
  override name = 'ConsoleRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly status = code === 'empty_query' || code === 'multiple_statements' ? 400 : 403,
  ) {
    super(message);
  }
}

const refuse = {
  empty: () =>
    new ConsoleRefusal('empty_query', 'The query is empty: type a Cypher query such as MATCH (n) RETURN n LIMIT 25.'),
  multiple: () =>
    new ConsoleRefusal(
      'multiple_statements',
      'The console runs one statement at a time: remove everything after the first `;`.',
    ),
  write: (why: string) =>
    new ConsoleRefusal('write_not_allowed', `Write queries are not allowed in the console (${why}); it only reads.`),
  loadCsv: () =>
    new ConsoleRefusal('load_csv_disabled', 'LOAD CSV is disabled in the console: it cannot read files or URLs.'),
  procedure: (name: string) =>
    new ConsoleRefusal(
      'procedure_not_allowed',
      `The procedure ${name} is not allowed in the console; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
    ),
  use: () =>
    new ConsoleRefusal(
      'use_not_allowed',
      'USE is not allowed in the console: queries run against Parley’s database only.',
    ),
  admin: (what: string) =>
    new ConsoleRefusal(
      'admin_not_allowed',
      `Administration commands are not allowed in the console (${what}); use Neo4j’s own tools for that.`,
    ),
  inTransactions: () =>
    new ConsoleRefusal(
      'in_transactions_not_allowed',
      'CALL { … } IN TRANSACTIONS is not allowed in the console: it commits batches outside the guarded transaction.',
    ),
  fn: (name: string) =>
    new ConsoleRefusal(
      'function_not_allowed',
      `The function ${name}() is not allowed in the console: only Cypher's built-in functions run here (a plugin's function, such as APOC's, could run Cypher or reach the network unseen by the guard).`,
    ),
  profile: (word: string) =>
    new ConsoleRefusal(
      'profile_not_allowed',
      `${word} is not allowed in the console: remove it (the console plans every query itself before running it).`,
    ),
};

/** Cypher's built-in namespaced functions (Neo4j 5); any other namespaced function belongs to a plugin. */
const BUILT_IN_FUNCTION =
  /^(date|datetime|localdatetime|localtime|time|duration|point)\.[A-Za-z]+$|^vector\.similarity\.(cosine|euclidean)$|^db\.nameFromElementId$|^graph\.(names|byName|byElementId|propertiesByName)$/i;

/** Schema introspection and full-text search: read-only procedures the console may call. */
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

// ---------------------------------------------------------------------------------------------------------------
// Layer 1: the statement

export type TokenKind = 'word' | 'escaped' | 'string' | 'number' | 'param' | 'punct';
export interface Token {
  kind: TokenKind;
  /** the token's text; for `word` tokens also see `upper` */
  text: string;
  upper: string;
  offset: number;
}

/**
 * Splits Cypher into tokens, dropping whitespace and comments. Unterminated strings, comments or escaped names
 * run to the end (Neo4j reports the syntax error when the query is planned).
 */
export function lexCypher(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  const push = (kind: TokenKind, start: number, end: number) => {
    const text = src.slice(start, end);
    out.push({ kind, text, upper: kind === 'word' ? text.toUpperCase() : text, offset: start });
  };
  while (i < n) {
    const c = src[i] ?? '';
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const start = i++;
      while (i < n && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, n);
      push('string', start, i);
    } else if (c === '`') {
      const start = i++;
      for (;;) {
        if (i >= n) break;
        if (src[i] === '`') {
          if (src[i + 1] === '`') i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      push('escaped', start, i);
    } else if (/[\p{L}_]/u.test(c)) {
      const start = i;
      while (i < n && /[\p{L}\p{N}_]/u.test(src[i] ?? '')) i++;
      push('word', start, i);
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < n && /[0-9a-zA-Z_.]/.test(src[i] ?? '')) {
        if (src[i] === '.' && src[i + 1] === '.') break; // range operator in [1..3]
        i++;
      }
      push('number', start, i);
    } else if (c === '$') {
      const start = i++;
      if (src[i] === '`') {
        i++;
        while (i < n && src[i] !== '`') i++;
        i = Math.min(i + 1, n);
      } else while (i < n && /[\p{L}\p{N}_]/u.test(src[i] ?? '')) i++;
      push('param', start, i);
    } else {
      push('punct', i, i + 1);
      i++;
    }
  }
  return out;
}

const ADMIN_START = new Set([
  'SHOW',
  'TERMINATE',
  'GRANT',
  'DENY',
  'REVOKE',
  'ALTER',
  'RENAME',
  'START',
  'STOP',
  'ENABLE',
  'DEALLOCATE',
  'REALLOCATE',
  'DRYRUN',
]);

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'escaped');

/** Index of the first token after any `CYPHER [version] [option=value …]` prefixes. */
function skipCypherPrefix(tokens: Token[]): number {
  let i = 0;
  while (tokens[i]?.upper === 'CYPHER') {
    i++;
    for (;;) {
      const t = tokens[i];
      if (t?.kind === 'number') i++;
      else if (isName(t) && tokens[i + 1]?.text === '=') i += 3;
      else break;
    }
  }
  return i;
}

/**
 * Layer 1. Refuses what a plan cannot show: more than one statement, `USE` (the plan does not say which graph it
 * was planned for), `PROFILE`/`EXPLAIN` prefixes, and administration commands (refused here with a clear reason
 * rather than with Neo4j's "unsupported administration command"). Returns the text to plan and run: the query
 * without a trailing `;`.
 */
export function inspectStatement(query: string): string {
  const tokens = lexCypher(query);
  const semis = tokens.map((t, i) => (t.text === ';' && t.kind === 'punct' ? i : -1)).filter((i) => i >= 0);
  let text = query;
  if (semis.length > 0) {
    const first = semis[0] ?? 0;
    if (first < tokens.length - 1) throw refuse.multiple();
    text = query.slice(0, tokens[first]?.offset ?? query.length);
    tokens.pop();
  }
  if (tokens.length === 0) throw refuse.empty();

  const start = skipCypherPrefix(tokens);
  const head = tokens[start];
  if (head?.upper === 'PROFILE' || head?.upper === 'EXPLAIN') throw refuse.profile(head.upper);
  if (head && head.kind === 'word' && ADMIN_START.has(head.upper)) throw refuse.admin(`${head.upper} …`);
  if (head?.upper === 'CREATE' || head?.upper === 'DROP') {
    const next = tokens[start + 1]?.upper;
    if (next && ['DATABASE', 'ALIAS', 'USER', 'ROLE', 'SERVER', 'COMPOSITE', 'OR'].includes(next)) {
      throw refuse.admin(`${head.upper} ${next} …`);
    }
  }

  // Namespaced function calls: only Cypher's own (date.*, duration.*, point.*, …). A plugin's function (e.g.
  // apoc.cypher.runFirstColumn on a remote Neo4j with APOC) would run work that the plan walk cannot see.
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (!isName(t) || tokens[i + 1]?.text !== '.' || tokens[i - 1]?.text === '.') continue;
    const parts = [t!.text.replace(/^`|`$/g, '')];
    let j = i + 1;
    while (tokens[j]?.text === '.' && isName(tokens[j + 1])) {
      parts.push(tokens[j + 1]!.text.replace(/^`|`$/g, ''));
      j += 2;
    }
    if (tokens[j]?.text !== '(' || tokens[i - 1]?.upper === 'CALL') continue; // property access, or a procedure
    const name = parts.join('.');
    if (!BUILT_IN_FUNCTION.test(name)) throw refuse.fn(name);
  }

  // USE is a clause at the start of a query, of a subquery `{ … }` and of each part of a UNION.
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t?.upper !== 'USE' || t.kind !== 'word') continue;
    const prev = tokens[i - 1];
    const atClauseStart =
      i === start ||
      prev?.text === '{' ||
      prev?.upper === 'UNION' ||
      (prev?.upper === 'ALL' || prev?.upper === 'DISTINCT' ? tokens[i - 2]?.upper === 'UNION' : false);
    if (atClauseStart && isName(tokens[i + 1])) throw refuse.use();
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Layer 2: the plan

export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

/** Operators that change the graph or the schema (queryType already says so; this is the second lock). */
const WRITE_OPERATOR = /^(Create|Merge|LockingMerge|Delete|DetachDelete|Set[A-Z]|Remove[A-Z]|Foreach|Drop|Load)/;
const ADMIN_OPERATOR = /^(Show|Terminate|Alter|Grant|Deny|Revoke|Rename|Start|Stop|Enable|Dealloc|Realloc|System)/;
const IN_TRANSACTIONS_OPERATOR = /^Transaction(Apply|Foreach)$/;

function details(p: PlanNode): string {
  const d = p.arguments.Details ?? p.arguments.details;
  return typeof d === 'string' ? d : '';
}

/** `db.labels() :: (label :: STRING)` → `db.labels` */
export function procedureName(detailsText: string): string | null {
  const m = /^\s*([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*\(/u.exec(detailsText);
  return m ? (m[1] ?? null) : null;
}

/**
 * Layer 2. `queryType` and the plan from `EXPLAIN`; `database` is the one the session runs against (every
 * operator is suffixed `@<database>`).
 */
export function inspectPlan(queryType: string, plan: PlanNode | null, database: string | null): void {
  const seen: PlanNode[] = [];
  const walk = (p: PlanNode) => {
    seen.push(p);
    p.children.forEach(walk);
  };
  if (plan) walk(plan);
  // Specific reasons first: they say more than "this writes".
  for (const p of seen) {
    const [op = '', db] = p.operatorType.split('@');
    if (db !== undefined && database && db !== database) throw refuse.use();
    if (op === 'LoadCSV') throw refuse.loadCsv();
    if (IN_TRANSACTIONS_OPERATOR.test(op)) throw refuse.inTransactions();
    if (ADMIN_OPERATOR.test(op)) throw refuse.admin(op);
    if (op === 'ProcedureCall') {
      const name = procedureName(details(p));
      if (!name || !ALLOWED_PROCEDURES.has(name)) throw refuse.procedure(name ?? 'called here');
    }
  }
  if (queryType !== 'r') {
    const what =
      { w: 'it writes', rw: 'it reads and writes', s: 'it changes the schema' }[queryType] ?? 'it is not a read';
    throw refuse.write(what);
  }
  if (!plan) throw refuse.write('Neo4j returned no plan to check');
  for (const p of seen) {
    const op = p.operatorType.split('@')[0] ?? '';
    if (WRITE_OPERATOR.test(op)) throw refuse.write(`it plans ${op}`);
  }
}

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
  return db.openSession({ defaultAccessMode: neo4j.session.READ, ...(fetchSize ? { fetchSize } : {}) });
}

/** Plans the query with EXPLAIN in a read transaction; nothing is executed. */
export async function explain(
  db: Db,
  query: string,
  params: Record<string, unknown>,
  timeoutMs: number,
): Promise<ExplainResult> {
  const session = readSession(db);
  try {
    const res = await session.executeRead((tx: ManagedTransaction) => tx.run(EXPLAIN_PREFIX + query, params), {
      timeout: timeoutMs,
    });
    return {
      queryType: String(res.summary.queryType ?? ''),
      plan: toPlanNode(res.summary.plan === false ? null : res.summary.plan),
      database: res.summary.database?.name ?? null,
    };
  } catch (err) {
    throw shiftSyntaxError(classify(err));
  } finally {
    await session.close();
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
  queryType: string;
  truncated: boolean;
  resultAvailableAfterMs: number;
}

export const DEFAULT_MAX_ROWS = 1_000;
/** extra time the client waits past the server's transaction timeout before giving up on its own */
const BACKSTOP_MS = 3_000;

const cancelled = () => new DbError('client', 'The query was cancelled.', 'Parley.Cancelled');
const timedOut = () =>
  new DbError('timeout', 'The query ran longer than the transaction timeout and was stopped.', 'Parley.Timeout');

/**
 * Runs `work` in an explicit READ transaction with the timeout; the transaction is rolled back at the end
 * (nothing to commit in a read), or at once when the signal aborts or the backstop fires.
 */
async function inReadTx<T>(
  db: Db,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fetchSize: number | undefined,
  work: (tx: Transaction) => Promise<T>,
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
  try {
    tx = session.beginTransaction({ timeout: timeoutMs });
    return await Promise.race([work(tx), stopped]);
  } catch (err) {
    if (stopReason) throw stopReason;
    throw classify(err);
  } finally {
    clearTimeout(timer);
    timer = undefined;
    signal?.removeEventListener('abort', onAbort);
    if (tx?.isOpen()) await tx.rollback().catch(() => {});
    await session.close().catch(() => {});
  }
}

/** Layers 1–3: the guard, then the run in a READ transaction with timeout, row cap and cancellation. */
export async function runGuarded(
  db: Db,
  query: string,
  params: Record<string, unknown> = {},
  opts: GuardedRunOptions = {},
): Promise<GuardedRun> {
  const timeoutMs = opts.timeoutMs ?? db.options.queryTimeoutMs;
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const driverParams = toParams(params) as Record<string, unknown>;
  const { text, queryType } = await guard(db, query, params, timeoutMs);
  if (opts.signal?.aborted) throw cancelled();
  const started = Date.now();
  return inReadTx(db, timeoutMs, opts.signal, maxRows + 1, async (tx) => {
    const result = tx.run(text, driverParams);
    const columns = (await result.keys()).map(String);
    let availableAfter = Date.now() - started;
    const rows: Record<string, Plain>[] = [];
    let truncated = false;
    let bytes = 0;
    for await (const rec of result) {
      if (rows.length === 0) availableAfter = Date.now() - started;
      if (rows.length >= maxRows) {
        truncated = true;
        break;
      }
      // fromEntries keeps a column named `__proto__` as data.
      const row = fromEntries<Plain>(columns.map((key) => [key, toPlain(rec.get(key))]));
      // The row cap alone does not bound the answer's size (one row can hold a huge string or `collect(n)`).
      bytes += JSON.stringify(row).length;
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
    }
    if (!truncated) {
      const summary = await result.summary();
      const after = summary.resultAvailableAfter;
      if (after !== undefined && after !== null) availableAfter = Number(toPlain(after));
    }
    return { columns, rows, queryType, truncated, resultAvailableAfterMs: availableAfter };
  });
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
