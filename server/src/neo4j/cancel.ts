/**
 * A read whose client went away stops its work on Neo4j (README "Reliability").
 *
 * The request's signal (app.ts preHandler, admission.ts `inRequest`) aborts when its socket closes before the
 * answer. A read still queued leaves the bulkhead's queue (admission.ts); a read already running on Neo4j has its
 * session closed here. The driver's `session.close()` cancels the session's open results and, since a request is
 * still outstanding on the connection, sends Bolt `RESET` before giving the connection back to the pool; Neo4j
 * handles a RESET as an interrupt, out of band, and terminates the running transaction (it leaves `SHOW
 * TRANSACTIONS`; `test/reliability/disconnect.test.ts` checks it on Neo4j 5.26). The call itself rejects at once,
 * so the request's turn in the bulkhead is given back without waiting for Neo4j.
 *
 * Only reads: a write (a save, a merge, an undo, an import) runs to its end whatever the client does, so it is
 * all or nothing; admission.ts never hands a write the signal.
 */
import type { Session } from 'neo4j-driver';
import { cancelled } from './errors';

const clientGone = () => cancelled('The client went away; its query was stopped on the database.');

/**
 * `start`, made to stop when `signal` aborts first: the session is closed (Neo4j ends the transaction) and the
 * call rejects with `clientGone` at once. Without a signal, `start` itself.
 */
export function stopOnAbort<T>(session: Session, signal: AbortSignal | undefined, start: () => Promise<T>) {
  if (!signal) return start;
  return () =>
    new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        void session.close().catch(() => {});
        reject(clientGone());
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      start().then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
}
