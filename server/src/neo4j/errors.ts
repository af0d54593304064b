/**
 * Database failures, classified so the HTTP layer can answer with the right status without knowing the
 * driver: unavailable → 503, busy / overloaded → 503 (Retry-After), timeout → 504, syntax / semantic error → 400, constraint → 409.
 */
import { Neo4jError } from 'neo4j-driver';
import { RESULT_TOO_LARGE } from './bolt-limits';

export type DbErrorKind =
  | 'unavailable'
  /** the console's own limit (console-slots.ts) */
  | 'busy'
  /** the bulkhead's queue (admission.ts): the call could not start in time */
  | 'overloaded'
  | 'timeout'
  | 'syntax'
  | 'constraint'
  | 'client'
  /** the caller no longer wants the answer (`cancelled`) */
  | 'cancelled'
  | 'memory'
  | 'other';

export class DbError extends Error {
  override name = 'DbError';
  constructor(
    readonly kind: DbErrorKind,
    message: string,
    readonly code: string,
    /** 1-based line/column and 0-based offset of a syntax error, when Neo4j gives one */
    readonly position: { line: number; column: number; offset: number } | null = null,
  ) {
    super(message);
  }
}

/** A call stopped because its caller no longer wants it (a client gone, a console query cancelled). */
export const cancelled = (message: string) => new DbError('cancelled', message, 'Parley.Cancelled');

const POSITION = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

export function classify(err: unknown): DbError {
  if (err instanceof DbError) return err;
  if (err instanceof Neo4jError) {
    const code = err.code ?? '';
    const msg = err.message ?? String(err);
    // A full pool, a connection that could not be opened or was closed under a call, a closed driver: the
    // database is unavailable from here (503), whatever code the driver gave it (often none).
    if (
      code === 'ServiceUnavailable' ||
      code === 'SessionExpired' ||
      /ECONNREFUSED|connect/i.test(code) ||
      /Connection acquisition timed out|Failed to establish connection|Connection was closed|Pool (is )?closed|driver (has been |is )?closed/i.test(
        msg,
      )
    ) {
      return new DbError('unavailable', 'The Neo4j database cannot be reached.', code);
    }
    if (/TransactionTimedOut|TransactionTimedOutClientConfiguration|Terminated/.test(code)) {
      return new DbError('timeout', 'The query ran longer than the transaction timeout and was stopped.', code);
    }
    // an answer refused while it streamed (bolt-limits.ts): its message says what to change
    if (code === RESULT_TOO_LARGE) return new DbError('memory', msg, code);
    if (/MemoryPoolOutOfMemoryError|TransactionOutOfMemory|OutOfMemory/.test(code)) {
      return new DbError('memory', 'The query needed more memory than one transaction may use.', code);
    }
    if (
      /Statement\.(SyntaxError|SemanticError|ArgumentError|TypeError|ParameterMissing|ParameterNotProvided)/.test(code)
    ) {
      const m = POSITION.exec(msg);
      const position = m ? { line: Number(m[1]), column: Number(m[2]), offset: Number(m[3]) } : null;
      return new DbError('syntax', msg, code, position);
    }
    if (/ConstraintValidationFailed|ConstraintViolation/.test(code)) return new DbError('constraint', msg, code);
    if (code.startsWith('Neo.ClientError')) return new DbError('client', msg, code);
    return new DbError('other', msg, code);
  }
  return new DbError('other', err instanceof Error ? err.message : String(err), 'Unknown');
}
