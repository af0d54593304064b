/**
 * How many console queries run at once (neo4j/console.ts takes a slot per query). Pure bookkeeping, no driver.
 */
import type { Db } from './db';
import { cancelled as cancelledWith, DbError } from './errors';

const cancelled = () => cancelledWith('The query was cancelled.');

/**
 * Console queries running at once, per database. An answer at the MAX_RESULT_BYTES cap made of small values grew
 * Node by up to 250 MiB while it was converted (measured; most of it garbage collected afterwards), so this bounds
 * what the console can add to Node's memory, and what it asks of Neo4j at once (each `range(1, 10000000)` costs
 * Neo4j's heap about 250 MB before a byte is sent). A query waits up to SLOT_WAIT_MS for a turn, then answers 503
 * console_busy. The cost: two runaway queries hold the console (never the rest of Parley) until their timeout.
 */
export const CONSOLE_MAX_RUNS = 2;
const SLOT_WAIT_MS = 10_000;
const slots = new WeakMap<Db, { running: number; waiting: (() => void)[] }>();

export async function takeSlot(db: Db, signal: AbortSignal | undefined): Promise<() => void> {
  let s = slots.get(db);
  if (!s) slots.set(db, (s = { running: 0, waiting: [] }));
  const state = s;
  if (state.running >= CONSOLE_MAX_RUNS) {
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const leave = (err: DbError) => {
        const i = state.waiting.indexOf(turn);
        if (i >= 0) state.waiting.splice(i, 1);
        signal?.removeEventListener('abort', onAbort);
        reject(err);
      };
      const onAbort = () => {
        clearTimeout(timer);
        leave(cancelled());
      };
      const timer = setTimeout(
        () =>
          leave(
            new DbError(
              'busy',
              `${CONSOLE_MAX_RUNS} console queries are already running; try again in a moment.`,
              'Parley.ConsoleBusy',
            ),
          ),
        SLOT_WAIT_MS,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      state.waiting.push(turn);
    });
  } else state.running++;
  // a finished query hands its slot straight to the next one waiting (running stays the same), else frees it
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = state.waiting.shift();
    if (next) next();
    else state.running--;
  };
}
