// The bulkhead of neo4j/admission.ts on fake tasks (no database): FIFO turns, the limit, the wait counted toward
// the call's own timeout, the shed after the wait, a cancelled request leaving the queue, who skips the queue,
// and the summary of sheds. Timers are vitest's fake ones, so every ordering and time here is exact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Admission, admitted, inRequest, shared, unqueued } from '../../server/src/neo4j/admission';
import { DbError } from '../../server/src/neo4j/errors';

interface Task {
  started: boolean;
  timeoutMs: number | null;
  finish: () => void;
  done: Promise<string>;
}

const closed = { check() {} };

/** Starts a read through `adm` as a request's work; the task runs until `finish()`. */
function read(adm: Admission, name: string, log: string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const task: Task = { started: false, timeoutMs: null, finish: () => {}, done: Promise.resolve('') };
  task.done = inRequest(opts.signal ?? new AbortController().signal, () =>
    adm.run('read', opts.timeoutMs ?? 15_000, closed, (left) => {
      task.started = true;
      task.timeoutMs = left;
      log.push(name);
      return new Promise<string>((resolve) => {
        task.finish = () => resolve(name);
      });
    }),
  );
  task.done.catch(() => {});
  return task;
}

function bulkhead(limit: number, maxWaitMs = 2_000) {
  const adm = new Admission({ limit, maxWaitMs });
  adm.enabled = true;
  return adm;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Admission (the bulkhead)', () => {
  it('runs at most `limit` at once and gives turns in arrival order (FIFO)', async () => {
    const adm = bulkhead(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((n) => read(adm, n, log));
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b']);
    expect(adm.load).toEqual({ running: 2, queued: 3 });
    // the second one finishes first: the oldest waiter (c) gets its turn, not the newest
    tasks[1]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    tasks[2]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(adm.load).toEqual({ running: 2, queued: 0 });
    tasks[3]!.finish();
    tasks[4]!.finish();
    await expect(Promise.all(tasks.map((t) => t.done))).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(adm.load).toEqual({ running: 0, queued: 0 });
    expect(adm.stats).toMatchObject({ admitted: 5, waited: 3, shed: 0 });
  });

  it('the time spent queued counts toward the call’s own timeout', async () => {
    const adm = bulkhead(1);
    const log: string[] = [];
    const first = read(adm, 'first', log);
    const second = read(adm, 'second', log, { timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(300);
    expect(second.started).toBe(false);
    first.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.started).toBe(true);
    expect(first.timeoutMs).toBe(15_000);
    expect(second.timeoutMs).toBe(700); // 1,000 ms less the 300 ms it waited
    second.finish();
    await expect(second.done).resolves.toBe('second');
  });

  it('a call that cannot start within the wait is refused as overloaded (503 busy) and never runs', async () => {
    const adm = bulkhead(1, 2_000);
    const log: string[] = [];
    const first = read(adm, 'first', log);
    const late = read(adm, 'late', log);
    const short = read(adm, 'short', log, { timeoutMs: 500 }); // its own timeout is shorter than the wait
    await vi.advanceTimersByTimeAsync(500);
    await expect(short.done).rejects.toMatchObject({ kind: 'overloaded', code: 'Parley.Busy' });
    await vi.advanceTimersByTimeAsync(1_499);
    expect(adm.load.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const err = await late.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).kind).toBe('overloaded');
    expect((err as DbError).message).toMatch(/server is busy.*1 database queries are running.*2\.0 s/);
    expect(log).toEqual(['first']);
    expect(adm.stats.shed).toBe(2);
    // the turn is still there for the next call once the first finishes
    first.finish();
    const next = read(adm, 'next', log);
    await vi.advanceTimersByTimeAsync(0);
    expect(next.started).toBe(true);
    next.finish();
    await next.done;
  });

  it('a request whose client went away leaves the queue; the next one in line gets the turn', async () => {
    const adm = bulkhead(1);
    const log: string[] = [];
    const first = read(adm, 'first', log);
    const gone = new AbortController();
    const leaving = read(adm, 'leaving', log, { signal: gone.signal });
    const staying = read(adm, 'staying', log);
    await vi.advanceTimersByTimeAsync(100);
    gone.abort();
    await expect(leaving.done).rejects.toMatchObject({ kind: 'cancelled', code: 'Parley.Cancelled' });
    expect(adm.load).toEqual({ running: 1, queued: 1 });
    first.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['first', 'staying']);
    staying.finish();
    await staying.done;
    expect(adm.stats).toMatchObject({ cancelled: 1, shed: 0 });
    // already aborted: refused at once, without queueing
    const full = read(adm, 'full', log);
    const aborted = new AbortController();
    aborted.abort();
    await expect(read(adm, 'x', log, { signal: aborted.signal }).done).rejects.toMatchObject({ kind: 'cancelled' });
    full.finish();
  });

  it('writes, imports, calls outside a request and a disabled bulkhead skip the queue', async () => {
    const adm = bulkhead(1);
    const log: string[] = [];
    const holder = read(adm, 'holder', log);
    await vi.advanceTimersByTimeAsync(0);
    const now = (name: string) => () => (log.push(name), Promise.resolve(name));
    const signal = new AbortController().signal;
    await inRequest(signal, () => adm.run('write', 1_000, closed, now('write')));
    await adm.run('read', 1_000, closed, now('start-up read'));
    const imports = unqueued({ find: () => adm.run('read', 1_000, closed, now('import read')) });
    await inRequest(signal, () => imports.find());
    adm.enabled = false;
    await inRequest(signal, () => adm.run('read', 1_000, closed, now('read, bulkhead off')));
    expect(log).toEqual(['holder', 'write', 'start-up read', 'import read', 'read, bulkhead off']);
    holder.finish();
  });

  it('a running read gets its request’s signal (to stop on Neo4j), a write never; shared work gets none', async () => {
    const adm = bulkhead(2);
    const signal = new AbortController().signal;
    const seen: (AbortSignal | undefined)[] = [];
    const call = (_ms: number, s?: AbortSignal) => (seen.push(s), Promise.resolve(''));
    await inRequest(signal, () => adm.run('read', 1_000, closed, call));
    await inRequest(signal, () => adm.run('write', 1_000, closed, call));
    await inRequest(signal, () => shared(() => adm.run('read', 1_000, closed, call)));
    adm.enabled = false;
    await inRequest(signal, () => adm.run('read', 1_000, closed, call));
    expect(seen).toEqual([signal, undefined, undefined, signal]);
    // shared work still takes a turn, without the signal of the request that started it
    expect(inRequest(signal, () => shared(() => admitted('read')))).toEqual({ admit: true });
  });

  it('while the breaker is open a read fails fast as unavailable instead of queueing', async () => {
    const adm = bulkhead(1);
    const open = {
      check() {
        throw new DbError('unavailable', 'down', 'Parley.DatabaseUnavailable');
      },
    };
    let ran = false;
    const p = inRequest(new AbortController().signal, () =>
      adm.run('read', 1_000, open, () => ((ran = true), Promise.resolve(1))),
    );
    await expect(p).rejects.toMatchObject({ kind: 'unavailable' });
    expect(ran).toBe(false);
    expect(adm.load).toEqual({ running: 0, queued: 0 });
  });

  it('a call shed while the breaker is judging the database waits for the verdict: down → unavailable', async () => {
    const adm = bulkhead(1, 1_000);
    let open = false;
    let verdict = () => {};
    const judging = {
      check() {
        if (open) throw new DbError('unavailable', 'down', 'Parley.DatabaseUnavailable');
      },
      settled: () => new Promise<void>((resolve) => (verdict = resolve)),
    };
    const signal = new AbortController().signal;
    const holder = read(adm, 'holder', []);
    const queued = inRequest(signal, () => adm.run('read', 15_000, judging, () => Promise.resolve('ran')));
    queued.catch(() => {});
    await vi.advanceTimersByTimeAsync(1_000); // the wait is over, the verdict not yet
    let settled = false;
    void queued.finally(() => (settled = true)).catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    open = true;
    verdict();
    await expect(queued).rejects.toMatchObject({ kind: 'unavailable' });
    holder.finish();
  });

  it('a failed call gives its turn back', async () => {
    const adm = bulkhead(1);
    const signal = new AbortController().signal;
    await expect(
      inRequest(signal, () => adm.run('read', 1_000, closed, () => Promise.reject(new Error('boom')))),
    ).rejects.toThrow('boom');
    expect(adm.load).toEqual({ running: 0, queued: 0 });
  });

  it('sheds are summed up in one line at most every 10 s, and none without sheds', async () => {
    const adm = bulkhead(1, 100);
    const lines: unknown[] = [];
    adm.onSummary = (s) => lines.push(s);
    const log: string[] = [];
    const holder = read(adm, 'holder', log);
    const waiter = read(adm, 'waiter', log); // waits 50 ms and gets its turn (and keeps it): a wait, not a shed
    await vi.advanceTimersByTimeAsync(50);
    holder.finish();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(lines).toEqual([]); // waits alone write nothing
    for (let i = 0; i < 3; i++) void read(adm, `shed${i}`, log);
    await vi.advanceTimersByTimeAsync(100);
    expect(adm.stats.shed).toBe(3);
    expect(lines).toEqual([]); // not per request
    await vi.advanceTimersByTimeAsync(5_000);
    void read(adm, 'shed3', log);
    await vi.advanceTimersByTimeAsync(4_999); // 10 s after the period began, with the first shed
    expect(lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(lines).toEqual([
      { shed: 4, waited: 0, longestWaitMs: 0, cancelled: 0, limit: 1, queued: 0, periodMs: 10_000 },
    ]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lines).toHaveLength(1);
    waiter.finish();
  });
});
