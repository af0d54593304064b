/**
 * A large database opens on an overview (issue 13): the most connected entities and the relationships among
 * them, with the number of entities, through GET /api/graph/overview. A generated graph of 3,000 people of its
 * own (ids of this file's run; five hubs of known degree) is added to the shared Neo4j and removed after, so the
 * checks compare with what the database held before, never with a global count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse } from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

const RUN = `ovt-${process.pid}-${Date.now().toString(36)}`;
const N = 3000;
const HUBS = 5;
const id = (i: number) => `person:${RUN}-${i}`;

let small: TestApp; // opens on an overview above 1,000 entities
let large: TestApp; // draws whole up to a million
let before = 0;

async function overview(t: TestApp, query = ''): Promise<OverviewResponse> {
  const res = await t.app.inject({ method: 'GET', url: `/api/graph/overview${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OverviewResponse>();
}

beforeAll(async () => {
  small = await createTestApp({ config: { PARLEY_OVERVIEW_ABOVE: 1000 } });
  large = await createTestApp({ config: { PARLEY_OVERVIEW_ABOVE: 1_000_000 } });
  before = (await overview(large)).total;
  // people 0..4 are hubs: person i ≥ 5 knows hub k when i is a multiple of k + 2 (hub 0 has the most), and the
  // next person (a ring); a person whose number is a multiple of 60 knows all five hubs
  await small.db.query(
    `UNWIND range(0, $n - 1) AS i
     CREATE (:Person {id: $prefix + '-' + toString(i), name: 'Overview person ' + toString(i)})`,
    { n: N, prefix: `person:${RUN}` },
    { mode: 'write' },
  );
  await small.db.query(
    `UNWIND range($hubs, $n - 1) AS i
     MATCH (p:Person {id: $prefix + '-' + toString(i)})
     MATCH (q:Person {id: $prefix + '-' + toString(CASE WHEN i = $n - 1 THEN $hubs ELSE i + 1 END)})
     CREATE (p)-[:KNOWS]->(q)
     WITH p, i
     UNWIND range(0, $hubs - 1) AS k
     WITH p, i, k WHERE i % (k + 2) = 0
     MATCH (h:Person {id: $prefix + '-' + toString(k)})
     CREATE (p)-[:KNOWS]->(h)`,
    { n: N, hubs: HUBS, prefix: `person:${RUN}` },
    { mode: 'write' },
  );
}, 120_000);

afterAll(async () => {
  await small?.db.query(
    'MATCH (p:Person) WHERE p.id STARTS WITH $prefix DETACH DELETE p',
    { prefix: `person:${RUN}-` },
    { mode: 'write' },
  );
  await small?.close();
  await large?.close();
});

describe('GET /api/graph/overview', () => {
  it('above the threshold: the most connected entities, hubs first, with the number of entities', async () => {
    const o = await overview(small);
    expect(o.mode).toBe('top');
    expect(o.threshold).toBe(1000);
    expect(o.total).toBe(before + N);
    expect(o.nodes).toHaveLength(300);
    expect(o.truncated).toBe(true);
    // the five hubs are there, in the order of their degrees
    const at = Array.from({ length: HUBS }, (_, k) => o.nodes.findIndex((n) => n.id === id(k)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // the relationships drawn are among the nodes shown, and some of this graph's are there
    const shown = new Set(o.nodes.map((n) => n.id));
    expect(o.edges.every((e) => shown.has(e.source) && shown.has(e.target))).toBe(true);
    expect(o.edges.filter((e) => e.target === id(0)).length).toBeGreaterThan(10);
  });

  it('takes a smaller overview, and says what is wrong with a bad limit', async () => {
    expect((await overview(small, '?limit=20')).nodes).toHaveLength(20);
    for (const bad of ['0', '2001', 'many']) {
      const res = await small.app.inject({ method: 'GET', url: `/api/graph/overview?limit=${bad}` });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: expect.any(String), message: expect.stringMatching(/limit/) });
    }
  });

  it('follows a change of the graph (the kept ranking is dropped when the counts change)', async () => {
    const quiet = id(N - 7); // 2,993: a multiple of neither 2, 3, 4, 5 nor 6
    expect((await overview(small, '?limit=20')).nodes.map((n) => n.id)).not.toContain(quiet);
    await small.db.query(
      `MATCH (q:Person {id: $quiet})
       MATCH (p:Person) WHERE p.id STARTS WITH $prefix AND p.id <> $quiet
       WITH q, p LIMIT 2500
       CREATE (q)-[:KNOWS]->(p)`,
      { quiet, prefix: `person:${RUN}-` },
      { mode: 'write' },
    );
    const o = await overview(small, '?limit=20');
    expect(
      o.nodes[0]?.id === quiet || o.nodes.findIndex((n) => n.id === quiet) < o.nodes.findIndex((n) => n.id === id(0)),
    ).toBe(true);
  });

  it('at or under the threshold: the whole graph, with the same count', async () => {
    const o = await overview(large);
    expect(o.mode).toBe('whole');
    expect(o.total).toBe(before + N);
    expect(o.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([id(0), id(1)]));
  });
});
