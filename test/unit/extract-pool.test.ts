/**
 * The extraction worker pool (server/src/extract/pool.ts) with a real worker thread: it answers what the
 * pipeline answers in the main thread, refuses at once when its queue is full (the route's 503), and survives an
 * article that outlasts its deadline (a fresh worker reads the next one).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { extractProposals } from '../../server/src/extract/pipeline';
import { ExtractBusyError, ExtractPool, ExtractTimeoutError } from '../../server/src/extract/pool';

/** starting a worker loads tsx and compromise: seconds on a loaded machine (a limit, not a measured time) */
const LIMIT = 60_000;

const TEXT = 'Sonata Coulter met Ambassador Ivan Petrov in Vienna on Monday.';

describe('ExtractPool', () => {
  const pool = new ExtractPool({ maxQueue: 0 });
  afterAll(() => pool.close());

  it(
    'warms up once, then answers exactly what the pipeline answers in the main thread',
    async () => {
      expect(await pool.warm()).toBeGreaterThan(0);
      const inWorker = await pool.run({ text: TEXT, published: '2025-04-12' });
      const here = extractProposals({ text: TEXT, published: '2025-04-12' });
      const strip = (p: typeof here) => ({ ...p, stats: { ...p.stats, ms: 0 } });
      expect(strip(inWorker)).toEqual(strip(here));
    },
    LIMIT,
  );

  it(
    'refuses a second article while one is read when nothing may wait, with a message saying when to retry',
    async () => {
      const first = pool.run({ text: TEXT });
      const second = pool.run({ text: TEXT });
      await expect(second).rejects.toBeInstanceOf(ExtractBusyError);
      await expect(second).rejects.toThrow(/already reading 1 article; try again in about \d+ s/);
      expect((await first).meetings).toHaveLength(1);
    },
    LIMIT,
  );

  it(
    'stops an article past its deadline and reads the next one in a fresh worker',
    async () => {
      const strict = new ExtractPool({ timeoutMs: 1 });
      try {
        await strict.warm();
        await expect(strict.run({ text: TEXT.repeat(50) })).rejects.toBeInstanceOf(ExtractTimeoutError);
        strict.timeoutMs = 60_000;
        expect((await strict.run({ text: TEXT })).meetings).toHaveLength(1);
      } finally {
        await strict.close();
      }
    },
    LIMIT,
  );
});
