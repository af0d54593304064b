/**
 * Duplicates against the real Neo4j with the seed loaded: candidates, "not the same", merge and undo. The
 * test adds a second spelling of Aleksandr Darchiyev with relationships of every kind a merge handles (one to
 * fold into an existing relationship, new ones in both directions, one between the two, a self-loop), and
 * checks that merge then undo gives back the graph exactly: nodes, labels, properties, relationships with theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../_helpers';

let t: TestApp;
const KEEP = 'person:aleksandr-darchiyev';
const DUP = 'person:test-darchiev';
const OTHER = 'person:test-darchiev-initial';

async function addTestNodes() {
  await t.db.query(
    `MATCH (d:Person {id: $keep}), (c:Person {id: 'person:sonata-coulter'}),
           (m:Meeting {id: 'meeting:istanbul-april-10'}), (p:Place {id: 'place:istanbul'})
     CREATE (n:Person {id: $dup, name: 'Ambassador Alexander Darchiev', aliases: ['A. Darchiev', 'Darchiev'],
                       description: 'Russia’s ambassador, as a second article names him', born: 1960})
     CREATE (n)-[:ATTENDED {id: 'test|ATTENDED', role: 'delegation head', quotes: ['new quote'],
                            sourceIds: ['source:test-article'], inferred: false}]->(m)
     CREATE (n)-[:VISITED {quotes: ['came to Istanbul'], sourceIds: ['source:test-article'], inferred: true,
                           inferenceReason: 'test', days: 2, score: 0.5}]->(p)
     CREATE (c)-[:MET {quotes: ['Coulter met Darchiev'], sourceIds: ['source:test-article'], inferred: false}]->(n)
     CREATE (n)-[:COUNTERPART_OF {quotes: ['x'], sourceIds: ['source:test-article'], inferred: false}]->(d)
     CREATE (n)-[:SAME_AS_TEST {note: 'a self-loop'}]->(n)
     CREATE (:Person {id: $other, name: 'A. Darchiev', aliases: []})`,
    { keep: KEEP, dup: DUP, other: OTHER },
    { mode: 'write' },
  );
}

/** The whole entity graph in a canonical form (element ids left out: they are not part of the data). */
async function graphState() {
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : x,
    );
  const nodes = await t.db.query(
    `MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleyMerge AND NOT n:ParleyDismissal AND NOT n:ParleyMergedAway
     RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const rels = await t.db.query(
    `MATCH (a)-[r]->(b) RETURN coalesce(a.id, elementId(a)) AS a, type(r) AS type, coalesce(b.id, elementId(b)) AS b,
            properties(r) AS props`,
  );
  return {
    nodes: nodes.map((n) => canon({ ...n, labels: [...(n.labels as string[])].sort() })).sort(),
    rels: rels.map((r) => canon(r)).sort(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  await addTestNodes();
});

afterAll(async () => {
  await t.db.query(
    `MATCH (n) WHERE n.id IN $ids OR n:ParleyMerge OR n:ParleyDismissal OR n:ParleyMergedAway DETACH DELETE n`,
    { ids: [DUP, OTHER] },
    { mode: 'write' },
  );
  await t.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /api/duplicates', () => {
  it('proposes the second spelling of Darchiyev, with its reasons, and nothing across labels', async () => {
    const res = await get('/api/duplicates?label=Person&limit=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const pair = body.candidates.find(
      (c: { a: { id: string }; b: { id: string } }) => c.a.id === KEEP && c.b.id === DUP,
    );
    expect(pair).toBeDefined();
    expect(pair.a).toEqual({ id: KEEP, name: 'Aleksandr Darchiyev', labels: ['Person'] });
    expect(pair.score).toBeGreaterThanOrEqual(0.75);
    const codes = pair.reasons.map((r: { code: string }) => r.code);
    expect(codes).toContain('transliteration');
    expect(codes).toContain('directly-related');
    for (const c of body.candidates) expect([c.a.labels, c.b.labels]).toEqual([['Person'], ['Person']]);
    // the seed itself holds no duplicates
    const seedOnly = body.candidates.filter(
      (c: { a: { id: string }; b: { id: string } }) => !c.a.id.includes('test') && !c.b.id.includes('test'),
    );
    expect(seedOnly).toEqual([]);
  });

  it('answers 400 with a readable message for a bad label or limit', async () => {
    for (const url of ['/api/duplicates?label=1bad', '/api/duplicates?limit=0', '/api/duplicates?limit=x']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toBe('bad_request');
    }
  });
});

describe('merge and undo', () => {
  it('merges into one node that keeps everything, and undo restores the graph exactly', async () => {
    const before = await graphState();
    const res = await post('/api/merges', { keep: KEEP, merge: DUP, reviewer: 'test reviewer' });
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json();
    expect(rec).toMatchObject({
      status: 'merged',
      by: 'test reviewer',
      authenticated: false,
      keep: { id: KEEP, name: 'Aleksandr Darchiyev', labels: ['Person'] },
      merge: { id: DUP, name: 'Ambassador Alexander Darchiev', labels: ['Person'] },
      moved: 3, // VISITED, MET, the self-loop
      folded: 1, // ATTENDED the Istanbul talks
      dropped: 1, // COUNTERPART_OF between the two
      aliasesAdded: ['Ambassador Alexander Darchiev', 'A. Darchiev'],
      conflicts: ['description'],
      undoneAt: null,
    });

    // the merged-away id keeps resolving, to the kept node
    const details = await get(`/api/nodes/${encodeURIComponent(DUP)}`);
    expect(details.statusCode).toBe(200);
    const d = details.json();
    expect(d.node.id).toBe(KEEP);
    expect(d.node.properties.mergedIds).toEqual([DUP]);
    expect(d.node.properties.born).toBe(1960);
    expect(JSON.parse(d.node.properties.mergedValues)).toEqual({
      description: [{ from: DUP, value: 'Russia’s ambassador, as a second article names him' }],
    });
    const attended = d.relationships.filter((r: { edge: { type: string } }) => r.edge.type === 'ATTENDED');
    expect(attended).toHaveLength(1);
    expect(attended[0].edge.evidence.map((e: { quote: string }) => e.quote)).toContain('new quote');
    expect(attended[0].edge.evidence).toHaveLength(2);
    expect(JSON.parse(attended[0].edge.properties.mergedValues)).toEqual({
      role: [{ from: expect.any(String), value: 'delegation head' }],
    });
    const met = d.relationships.find((r: { edge: { type: string } }) => r.edge.type === 'MET');
    expect(met).toMatchObject({ direction: 'in', other: { id: 'person:sonata-coulter' } });
    expect(
      d.relationships.some(
        (r: { edge: { type: string }; other: { id: string } }) =>
          r.edge.type === 'COUNTERPART_OF' && r.other.id === KEEP,
      ),
    ).toBe(false);

    // the merged node is gone from the graph, search and proposals
    const search = await get('/api/search?q=darchiev');
    const hitIds = search.json().hits.map((h: { id: string }) => h.id);
    expect(hitIds).toContain(KEEP);
    expect(hitIds).not.toContain(DUP);
    const graph = await get('/api/graph?limit=5000');
    expect(graph.json().nodes.some((n: { id: string }) => n.id === DUP)).toBe(false);
    const dups = await get('/api/duplicates?label=Person');
    expect(dups.json().candidates.some((c: { b: { id: string } }) => c.b.id === DUP)).toBe(false);

    // merging it again says what happened
    const again = await post('/api/merges', { keep: KEEP, merge: DUP });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('already_merged');

    const list = await get('/api/merges');
    expect(list.json().merges[0]).toMatchObject({ id: rec.id, status: 'merged' });

    const undo = await post(`/api/merges/${rec.id}/undo`, {});
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ id: rec.id, status: 'undone' });
    expect(await graphState()).toEqual(before);

    const twice = await post(`/api/merges/${rec.id}/undo`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('already_undone');
  });

  it('refuses to undo a merge while a later merge of the same node stands; in order, both undo exactly', async () => {
    const before = await graphState();
    const first = (await post('/api/merges', { keep: KEEP, merge: DUP })).json();
    const second = (await post('/api/merges', { keep: KEEP, merge: OTHER })).json();
    expect(second.status).toBe('merged');
    const blocked = await post(`/api/merges/${first.id}/undo`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ error: 'graph_changed' });
    expect(blocked.json().message).toContain(second.id);
    expect((await post(`/api/merges/${second.id}/undo`, {})).statusCode).toBe(200);
    expect((await post(`/api/merges/${first.id}/undo`, {})).statusCode).toBe(200);
    expect(await graphState()).toEqual(before);
  });

  it('answers 4xx with a message for bad merges, and changes nothing', async () => {
    const before = await graphState();
    const cases: [unknown, number, string][] = [
      [{ keep: KEEP, merge: KEEP }, 400, 'same_node'],
      [{ keep: KEEP, merge: 'person:nobody' }, 404, 'not_found'],
      [{ keep: KEEP, merge: 'agency:russian-delegation' }, 400, 'different_labels'],
      [{ keep: 'source:us-russia-embassy-talks-istanbul', merge: KEEP }, 400, 'not_mergeable'],
      [{ keep: KEEP }, 400, 'bad_request'],
      [{ keep: KEEP, merge: '' }, 400, 'bad_request'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await post('/api/merges', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error).toBe(code);
      expect(res.json().message.length).toBeGreaterThan(10);
    }
    expect((await post('/api/merges/merge-nothing/undo', {})).statusCode).toBe(404);
    expect(await graphState()).toEqual(before);
  });
});

describe('not the same', () => {
  it('records the pair once and never proposes it again', async () => {
    const res = await post('/api/duplicates/dismiss', { a: DUP, b: KEEP });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ a: KEEP, b: DUP, created: true, by: null });
    const again = await post('/api/duplicates/dismiss', { a: KEEP, b: DUP });
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);
    const dups = (await get('/api/duplicates?label=Person')).json();
    expect(
      dups.candidates.some((c: { a: { id: string }; b: { id: string } }) => c.a.id === KEEP && c.b.id === DUP),
    ).toBe(false);
    // the other spelling is still proposed
    expect(dups.candidates.some((c: { b: { id: string } }) => c.b.id === OTHER)).toBe(true);
    expect((await post('/api/duplicates/dismiss', { a: KEEP, b: KEEP })).statusCode).toBe(400);
    expect((await post('/api/duplicates/dismiss', { a: KEEP, b: 'person:nobody' })).statusCode).toBe(404);
  });
});

describe('with PARLEY_TOKEN set', () => {
  it('reads without the token; merging, undoing and dismissing need it', async () => {
    const secured = await createTestApp({ config: { PARLEY_TOKEN: 'duplicates-secret' } });
    try {
      const read = await secured.app.inject({ method: 'GET', url: '/api/duplicates?label=Person' });
      expect(read.statusCode).toBe(200);
      for (const url of ['/api/merges', '/api/duplicates/dismiss', '/api/merges/merge-x/undo']) {
        const res = await secured.app.inject({ method: 'POST', url, payload: { keep: KEEP, merge: KEEP } });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error).toBe('unauthorized');
      }
      const authed = await secured.app.inject({
        method: 'POST',
        url: '/api/merges',
        payload: { keep: KEEP, merge: KEEP },
        headers: { authorization: 'Bearer duplicates-secret' },
      });
      expect(authed.statusCode).toBe(400); // past the gate, stopped by the check that keep ≠ merge
    } finally {
      await secured.close();
    }
  });
});
