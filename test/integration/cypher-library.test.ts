/** Every query of cypher/queries runs against the seed graph through the console and keeps its promises. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleRefusal } from '../../server/src/console';
import { checkExpectations } from '../_expectations';
import { createTestApp, type TestApp } from '../_helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Promises for the server's own queries, which have no `// expect:` header (their examples use empty ids). */
const ENCODED: Record<string, string[] | 'write' | 'refused'> = {
  'count-entities': ['rows = 1', 'every count >= 30'],
  'graph-edges': ['rows = 0'],
  'graph-nodes': ['rows >= 30', 'nodes >= 30'],
  neighbors: ['rows = 0'],
  'neighbors-two-hops': ['rows = 0'],
  'node-details': ['rows = 0'],
  'resolve-id': ['rows = 1'],
  'schema-counts': ['rows = 1'],
  search: ['rows >= 1', 'nodes >= 1'],
  'shortest-path': ['rows = 0'],
  source: ['rows = 1', 'nodes = 1'],
  'sources-by-id': ['rows = 1', 'some id = "source:us-russia-embassy-talks-istanbul"'],
  'who-met-whom': ['rows = 0'],
  'fulltext-indexes': 'refused',
  'schema-properties': ['rows >= 6', 'some label = "Person"', 'every count >= 1'],
  'search-scan': ['rows = 1', 'every scanned = 0'],
  'settings-get': ['rows = 0'],
  'settings-put': 'write',
  'snapshot-create': 'write',
  'snapshot-delete': 'write',
  'import-create': 'write',
  'import-progress': 'write',
  'import-finish': 'write',
  'import-delete-records': 'write',
  'import-list': ['rows >= 1', 'some status = "committed"'],
  'import-get': ['rows = 0'],
  'import-stale': ['rows = 0'],
  'import-preimages': ['rows = 0'],
  'import-created': ['rows = 0'],
  'import-existing-sources': ['rows = 1'],
  'backup-nodes': ['rows >= 30'],
  'backup-relationships': ['rows >= 60'],
  'backup-indexes': 'refused',
  'backup-constraints': 'refused',
  'restore-count': ['rows = 1', 'every nodes >= 30'],
  'restore-nodes': 'write',
  'restore-relationships': 'write',
  'restore-wipe': 'write',
};

describe('the query library', () => {
  const library = () => t.repos.cypher.library();

  it('has the console’s examples, each promising something', () => {
    const withExpect = library().filter((q) => q.expect.length > 0);
    expect(withExpect.length).toBeGreaterThanOrEqual(7);
  });

  it('every query runs on the seed graph and keeps its promise (writes are refused)', async () => {
    for (const q of library()) {
      const promise = q.expect.length > 0 ? q.expect : ENCODED[q.name];
      if (promise === 'refused') {
        // SHOW is an administration command: the server runs it itself, the console refuses it
        await expect(t.repos.cypher.run(q.text, q.params), q.name).rejects.toMatchObject({ code: 'admin_not_allowed' });
        continue;
      }
      if (promise === 'write') {
        await expect(t.repos.cypher.run(q.text, q.params), q.name).rejects.toMatchObject({ code: 'write_not_allowed' });
        continue;
      }
      let res;
      try {
        res = await t.repos.cypher.run(q.text, q.params);
      } catch (err) {
        // a query added by someone else that writes: the console must refuse it, never run it
        if (!promise && err instanceof ConsoleRefusal && err.code === 'write_not_allowed') continue;
        throw new Error(`${q.name}: ${String(err)}`);
      }
      expect(checkExpectations(promise ?? [], res), q.name).toEqual([]);
    }
    // Over 40 queries, each planned and run through the console's guard: more than the default 60 s when the
    // machine is busy (a guard against a hang, not a speed test).
  }, 300_000);
});
