// The snapshots API against the real seed graph: save, list, read (with missing ids), delete, the token,
// the body limit, bad bodies, and snapshots staying out of the explorer's graph and search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SnapshotCreatedResponse,
  SnapshotDocument,
  SnapshotListResponse,
  SnapshotResponse,
  SearchResponse,
  Subgraph,
} from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

const COULTER = 'person:sonata-coulter';
const DELEGATION = 'agency:us-delegation';
const LEADS = `${COULTER}|LEADS|${DELEGATION}`;

function sampleDoc(title = 'Istanbul talks: who leads'): SnapshotDocument {
  return {
    format: 'parley-snapshot',
    version: 1,
    title,
    caption: 'Coulter led the U.S. delegation.',
    view: {
      mode: 'graph',
      camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
      viewport: { width: 800, height: 600 },
      filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
      selection: [COULTER],
      query: { kind: 'search', text: 'Coulter' },
      styles: { labelSize: 12 },
      legend: [{ label: 'Person', color: '#4e79a7', shape: 'circle' }],
    },
    graph: {
      nodes: [
        { id: COULTER, label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 8, color: '#4e79a7' },
        { id: DELEGATION, label: 'U.S. delegation', kind: 'Agency', x: 10, y: 5, size: 6, color: '#f28e2b' },
        { id: 'person:gone-since', label: 'Gone Since', kind: 'Person', x: -5, y: 3, size: 4, color: '#4e79a7' },
      ],
      edges: [
        { id: LEADS, source: COULTER, target: DELEGATION, type: 'LEADS', color: '#b4bcc6', size: 2, arrow: true },
        {
          id: `${COULTER}|MET|person:gone-since`,
          source: COULTER,
          target: 'person:gone-since',
          type: 'MET',
          color: '#b4bcc6',
          size: 1,
        },
        { id: 'met:x', source: COULTER, target: DELEGATION, type: 'MET', color: '#b4bcc6', size: 1, derived: true },
      ],
    },
    sources: [
      {
        id: 'source:us-russia-embassy-talks-istanbul',
        name: 'U.S. and Russian delegations meet',
        outlet: null,
        published: null,
      },
    ],
  };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function create(doc: unknown = sampleDoc(), headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/snapshots', payload: doc as object, headers });
}

describe('snapshots API', () => {
  it('saves, lists, reads and deletes a snapshot, reporting ids that no longer exist', async () => {
    const res = await create();
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json<SnapshotCreatedResponse>();
    expect(made.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.url).toBe(`/s/${made.id}`);
    expect(Number.isNaN(Date.parse(made.created))).toBe(false);

    const list = (await t.app.inject({ method: 'GET', url: '/api/snapshots' })).json<SnapshotListResponse>();
    const mine = list.snapshots.find((s) => s.id === made.id);
    expect(mine).toEqual({
      id: made.id,
      title: 'Istanbul talks: who leads',
      created: made.created,
      nodeCount: 3,
      edgeCount: 3,
      createdBy: null, // accounts off: no account to record (test/integration/accounts.test.ts has one)
    });

    const got = await t.app.inject({ method: 'GET', url: `/api/snapshots/${made.id}` });
    expect(got.statusCode).toBe(200);
    const body = got.json<SnapshotResponse>();
    expect(body.snapshot.id).toBe(made.id);
    expect(body.snapshot.created).toBe(made.created);
    expect(body.snapshot.graph).toEqual(sampleDoc().graph);
    expect(body.snapshot.view).toEqual(sampleDoc().view);
    // the node and edge that never existed are reported; the derived edge is not looked up
    expect(body.missing).toEqual({ nodes: ['person:gone-since'], edges: [`${COULTER}|MET|person:gone-since`] });

    const del = await t.app.inject({ method: 'DELETE', url: `/api/snapshots/${made.id}` });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'GET', url: `/api/snapshots/${made.id}` });
    expect(again.statusCode).toBe(404);
    const delAgain = await t.app.inject({ method: 'DELETE', url: `/api/snapshots/${made.id}` });
    expect(delAgain.statusCode).toBe(404);
    expect(delAgain.json()).toMatchObject({ error: 'not_found' });
  });

  it('gives an imported file a new id and its own date', async () => {
    const doc = { ...sampleDoc('imported'), id: 'from-another-machine', created: '2020-01-01T00:00:00.000Z' };
    const made = (await create(doc)).json<SnapshotCreatedResponse>();
    expect(made.id).not.toBe('from-another-machine');
    const got = (await t.app.inject({ method: 'GET', url: `/api/snapshots/${made.id}` })).json<SnapshotResponse>();
    expect(got.snapshot.title).toBe('imported');
    expect(got.snapshot.created).toBe(made.created);
  });

  it('answers 404 with a message for an unknown id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/snapshots/no-such-snapshot' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: expect.stringContaining('no-such-snapshot') });
  });

  it('rejects a body that is not JSON with 400 and a clear message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/snapshots',
      payload: '{"format": "parley-snapshot", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; message: string }>();
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(/JSON/);
  });

  it('rejects a foreign or corrupt file with 400, naming what is wrong, and stores nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/snapshots' })).json<SnapshotListResponse>();
    const foreign = await create({ nodes: [], edges: [] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({
      error: 'invalid_snapshot',
      message: expect.stringMatching(/format: must be "parley-snapshot"/),
    });

    const future = await create({ ...sampleDoc(), version: 2 });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toMatch(/version: must be 1/);

    const dangling = sampleDoc();
    dangling.graph.edges.push({ id: 'e', source: COULTER, target: 'nowhere', type: 'X', color: '#000', size: 1 });
    const res = await create(dangling);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ message: string }>().message).toMatch(
      /graph\.edges\.3\.target: "nowhere" is not one of the snapshot's nodes/,
    );

    const badColor = sampleDoc();
    badColor.graph.nodes[0]!.color = 'url(javascript:alert(1))';
    expect((await create(badColor)).statusCode).toBe(400);

    const after = (await t.app.inject({ method: 'GET', url: '/api/snapshots' })).json<SnapshotListResponse>();
    expect(after.snapshots.length).toBe(before.snapshots.length);
  });

  it('answers 413 for a body over 2 MiB', async () => {
    const big = sampleDoc();
    big.caption = 'x'.repeat(2 * 1024 * 1024 + 10);
    const res = await create(big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('keeps snapshot nodes out of /api/graph, /api/search and /api/nodes', async () => {
    const made = (await create(sampleDoc('Coulter snapshot zebra'))).json<SnapshotCreatedResponse>();
    const graph = (await t.app.inject({ method: 'GET', url: '/api/graph?limit=5000' })).json<Subgraph>();
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graph.nodes.some((n) => n.id === made.id || n.labels.includes('Snapshot'))).toBe(false);
    const search = (await t.app.inject({ method: 'GET', url: '/api/search?q=zebra' })).json<SearchResponse>();
    expect(search.hits).toEqual([]);
    const coulter = (await t.app.inject({ method: 'GET', url: '/api/search?q=Coulter' })).json<SearchResponse>();
    expect(coulter.hits.some((h) => h.id === made.id)).toBe(false);
    const node = await t.app.inject({ method: 'GET', url: `/api/nodes/${made.id}` });
    expect(node.statusCode).toBe(404);
  });
});

describe('snapshots API with PARLEY_TOKEN set', () => {
  let secured: TestApp;
  const TOKEN = 'correct-horse-battery';
  beforeAll(async () => {
    secured = await createTestApp({ config: { PARLEY_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await secured?.close();
  });

  it('needs the token to save and to delete, never to read', async () => {
    const post = (headers: Record<string, string>) =>
      secured.app.inject({ method: 'POST', url: '/api/snapshots', payload: sampleDoc('secured'), headers });
    const none = await post({});
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) });
    const wrong = await post({ authorization: 'Bearer correct-horse-batterY' });
    expect(wrong.statusCode).toBe(401);
    const prefix = await post({ authorization: 'Bearer correct-horse' });
    expect(prefix.statusCode).toBe(401);
    const basic = await post({ authorization: `Basic ${TOKEN}` });
    expect(basic.statusCode).toBe(401);

    const ok = await post({ authorization: `Bearer ${TOKEN}` });
    expect(ok.statusCode, ok.body).toBe(201);
    const { id } = ok.json<SnapshotCreatedResponse>();

    expect((await secured.app.inject({ method: 'GET', url: '/api/snapshots' })).statusCode).toBe(200);
    expect((await secured.app.inject({ method: 'GET', url: `/api/snapshots/${id}` })).statusCode).toBe(200);

    const delNone = await secured.app.inject({ method: 'DELETE', url: `/api/snapshots/${id}` });
    expect(delNone.statusCode).toBe(401);
    expect((await secured.app.inject({ method: 'GET', url: `/api/snapshots/${id}` })).statusCode).toBe(200);
    const del = await secured.app.inject({
      method: 'DELETE',
      url: `/api/snapshots/${id}`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(del.statusCode).toBe(204);
  });
});
