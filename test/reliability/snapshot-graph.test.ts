// Issue 12, item 7 through the route: a snapshot with duplicate or dangling ids is a 400 naming them, and
// nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotDocument, SnapshotListResponse } from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

const A = 'person:sonata-coulter';
const B = 'agency:us-delegation';

function doc(edges: SnapshotDocument['graph']['edges']): SnapshotDocument {
  return {
    format: 'parley-snapshot',
    version: 1,
    title: 'graph check',
    caption: '',
    view: {
      mode: 'graph',
      camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
      viewport: { width: 800, height: 600 },
      filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
      selection: [],
      query: { kind: 'search', text: 'Coulter' },
      styles: {},
      legend: [],
    },
    graph: {
      nodes: [
        { id: A, label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 8, color: '#4e79a7' },
        { id: B, label: 'U.S. delegation', kind: 'Agency', x: 10, y: 5, size: 6, color: '#f28e2b' },
      ],
      edges,
    },
    sources: [],
  };
}
const edge = (id: string, source = A, target = B) => ({ id, source, target, type: 'LEADS', color: '#b4bcc6', size: 2 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const count = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/snapshots' })).json<SnapshotListResponse>().snapshots.length;

describe('snapshots are checked as graphs before saving', () => {
  it('duplicate edge ids: 400 naming the id, nothing stored', async () => {
    const before = await count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/snapshots',
      payload: doc([edge('e1'), edge('e1', B, A)]) as object,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'bad_request',
      message: expect.stringMatching(/edge id "e1" appears more than once/),
    });
    expect(await count()).toBe(before);
  });

  it('an edge to a node not in the snapshot: 400 naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/snapshots',
      payload: doc([edge('e1', A, 'person:nobody')]) as object,
    });
    expect(res.statusCode).toBe(400);
    // the snapshot schema already names it; checkSnapshotGraph is the second line (see the unit test)
    expect(res.json<{ message: string }>().message).toMatch(/graph\.edges/);
  });

  it('a sound graph is saved', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/snapshots', payload: doc([edge('e1')]) as object });
    expect(res.statusCode, res.body).toBe(201);
  });
});
