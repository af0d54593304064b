// config.ts: the environment, validated once at start.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.PARLEY_LOAD_SEED).toBe(true);
  });
  it('lists every bad variable at once, by name', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', PARLEY_LOAD_SEED: 'maybe', PARLEY_NEO4J_HEAP: 'lots' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT/);
    expect(msg).toMatch(/NEO4J_URI: must be a bolt/);
    expect(msg).toMatch(/PARLEY_LOAD_SEED/);
    expect(msg).toMatch(/PARLEY_NEO4J_HEAP: must be a size such as 512m or 1g/);
  });
  it('sizes the bulkhead from the cores, and refuses one larger than the connection pool', () => {
    const c = loadConfig({});
    expect(c.PARLEY_DB_CONCURRENCY).toBe(2 * availableParallelism() + 2);
    expect(c.PARLEY_DB_QUEUE_WAIT_MS).toBe(2_000);
    expect(loadConfig({ PARLEY_DB_CONCURRENCY: '0' }).PARLEY_DB_CONCURRENCY).toBe(0);
    expect(() => loadConfig({ PARLEY_DB_CONCURRENCY: '51' })).toThrow(/PARLEY_DB_CONCURRENCY: must be from 0 to 50/);
    expect(() => loadConfig({ PARLEY_DB_QUEUE_WAIT_MS: 'soon' })).toThrow(/PARLEY_DB_QUEUE_WAIT_MS/);
  });
  it('treats empty strings as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }).PORT).toBe(8080);
  });
});
