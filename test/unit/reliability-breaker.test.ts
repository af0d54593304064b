// The watchdog and circuit breaker of neo4j/breaker.ts on hand-made calls and probes (no database), and the
// driver errors that mean "unavailable" (503), including a full pool.
import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { Breaker, type BreakerEvent } from '../../server/src/neo4j/breaker';
import { classify, DbError } from '../../server/src/neo4j/errors';

const never = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** a database that neither answers the probe nor the handshake (a frozen JVM), with short test timings */
function frozenBreaker(): Breaker {
  const b = new Breaker({ probe: never, alive: never, stallMs: 20, probeTimeoutMs: 50, aliveAfterMs: 10, tickMs: 10 });
  b.enabled = true;
  return b;
}

function breaker(probe: () => Promise<boolean>) {
  const b = new Breaker({ probe, stallMs: 20, probeTimeoutMs: 50, retryMs: 30, tickMs: 10 });
  b.enabled = true;
  return b;
}

describe('Breaker', () => {
  it('rejects a stalled call as unavailable when the probe fails, then fails fast until a probe succeeds', async () => {
    let alive = false;
    let trips = 0;
    const b = new Breaker({
      probe: () => Promise.resolve(alive),
      stallMs: 20,
      probeTimeoutMs: 50,
      retryMs: 30,
      tickMs: 10,
      onTrip: () => trips++,
    });
    b.enabled = true;
    let abandoned = false;
    const err = await b.run(never, 60_000, () => (abandoned = true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect((err as DbError).kind).toBe('unavailable');
    expect(abandoned).toBe(true);
    expect(trips).toBe(1);
    expect(b.isOpen).toBe(true);
    let started = false;
    await expect(
      b.run(() => {
        started = true;
        return Promise.resolve(1);
      }, 1_000),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(started).toBe(false);
    alive = true;
    for (let i = 0; i < 50 && b.isOpen; i++) await sleep(10);
    expect(b.isOpen).toBe(false);
    await expect(b.run(() => Promise.resolve(7), 1_000)).resolves.toBe(7);
    b.close();
  });

  it('a probe that never answers counts as a failure', async () => {
    const b = breaker(never);
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' });
    b.close();
  });

  it('a slow call on an answering database waits for its own result', async () => {
    const b = breaker(() => Promise.resolve(true));
    await expect(b.run(() => sleep(120).then(() => 'done'), 5_000)).resolves.toBe('done');
    expect(b.isOpen).toBe(false);
    b.close();
  });

  it('every call has a client-side deadline, even with the breaker off', async () => {
    const b = new Breaker({ probe: () => Promise.resolve(true) });
    let abandoned = false;
    await expect(b.run(never, 30, () => (abandoned = true))).rejects.toMatchObject({
      kind: 'timeout',
      code: 'Parley.ClientDeadline',
    });
    expect(abandoned).toBe(true);
    b.close();
  });

  it('a late probe while other calls get answers is busy, not down: nothing fails, the breaker stays closed', async () => {
    let handshakes = 0;
    const b = new Breaker({
      probe: never, // RETURN 1 queued behind heavy work
      alive: () => (handshakes++, Promise.resolve(false)),
      stallMs: 20,
      probeTimeoutMs: 60,
      aliveAfterMs: 10,
      tickMs: 10,
    });
    b.enabled = true;
    // a slow call waits past several late probes while short calls keep being answered
    const slow = b.run(() => sleep(400).then(() => 'slow'), 5_000);
    const stop = Date.now() + 400;
    while (Date.now() < stop) await b.run(() => sleep(5).then(() => 1), 1_000);
    await expect(slow).resolves.toBe('slow');
    expect(b.isOpen).toBe(false);
    expect(b.stats.trips).toBe(0);
    expect(b.stats.busy).toBeGreaterThan(0);
    expect(handshakes).toBeGreaterThan(0);
    b.close();
  });

  it('a late probe with no answer meanwhile but a Bolt handshake answered is busy, not down', async () => {
    const b = new Breaker({
      probe: never,
      alive: () => Promise.resolve(true),
      stallMs: 20,
      probeTimeoutMs: 50,
      aliveAfterMs: 10,
      tickMs: 10,
    });
    b.enabled = true;
    await expect(b.run(() => sleep(300).then(() => 'done'), 5_000)).resolves.toBe('done');
    expect(b.stats.trips).toBe(0);
    expect(b.stats.busy).toBeGreaterThan(0);
    b.close();
  });

  it('a late probe with no answer and no handshake is down (frozen): the breaker opens', async () => {
    const b = frozenBreaker();
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(b.stats.trips).toBe(1);
    b.close();
  });

  it('a probe that fails (refused) is down at once, whatever the handshake says', async () => {
    const b = new Breaker({
      probe: () => Promise.reject(new Error('ECONNREFUSED')),
      alive: () => Promise.resolve(true),
      stallMs: 20,
      probeTimeoutMs: 50,
      tickMs: 10,
    });
    b.enabled = true;
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(b.stats.busy).toBe(0);
    b.close();
  });

  it('tells its listener when it opens (with the verdict’s reason) and when it closes, once each', async () => {
    let alive = false;
    const b = breaker(() => Promise.resolve(alive));
    const events: BreakerEvent[] = [];
    b.onChange = (e) => events.push(e);
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' }); // open: no second event
    alive = true;
    for (let i = 0; i < 50 && b.isOpen; i++) await sleep(10);
    expect(events).toEqual([
      { state: 'open', reason: expect.stringMatching(/probe .* failed/) as unknown },
      { state: 'closed', openMs: expect.any(Number) as unknown },
    ]);
    b.close();
  });

  it('a frozen database’s reason says what got no answer', async () => {
    const b = frozenBreaker();
    const events: BreakerEvent[] = [];
    b.onChange = (e) => events.push(e);
    await expect(b.run(never, 60_000)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(events).toEqual([
      { state: 'open', reason: expect.stringMatching(/no answer in 50 ms.*handshake/) as unknown },
    ]);
    b.close();
  });

  it('Retry-After: 1 s while closed; while open, whole seconds until its next probe is due, at least 1', async () => {
    let alive = false;
    const b = new Breaker({ probe: () => Promise.resolve(alive), stallMs: 20, probeTimeoutMs: 50, retryMs: 2_500 });
    b.enabled = true;
    expect(b.retryAfterS()).toBe(1);
    await b.probe(); // fails: the breaker opens, its next probe is due in 2.5 s
    expect(b.isOpen).toBe(true);
    const now = Date.now();
    expect(b.retryAfterS(now)).toBe(3);
    expect(b.retryAfterS(now + 1_600)).toBe(1);
    expect(b.retryAfterS(now + 60_000)).toBe(1);
    alive = true;
    await b.probe();
    expect(b.isOpen).toBe(false);
    expect(b.retryAfterS()).toBe(1);
    b.close();
  });

  it('a watched session is failed when the breaker opens', async () => {
    const b = breaker(() => Promise.resolve(false));
    const failed = new Promise<DbError>((resolve) => b.watch(resolve));
    expect((await failed).kind).toBe('unavailable');
    b.close();
  });
});

describe('classify: what the driver says when the database cannot serve', () => {
  it.each([
    'Connection acquisition timed out in 1500 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
    'Failed to establish connection in 1500ms',
    'Connection was closed by server',
    'Pool is closed, it is no more able to serve requests.',
  ])('%s → unavailable', (message) => {
    expect(classify(new Neo4jError(message, 'N/A', '50N42', 'error')).kind).toBe('unavailable');
  });
});
