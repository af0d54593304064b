/**
 * A session that cannot hang on a database that stopped answering: watched by the breaker from its opening to its
 * closing, every promise it hands out (a managed read, an explicit transaction's results, their keys, summary and
 * records, a rollback, the close) is rejected as `unavailable` (503) as soon as the breaker opens, instead of
 * waiting on the server. For code that runs its own transactions, such as the console (db.ts `openSession`).
 */
import type { Result, Session } from 'neo4j-driver';
import type { Breaker } from './breaker';
import type { DbError } from './errors';

export function watchSession(session: Session, breaker: Breaker): Session {
  // When the breaker opens, everything the session is waiting on is rejected as unavailable (and closing it
  // no longer waits on a server that does not answer), so its caller answers 503 instead of hanging.
  let rejectTrip: (err: DbError) => void = () => {};
  const tripped = new Promise<never>((_, reject) => {
    rejectTrip = reject;
  });
  tripped.catch(() => {});
  const unwatch = breaker.watch((err) => rejectTrip(err));
  // an answer on the session tells the breaker the database is answering (busy, not down)
  const answered = <T>(v: T): T => {
    breaker.answered();
    return v;
  };
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p.then(answered), tripped]);
  const quiet = (p: Promise<void>): Promise<void> => Promise.race([p, tripped.catch(() => {})]);
  const guardResult = (r: Result): Result => {
    const keys = r.keys.bind(r);
    const summary = r.summary.bind(r);
    const iterate = r[Symbol.asyncIterator].bind(r);
    r.keys = () => race(keys());
    r.summary = () => race(summary());
    r[Symbol.asyncIterator] = () => {
      const it = iterate();
      const ret = it.return?.bind(it);
      return {
        ...it,
        next: () => race(it.next()),
        ...(ret ? { return: (v: never) => race(ret(v)) } : {}),
      } as ReturnType<typeof iterate>;
    };
    return r;
  };
  const executeRead = session.executeRead.bind(session);
  session.executeRead = ((work: never, config?: never) =>
    race(executeRead(work, config))) as typeof session.executeRead;
  const begin = session.beginTransaction.bind(session);
  session.beginTransaction = ((config?: never) => {
    const tx = begin(config);
    const run = tx.run.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.run = ((q: never, p?: never) => guardResult(run(q, p))) as typeof tx.run;
    tx.rollback = () => quiet(rollback());
    return tx;
  }) as typeof session.beginTransaction;
  const close = session.close.bind(session);
  session.close = () => {
    unwatch();
    return quiet(close());
  };
  return session;
}
