/**
 * Two-hop expansion (issue 13): GET /api/nodes/:id/neighbors?hops=2 pages over every node within two
 * relationships, one hop away first, each ring most connected first, then by id; a node two hops away comes with
 * the most connected node between and the two relationships of that way. A small graph of this file's own ids
 * is written to the shared Neo4j and removed after, so every expected answer is exact and order-proof.
 *
 *   c ─MEMBER_OF→ a1 ←MEMBER_OF─ p2 ─ATTENDED→ m1 ←ATTENDED─ c
 *   p3 ─ATTENDED→ m1,  p3 ─MEMBER_OF→ a2 (three hops from c),  c ─MET→ p4 ─ATTENDED→ m1,
 *   a snapshot that includes c, m1 and a2 (never on the way: through it a2 would be two hops away)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeighborsResponse } from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

const RUN = `th-${process.pid}-${Date.now().toString(36)}`;
const ids = {
  c: `person:${RUN}-c`,
  p2: `person:${RUN}-p2`,
  p3: `person:${RUN}-p3`,
  p4: `person:${RUN}-p4`,
  a1: `agency:${RUN}-a1`,
  a2: `agency:${RUN}-a2`,
  m1: `meeting:${RUN}-m1`,
  snap: `snapshot:${RUN}`,
};

let t: TestApp;

async function twoHops(query: string, status = 200): Promise<NeighborsResponse> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/nodes/${encodeURIComponent(ids.c)}/neighbors?hops=2${query}`,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<NeighborsResponse>();
}

/** the edges of an answer as `source -TYPE-> target`, sorted */
const edges = (r: NeighborsResponse) => r.edges.map((e) => `${e.source} -${e.type}-> ${e.target}`).sort();
const nodes = (r: NeighborsResponse) => r.nodes.map((n) => n.id).sort();

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query(
    `CREATE (c:Person {id: $ids.c, name: 'Two-hop centre'}),
            (p2:Person {id: $ids.p2, name: 'Two-hop p2'}),
            (p3:Person {id: $ids.p3, name: 'Two-hop p3'}),
            (p4:Person {id: $ids.p4, name: 'Two-hop p4'}),
            (a1:Agency {id: $ids.a1, name: 'Two-hop a1'}),
            (a2:Agency {id: $ids.a2, name: 'Two-hop a2'}),
            (m1:Meeting {id: $ids.m1, name: 'Two-hop m1'}),
            (s:Snapshot {id: $ids.snap, name: 'Two-hop snapshot'}),
            (c)-[:MEMBER_OF]->(a1), (p2)-[:MEMBER_OF]->(a1), (p2)-[:ATTENDED]->(m1), (c)-[:ATTENDED]->(m1),
            (p3)-[:ATTENDED]->(m1), (p3)-[:MEMBER_OF]->(a2), (c)-[:MET]->(p4), (p4)-[:ATTENDED]->(m1),
            (s)-[:INCLUDES]->(m1), (s)-[:INCLUDES]->(a2), (s)-[:INCLUDES]->(c)`,
    { ids },
    { mode: 'write' },
  );
});

afterAll(async () => {
  await t.db.query(
    'MATCH (n) WHERE n.id IN $all AND (n:Person OR n:Agency OR n:Meeting OR n:Snapshot) DETACH DELETE n',
    { all: Object.values(ids) },
    { mode: 'write' },
  );
  await t.close();
});

describe('GET /api/nodes/:id/neighbors?hops=2', () => {
  it('pages one hop away first (most connected, then by id), then two hops away; never three, never a snapshot', async () => {
    const all = await twoHops('&limit=25');
    expect(all.total).toBe(5);
    expect(all.truncated).toBe(false);
    expect(nodes(all)).toEqual([ids.a1, ids.m1, ids.p2, ids.p3, ids.p4, ids.c].sort());
    // the ring order shows in pages: m1 (degree 5), a1 and p4 (degree 2, by id), then p2 and p3 (two hops, degree
    // 2 each, by id)
    const order: string[] = [];
    for (let offset = 0; offset < 5; offset++) {
      const page = await twoHops(`&limit=1&offset=${offset}`);
      expect(page.total).toBe(5);
      expect(page.offset).toBe(offset);
      expect(page.truncated).toBe(offset < 4);
      const ring2 = offset >= 3;
      // a node two hops away comes with m1 (the more connected of a1 and m1 for p2, the only one for p3)
      const shown = page.nodes.map((n) => n.id).filter((id) => id !== ids.c && !(ring2 && id === ids.m1));
      expect(shown).toHaveLength(1);
      order.push(shown[0]!);
    }
    expect(order).toEqual([ids.m1, ids.a1, ids.p4, ids.p2, ids.p3]);
  });

  it('gives a node two hops away the node between and the two relationships, so it is drawn connected', async () => {
    const page = await twoHops('&limit=2&offset=3');
    expect(page).toMatchObject({ total: 5, offset: 3, truncated: false });
    expect(nodes(page)).toEqual([ids.c, ids.m1, ids.p2, ids.p3].sort());
    expect(edges(page)).toEqual(
      [`${ids.c} -ATTENDED-> ${ids.m1}`, `${ids.p2} -ATTENDED-> ${ids.m1}`, `${ids.p3} -ATTENDED-> ${ids.m1}`].sort(),
    );
    // one hop away: every relationship between the node and its neighbour
    const first = await twoHops('&limit=3');
    expect(nodes(first)).toEqual([ids.c, ids.m1, ids.a1, ids.p4].sort());
    expect(edges(first)).toEqual(
      [`${ids.c} -ATTENDED-> ${ids.m1}`, `${ids.c} -MEMBER_OF-> ${ids.a1}`, `${ids.c} -MET-> ${ids.p4}`].sort(),
    );
  });

  it('with a type, every relationship on the way has it; with a label, only nodes carrying it are paged', async () => {
    const members = await twoHops('&type=MEMBER_OF');
    expect(members.total).toBe(2);
    expect(nodes(members)).toEqual([ids.c, ids.a1, ids.p2].sort());
    expect(edges(members)).toEqual([`${ids.c} -MEMBER_OF-> ${ids.a1}`, `${ids.p2} -MEMBER_OF-> ${ids.a1}`].sort());

    const people = await twoHops('&label=Person&limit=25');
    expect(people.total).toBe(3);
    // p4 one hop away; p2 and p3 two hops away, each with m1 between
    expect(nodes(people)).toEqual([ids.c, ids.p4, ids.m1, ids.p2, ids.p3].sort());
    const page = await twoHops('&label=Person&limit=1');
    expect(page.nodes.map((n) => n.id).filter((id) => id !== ids.c)).toEqual([ids.p4]);
  });

  it('one hop stays what it was, and a bad hop count or an unknown node says what to fix', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/nodes/${encodeURIComponent(ids.c)}/neighbors?hops=1&limit=25`,
    });
    expect(res.json<NeighborsResponse>().total).toBe(3);
    const bad = await t.app.inject({ method: 'GET', url: `/api/nodes/${encodeURIComponent(ids.c)}/neighbors?hops=3` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: string; message: string }>()).toMatchObject({ error: 'bad_request' });
    expect(bad.json<{ message: string }>().message).toMatch(/hops/);
    const missing = await t.app.inject({ method: 'GET', url: `/api/nodes/person:${RUN}-nobody/neighbors?hops=2` });
    expect(missing.statusCode).toBe(404);
  });
});
