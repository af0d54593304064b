/**
 * Every query of cypher/queries is planned (EXPLAIN, with the parameters of its header) on the real Neo4j, and
 * its plan is checked for scans: a look-up by id must seek through an index, never read every node. Queries
 * that read a whole label or the whole graph on purpose are listed below with the reason; any other scan fails.
 * Plus the look-ups that depend on the kind of database: a node with a foreign label is still found by its `id`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanOperator } from '../../server/src/neo4j/db';
import { QueryLibrary } from '../../server/src/neo4j/queries';
import { createTestApp, type TestApp } from '../_helpers';

/** Operators that read every node or relationship of a label or type (a whole-label report may). */
const LABEL_SCAN =
  /^(NodeByLabelScan|(Union|Intersection|Subtraction)NodeByLabelsScan|(Directed|Undirected)(Union)?RelationshipTypes?Scan)$/;
/** Operators that read every node or every relationship (only the overview and the foreign fallbacks may). */
const ALL_SCAN = /^(Partitioned)?(AllNodesScan|(Directed|Undirected)AllRelationshipsScan)$/;

/** Which scans each query may use, and why; a query not listed may use none. */
const ALLOWED: Record<string, { scans: 'label' | 'all'; why: string }> = {
  'graph-nodes': {
    scans: 'all',
    why: 'the overview: every node, most connected first (capped by $limit; labels are a filter, not a seek)',
  },
  'graph-overview': {
    scans: 'all',
    why: 'the overview of a large database: ranks every entity by degree (COUNT {}, from the degree store; a bounded Top); cached until the node or relationship count changes',
  },
  'schema-counts': {
    scans: 'all',
    why: '/api/schema: every label and type with counts (see the repository for why not the count store)',
  },
  'resolve-id-any': { scans: 'all', why: 'fallback for foreign labels only' },
  'resolve-ids-any': { scans: 'all', why: 'fallback for foreign labels only' },
  'snapshot-existing-edges-any': { scans: 'all', why: 'fallback for foreign labels only' },
  'meeting-timeline': { scans: 'label', why: 'every meeting, by design' },
  'people-by-agency': { scans: 'label', why: 'a report over every agency' },
  'issues-by-side': { scans: 'label', why: 'a report over every issue' },
  'meetings-by-issue': { scans: 'label', why: '$issue may be null: every issue' },
  'people-who-met': { scans: 'label', why: '$person may be null: everyone' },
  'snapshot-list': { scans: 'label', why: 'lists every snapshot (capped)' },
  // duplicates and merges: reviewed, rare requests over ids that may carry any label (imported labels included)
  'duplicates-nodes': { scans: 'all', why: 'the candidates of a label, or of every label when none is given (capped)' },
  'duplicates-dismissed': { scans: 'label', why: 'every "not the same" record, to leave them out of proposals' },
  'duplicates-find-live': {
    scans: 'all',
    why: 'a merge names nodes by id, and imported nodes may carry any label; a rare, reviewed write',
  },
  'duplicates-tombstone': { scans: 'all', why: 'an undo checks no live node took the id back, whatever its label' },
  'merge-later': { scans: 'label', why: 'the merge records after a date, to refuse an undo out of order' },
  'merge-list': { scans: 'label', why: 'lists every merge record' },
  // accounts
  'user-list': { scans: 'label', why: 'npm run user -- list: every account (few)' },
  // imports
  'import-list': { scans: 'label', why: 'lists every import record' },
  'import-stale': { scans: 'label', why: 'the import records left running, at start (few)' },
  // any Neo4j database: reports and samples over whole labels, by design
  'label-counts': { scans: 'all', why: 'a console report: every label and type with counts' },
  'label-neighbours': {
    scans: 'all',
    why: 'a console report: the neighbours of every node of a label given as a parameter (a dynamic label)',
  },
  'paths-between': { scans: 'all', why: 'a console example: its ids may be of any label, as in Neo4j Browser' },
  'schema-properties': {
    scans: 'all',
    why: 'counts and samples each label (a dynamic label, planned as a scan) for its caption and dates; cached 10 s',
  },
  'search-scan': { scans: 'all', why: 'the bounded search of labels no full-text index covers (capped)' },
  'settings-get': { scans: 'label', why: 'the one ParleySettings node' },
  'settings-put': { scans: 'label', why: 'merges the one ParleySettings node' },
  'top-degree': { scans: 'all', why: 'a console report: the most connected nodes of the whole graph' },
  'backup-nodes': { scans: 'all', why: 'a backup reads every node, by design' },
  'backup-relationships': { scans: 'all', why: 'a backup reads every relationship, by design' },
  'restore-wipe': { scans: 'all', why: 'undoes a failed restore: deletes every node of a database that was empty' },
};

function operators(p: PlanOperator): string[] {
  return [p.operator, ...p.children.flatMap(operators)];
}

/** Parameters for planning: the example of the query's header (a plan does not depend on the values). */
function planParams(meta: Record<string, string>): Record<string, unknown> {
  return JSON.parse(meta.params ?? '{}') as Record<string, unknown>;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('query plans', () => {
  const library = new QueryLibrary();

  it('has queries to check, including every id look-up', () => {
    const names = library.list().map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['resolve-id', 'node-details', 'neighbors', 'who-met-whom']));
  });

  for (const q of new QueryLibrary().list()) {
    it(`${q.name} scans only what it must`, async () => {
      const ops = operators(await t.db.explain(q.name, planParams(q.meta)));
      const allowed = ALLOWED[q.name]?.scans;
      const bad = ops.filter((op) => (ALL_SCAN.test(op) && allowed !== 'all') || (LABEL_SCAN.test(op) && !allowed));
      expect(bad, `${q.name} reads more than it must (${ops.join(' < ')})`).toEqual([]);
    });
  }

  it('id look-ups seek through the id index of each Parley label and by element id', async () => {
    const ops = operators(await t.db.explain('resolve-id', { id: 'person:sonata-coulter' }));
    expect(ops.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(6);
    expect(ops).toContain('NodeByElementIdSeek');
  });

  it('a neighbour page finds the node by its element id and expands from it', async () => {
    const ops = operators(
      await t.db.explain('neighbors', { elementId: 'x', offset: 0, limit: 25, type: 'ATTENDED', label: 'Meeting' }),
    );
    expect(ops).toContain('NodeByElementIdSeek');
    expect(ops.some((op) => op.startsWith('Top'))).toBe(true); // ordered with a bounded heap, not a full sort
  });
});

describe('look-ups that depend on the database', () => {
  it('a node with a foreign label is found by its id property (the fallback), and an unknown id is 404', async () => {
    await t.db.query("CREATE (:PerfForeign {id: 'perf:foreign-1', name: 'Foreign one'})", {}, { mode: 'write' });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/nodes/perf%3Aforeign-1' });
      expect(res.statusCode).toBe(200);
      expect(res.json().node).toMatchObject({ id: 'perf:foreign-1', labels: ['PerfForeign'], name: 'Foreign one' });
      const missing = await t.app.inject({ method: 'GET', url: '/api/nodes/perf%3Anobody' });
      expect(missing.statusCode).toBe(404);
    } finally {
      await t.db.query("MATCH (n:PerfForeign {id: 'perf:foreign-1'}) DELETE n", {}, { mode: 'write' });
    }
  });

  it('a Parley node is found by its id and by its element id', async () => {
    const byId = await t.repos.graph.resolve('person:sonata-coulter');
    expect(byId).toMatch(/^4:/);
    expect(await t.repos.graph.resolve(byId)).toBe(byId);
  });
});
