// POST /api/extract/dataset against the real seed graph: the accepted part of the proposals becomes a Parley data
// set (only what was accepted; a relationship whose end was not accepted is dropped and said so; a merge points
// the proposal at the existing node); keys the proposals do not have and an empty acceptance are a 400. Nothing
// is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractDatasetResponse, ExtractResponse, SchemaResponse } from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

const TEXT = 'Jonas Berg met Ambassador Ana Silva in Oslo on Monday. They discussed fisheries.';
let t: TestApp;
let before: SchemaResponse;
let proposals: ExtractResponse;
const schema = async () => (await t.app.inject({ method: 'GET', url: '/api/schema' })).json<SchemaResponse>();
const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/extract/dataset', payload });

beforeAll(async () => {
  t = await createTestApp();
  before = await schema();
  const res = await t.app.inject({ method: 'POST', url: '/api/extract', payload: { text: TEXT, title: 'Oslo' } });
  expect(res.statusCode).toBe(200);
  proposals = res.json<ExtractResponse>();
});
afterAll(async () => {
  expect(await schema()).toEqual(before);
  await t.close();
});

describe('POST /api/extract/dataset', () => {
  it('makes a data set of the accepted proposals only, and says what it dropped', async () => {
    const keys = proposals.entities.filter((e) => e.label === 'Person').map((e) => e.key);
    expect(keys).toEqual(['person:jonas-berg', 'person:ana-silva']);
    const all = proposals.relationships.map((_r, i) => i);
    const res = await post({ proposals, accepted: { entities: keys, meetings: [], relationships: all } });
    expect(res.statusCode).toBe(200);
    const body = res.json<ExtractDatasetResponse>();
    expect(body.dataset.nodes.map((n) => n.id).sort()).toEqual([...keys].sort());
    expect(body.dataset.relationships).toEqual([]); // every proposed relationship ends at a meeting or place
    expect(body.dropped.length).toBe(all.length);
    expect(body.dataset.sources).toHaveLength(1);
  });

  it('points a merged proposal at the existing node, keeping the name its match gives', async () => {
    const matched = {
      ...proposals,
      entities: proposals.entities.map((e) =>
        e.key === 'person:jonas-berg'
          ? {
              ...e,
              match: { id: 'person:aleksandr-darchiyev', score: 0.9, reason: 'test', name: 'Aleksandr Darchiyev' },
            }
          : e,
      ),
    };
    const res = await post({
      proposals: matched,
      accepted: { entities: ['person:jonas-berg'], meetings: [], relationships: [] },
      merges: { 'person:jonas-berg': 'person:aleksandr-darchiyev' },
    });
    expect(res.statusCode).toBe(200);
    const nodes = res.json<ExtractDatasetResponse>().dataset.nodes;
    expect(nodes.map((n) => [n.id, n['name']])).toEqual([['person:aleksandr-darchiyev', 'Aleksandr Darchiyev']]);
  });

  it('refuses keys the proposals do not have, and an empty acceptance, with a 400 that says so', async () => {
    const unknown = await post({
      proposals,
      accepted: { entities: ['person:nobody'], meetings: [], relationships: [99] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('entity "person:nobody"');
    expect(unknown.json().message).toContain('relationship #99');
    const empty = await post({ proposals, accepted: { entities: [], meetings: [], relationships: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('accept at least one');
    const bad = await post({ proposals: {}, accepted: {} });
    expect(bad.statusCode).toBe(400);
  });
});
