// (Over 400 lines: one describe per read route of the API, each short; splitting would scatter one table.)
// Every read route of the API against the real seed graph in the run's local Neo4j (see global-neo4j.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  graphNodeSchema,
  type JsonValue,
  type MetResponse,
  type NeighborsResponse,
  type NodeDetails,
  type PathResponse,
  type SchemaResponse,
  type SearchResponse,
  type SourceDetails,
  type SourceSummariesResponse,
  type Subgraph,
} from '../../contract';
import { buildApp } from '../../server/src/app';
import { loadConfig, repoRoot } from '../../server/src/config';
import { Db } from '../../server/src/neo4j/db';
import { createRepositories } from '../../server/src/repositories';
import { createTestApp, type TestApp } from '../_helpers';

const article = readFileSync(path.join(repoRoot, 'data', 'sources', 'us-russia-embassy-talks-istanbul.txt'), 'utf8');

let t: TestApp;
async function get<T>(url: string, status = 200): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  return res.json() as T;
}
async function searchOne(q: string): Promise<string> {
  const { hits } = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
  expect(hits.length, `no hit for ${q}`).toBeGreaterThan(0);
  return hits[0]!.id;
}

let coulter: string;
let darchiyev: string;

beforeAll(async () => {
  t = await createTestApp();
  coulter = await searchOne('Sonata Coulter');
  darchiyev = await searchOne('Aleksandr Darchiyev');
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/health', () => {
  it('is ok when Neo4j answers', async () => {
    expect(await get('/api/health')).toEqual({ status: 'ok', neo4j: 'up' });
  });
  it('is 503 degraded, not a hang, when Neo4j is unreachable', async () => {
    const db = new Db({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: '', database: '', queryTimeoutMs: 1000 });
    const app = await buildApp({ config: loadConfig({}), repos: createRepositories(db), staticDir: null });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'degraded', neo4j: 'down' });
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe('GET /api/schema', () => {
  it('lists the seed labels and types with counts, and no snapshots', async () => {
    const s = await get<SchemaResponse>('/api/schema');
    const labels = Object.fromEntries(s.labels.map((l) => [l.label, l.count]));
    for (const l of ['Person', 'Agency', 'Meeting', 'Issue', 'Place', 'Source']) expect(labels[l]).toBeGreaterThan(0);
    expect(labels.Snapshot).toBeUndefined();
    const types = s.relationshipTypes.map((r) => r.type);
    expect(types).toContain('ATTENDED');
    expect(s.relationshipTypes.every((r) => r.count > 0)).toBe(true);
  });
  it('gives each label its caption, string and date-like properties, and finds Parley’s model', async () => {
    const s = await get<SchemaResponse>('/api/schema');
    for (const l of s.labels) expect(l, l.label).toMatchObject({ caption: 'name', captionSource: 'rule' });
    const meeting = s.labels.find((l) => l.label === 'Meeting')!;
    expect(meeting.dateProperties).toContainEqual({ property: 'date', kind: 'iso-string' });
    expect(meeting.stringProperties).toEqual(expect.arrayContaining(['aliases', 'date', 'description', 'id', 'name']));
    expect(s.labels.find((l) => l.label === 'Person')!.dateProperties).toEqual([]);
    expect(s.model).toEqual({ parley: true, missing: [] });
  });
});

describe('GET /api/graph', () => {
  it('returns the seed graph with edges between returned nodes only', async () => {
    const g = await get<Subgraph>('/api/graph');
    expect(g.truncated).toBe(false);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.has(coulter)).toBe(true);
    expect(ids.has(darchiyev)).toBe(true);
    expect(g.edges.length).toBeGreaterThan(0);
    for (const e of g.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
      expect(Object.keys(e.properties)).not.toContain('quotes');
    }
    // plain JSON: no driver Integer objects anywhere
    expect(JSON.stringify(g)).not.toMatch(/"low":|"high":/);
  });
  it('caps the node count and says so', async () => {
    const g = await get<Subgraph>('/api/graph?limit=3');
    expect(g.nodes).toHaveLength(3);
    expect(g.truncated).toBe(true);
  });
  it('filters by label', async () => {
    const g = await get<Subgraph>('/api/graph?labels=Person,Meeting');
    expect(g.nodes.length).toBeGreaterThan(0);
    expect(g.nodes.every((n) => n.labels.includes('Person') || n.labels.includes('Meeting'))).toBe(true);
    expect(g.nodes.some((n) => n.labels.includes('Meeting'))).toBe(true);
  });
  it('filters meetings by date range', async () => {
    const all = await get<Subgraph>('/api/graph?labels=Meeting');
    const dated = all.nodes.filter((n) => typeof n.properties.date === 'string');
    expect(dated.length).toBeGreaterThanOrEqual(2);
    const dates = dated.map((n) => n.properties.date as string).sort();
    const last = dates[dates.length - 1]!;
    const g = await get<Subgraph>(`/api/graph?labels=Meeting&from=${last}&to=${last}`);
    expect(g.nodes.map((n) => n.properties.date)).toEqual(
      dated.filter((n) => n.properties.date === last).map(() => last),
    );
    // Meeting.date is the default date property: naming it gives the same answer
    const named = await get<Subgraph>(`/api/graph?labels=Meeting&from=${last}&to=${last}&dateProperty=date`);
    expect(named.nodes.map((n) => n.id).sort()).toEqual(g.nodes.map((n) => n.id).sort());
  });
  it('rejects bad parameters with a message that says what to fix', async () => {
    const bad = await get<{ error: string; message: string }>('/api/graph?from=April', 400);
    expect(bad.error).toBe('bad_request');
    expect(bad.message).toMatch(/from: must be a date written YYYY-MM-DD/);
    const swapped = await get<{ message: string }>('/api/graph?from=2025-05-01&to=2025-01-01', 400);
    expect(swapped.message).toMatch(/swap/);
    expect((await get<{ message: string }>('/api/graph?limit=999999', 400)).message).toMatch(
      /limit: must be at most 5000/,
    );
    expect((await get<{ message: string }>('/api/graph?labels=Person)%20DETACH', 400)).message).toMatch(/label names/);
  });
});

describe('POST /api/graph/among', () => {
  const among = (ids: unknown) => t.app.inject({ method: 'POST', url: '/api/graph/among', payload: { ids } });
  it('returns every relationship whose two ends are listed, and only those', async () => {
    const g = await get<Subgraph>('/api/graph?limit=5000');
    const met = g.edges.find((e) => e.type === 'ATTENDED' && e.source === coulter)!;
    const ids = [coulter, darchiyev, met.target, 'person:nobody-at-all'];
    const res = await among(ids);
    expect(res.statusCode).toBe(200);
    const sub = res.json<Subgraph>();
    const want = g.edges.filter((e) => ids.includes(e.source) && ids.includes(e.target)).map((e) => e.id);
    expect(sub.edges.map((e) => e.id).sort()).toEqual(want.sort());
    expect(want).toContain(met.id);
    expect(sub.truncated).toBe(false);
    for (const e of sub.edges) expect(e.evidence.length + (e.inferred ? 1 : 0)).toBeGreaterThan(0);
  });
  it('rejects no ids and a body that is not a list, saying what to send', async () => {
    const empty = await among([]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ message: string }>().message).toMatch(/at least one node id/);
    expect((await among('x')).statusCode).toBe(400);
  });
});

describe('GET /api/search', () => {
  it('finds one person under both spellings of his name', async () => {
    const a = await get<SearchResponse>('/api/search?q=Darchiev');
    const b = await get<SearchResponse>('/api/search?q=Darchiyev');
    expect(a.hits[0]?.id).toBe(darchiyev);
    expect(b.hits[0]?.id).toBe(darchiyev);
    const names = [a.hits[0]!.name, ...a.hits[0]!.aliases];
    expect(names).toContain('Aleksandr Darchiyev');
    expect(names).toContain('Alexander Darchiev');
    // Parley's own model is covered by its full-text index: nothing was scanned
    expect(a).toMatchObject({ mode: 'fulltext', complete: true });
  });
  it('is prefix, case and accent insensitive', async () => {
    expect((await get<SearchResponse>('/api/search?q=darch')).hits[0]?.id).toBe(darchiyev);
    expect((await get<SearchResponse>('/api/search?q=COULTER')).hits[0]?.id).toBe(coulter);
    expect((await get<SearchResponse>('/api/search?q=Coultér')).hits[0]?.id).toBe(coulter);
  });
  it('survives every special character', async () => {
    for (const q of ['"', '\\', '*?~:^', 'AND OR NOT', '(((', 'a]b[c', '/', '{}', '!!', '&&||']) {
      const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(q)}`);
      expect(Array.isArray(res.hits)).toBe(true);
    }
  });
  it('rejects an empty query and an oversized limit', async () => {
    expect((await get<{ message: string }>('/api/search?q=', 400)).message).toMatch(/q: must not be empty/);
    expect((await get<{ message: string }>('/api/search?q=a&limit=1000', 400)).message).toMatch(/limit/);
  });
});

describe('GET /api/nodes/:id', () => {
  it('returns the node, its relationships and their evidence, each quote from its source', async () => {
    const d = await get<NodeDetails>(`/api/nodes/${encodeURIComponent(coulter)}`);
    expect(d.node.id).toBe(coulter);
    expect(d.node.labels).toContain('Person');
    const attended = d.relationships.filter((r) => r.edge.type === 'ATTENDED');
    expect(attended.length).toBeGreaterThan(0);
    for (const r of d.relationships) {
      if (!r.edge.inferred) expect(r.edge.evidence.length).toBeGreaterThan(0);
      for (const e of r.edge.evidence) {
        expect(article).toContain(e.quote);
        expect(d.sources.map((s) => s.id)).toContain(e.sourceId);
      }
    }
    expect(d.sources.every((s) => s.outlet === null && s.published === null)).toBe(true);
  });
  it('finds a node by its element id too', async () => {
    const rows = await t.db.query('MATCH (n {id: $id}) RETURN elementId(n) AS e', { id: coulter });
    const eid = rows[0]?.e as string;
    expect((await get<NodeDetails>(`/api/nodes/${encodeURIComponent(eid)}`)).node.id).toBe(coulter);
  });
  it('answers 404 with a clear message for an unknown id', async () => {
    const res = await get<{ error: string; message: string }>('/api/nodes/person:nobody', 404);
    expect(res).toEqual({ error: 'not_found', message: expect.stringMatching(/person:nobody/) as string });
  });
});

describe('GET /api/nodes/:id/neighbors', () => {
  it('pages through neighbours with the total count', async () => {
    const first = await get<NeighborsResponse>(`/api/nodes/${encodeURIComponent(coulter)}/neighbors?limit=1`);
    expect(first.total).toBeGreaterThan(1);
    expect(first.truncated).toBe(true);
    const others = first.nodes.filter((n) => n.id !== coulter);
    expect(others).toHaveLength(1);
    const second = await get<NeighborsResponse>(`/api/nodes/${encodeURIComponent(coulter)}/neighbors?limit=1&offset=1`);
    const others2 = second.nodes.filter((n) => n.id !== coulter);
    expect(others2).toHaveLength(1);
    expect(others2[0]!.id).not.toBe(others[0]!.id);
    expect(second.offset).toBe(1);
    for (const e of first.edges) expect([e.source, e.target]).toContain(coulter);
    const all = await get<NeighborsResponse>(`/api/nodes/${encodeURIComponent(coulter)}/neighbors?limit=500`);
    expect(all.nodes.filter((n) => n.id !== coulter)).toHaveLength(all.total);
    expect(all.truncated).toBe(false);
  });
  it('keeps the neighbours linked by one relationship type, or carrying one label (expand by)', async () => {
    const base = `/api/nodes/${encodeURIComponent(coulter)}/neighbors?limit=500`;
    const all = await get<NeighborsResponse>(base);
    const byType = await get<NeighborsResponse>(`${base}&type=ATTENDED`);
    const attended = new Set(
      all.edges.filter((e) => e.type === 'ATTENDED').map((e) => (e.source === coulter ? e.target : e.source)),
    );
    expect(attended.size).toBeGreaterThan(0);
    expect(byType.total).toBe(attended.size);
    expect(new Set(byType.nodes.filter((n) => n.id !== coulter).map((n) => n.id))).toEqual(attended);
    expect(byType.edges.every((e) => e.type === 'ATTENDED')).toBe(true);
    const byLabel = await get<NeighborsResponse>(`${base}&label=Meeting`);
    expect(byLabel.total).toBeGreaterThan(0);
    expect(byLabel.nodes.filter((n) => n.id !== coulter).every((n) => n.labels.includes('Meeting'))).toBe(true);
    const none = await get<NeighborsResponse>(`${base}&type=NO_SUCH_TYPE`);
    expect(none.total).toBe(0);
    expect(none.nodes.map((n) => n.id)).toEqual([coulter]);
  });
  it('refuses a type or label that is not a name, saying what to fix', async () => {
    const res = await get<{ error: string; message: string }>(
      `/api/nodes/${encodeURIComponent(coulter)}/neighbors?type=${encodeURIComponent('X` DETACH DELETE n //')}`,
      400,
    );
    expect(res.message).toMatch(/type: must be a label or property name/);
    await get(`/api/nodes/${encodeURIComponent(coulter)}/neighbors?label=a-b`, 400);
  });
  it('rejects an oversized limit and an unknown node', async () => {
    await get(`/api/nodes/${encodeURIComponent(coulter)}/neighbors?limit=100000`, 400);
    await get('/api/nodes/person:nobody/neighbors', 404);
  });
});

describe('GET /api/path', () => {
  it('finds the path between the two delegation heads through their meeting', async () => {
    const p = await get<PathResponse>(
      `/api/path?from=${encodeURIComponent(coulter)}&to=${encodeURIComponent(darchiyev)}`,
    );
    expect(p.path[0]).toBe(coulter);
    expect(p.path[p.path.length - 1]).toBe(darchiyev);
    expect(p.length).toBe(p.path.length - 1);
    expect(p.length).toBeLessThanOrEqual(2);
    expect(p.edges).toHaveLength(p.length);
    expect(p.nodes.map((n) => n.id).sort()).toEqual([...p.path].sort());
  });
  it('says plainly when there is no path', async () => {
    const source = 'source:us-russia-embassy-talks-istanbul';
    const res = await get<{ error: string; message: string }>(
      `/api/path?from=${encodeURIComponent(coulter)}&to=${encodeURIComponent(source)}`,
      404,
    );
    expect(res.message).toMatch(/not connected/);
    await get(`/api/path?from=${encodeURIComponent(coulter)}&to=x&maxHops=99`, 400);
  });
});

describe('GET /api/met', () => {
  it('lists Darchiyev among those Coulter met, with the meeting, its date, place and evidence', async () => {
    const m = await get<MetResponse>(`/api/met?person=${encodeURIComponent(coulter)}`);
    expect(m.person.id).toBe(coulter);
    const d = m.met.find((x) => x.person.id === darchiyev);
    expect(d).toBeDefined();
    const meeting = d!.meetings.find((x) => x.date?.endsWith('-04-10'));
    expect(meeting).toBeDefined();
    expect(meeting!.places.map((p) => p.name)).toContain('Istanbul');
    expect(meeting!.evidence.length).toBeGreaterThan(0);
    for (const e of meeting!.evidence) expect(article).toContain(e.quote);
  });
  it('works from the other side, under the alias spelling', async () => {
    const id = await searchOne('Alexander Darchiev');
    expect(id).toBe(darchiyev);
    const m = await get<MetResponse>(`/api/met?person=${encodeURIComponent(id)}`);
    expect(m.met.map((x) => x.person.id)).toContain(coulter);
  });
  it('counts everyone met and the meetings shared with each; ?with= keeps one person', async () => {
    const m = await get<MetResponse>(`/api/met?person=${encodeURIComponent(coulter)}`);
    expect(m.total).toBe(m.met.length); // fewer than the 100 an answer lists at most
    const d = m.met.find((x) => x.person.id === darchiyev)!;
    expect(d.shared).toBe(d.meetings.length);
    const one = await get<MetResponse>(
      `/api/met?person=${encodeURIComponent(coulter)}&with=${encodeURIComponent(darchiyev)}`,
    );
    expect(one.met.map((x) => x.person.id)).toEqual([darchiyev]);
    expect(one.total).toBe(1);
    expect(one.met[0]!.meetings).toEqual(d.meetings);
  });
  it('refuses a non-person and an unknown id', async () => {
    const place = await searchOne('Istanbul');
    expect((await get<{ message: string }>(`/api/met?person=${encodeURIComponent(place)}`, 400)).message).toMatch(
      /not a Person/,
    );
    await get('/api/met?person=person:nobody', 404);
    await get('/api/met', 400);
  });
});

describe('GET /api/sources/:id', () => {
  it('returns the article text exactly, with no invented outlet or date', async () => {
    const s = await get<SourceDetails>('/api/sources/source:us-russia-embassy-talks-istanbul');
    expect(s.text).toBe(article);
    expect(s.outlet).toBeNull();
    expect(s.published).toBeNull();
    await get('/api/sources/source:nope', 404);
  });
});

describe('GET /api/sources?ids=', () => {
  const seedSource = 'source:us-russia-embassy-talks-istanbul';
  it('returns summaries without the text, in the order asked, and lists unknown ids', async () => {
    const r = await get<SourceSummariesResponse>(`/api/sources?ids=source:nope,${seedSource},${seedSource}`);
    expect(r).toEqual({
      sources: [{ id: seedSource, name: expect.any(String) as string, outlet: null, published: null }],
      missing: ['source:nope'],
    });
    expect(Object.keys(r.sources[0]!)).not.toContain('text');
  });
  it('answers unknown ids with an empty list, not an error', async () => {
    expect(await get<SourceSummariesResponse>('/api/sources?ids=source:a,source:b')).toEqual({
      sources: [],
      missing: ['source:a', 'source:b'],
    });
  });
  it('refuses no ids and more than 100 ids with a message saying what to do', async () => {
    expect((await get<{ message: string }>('/api/sources', 400)).message).toMatch(/at least one source id/);
    expect((await get<{ message: string }>('/api/sources?ids=', 400)).message).toMatch(/at least one source id/);
    const many = Array.from({ length: 101 }, (_, i) => `source:s${i}`).join(',');
    expect((await get<{ message: string }>(`/api/sources?ids=${many}`, 400)).message).toMatch(/at most 100 ids/);
    const hundred = Array.from({ length: 100 }, (_, i) => `source:s${i}`).join(',');
    expect((await get<SourceSummariesResponse>(`/api/sources?ids=${hundred}`)).missing).toHaveLength(100);
  });
});

describe('errors', () => {
  it('answers unknown API routes with JSON 404', async () => {
    const res = await get<{ error: string; message: string }>('/api/nope', 404);
    expect(res.error).toBe('not_found');
    expect(res.message).toMatch(/api\/docs/);
  });
  it('serves the OpenAPI description', async () => {
    const spec = await get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of ['/api/graph', '/api/search', '/api/nodes/{id}', '/api/path', '/api/met']) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
  });
  it('documents the answers of every route, errors included, with every $ref resolved', async () => {
    type Op = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };
    const spec = await get<{ paths: Record<string, Record<string, Op>>; components: { schemas: object } }>(
      '/api/openapi.json',
    );
    const routes = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(routes.sort()).toEqual(
      [
        'get /api/health',
        'get /api/schema',
        'get /api/graph',
        'get /api/graph/overview',
        'post /api/graph/among',
        'get /api/search',
        'get /api/nodes/{id}',
        'get /api/nodes/{id}/neighbors',
        'get /api/path',
        'get /api/met',
        'get /api/sources',
        'get /api/sources/{id}',
        'post /api/cypher',
        'get /api/queries',
        'get /api/cypher/schema',
        'get /api/search/index',
        'post /api/search/index',
        'get /api/settings/captions',
        'put /api/settings/captions',
        'get /api/snapshots',
        'post /api/snapshots',
        'get /api/snapshots/{id}',
        'delete /api/snapshots/{id}',
        'get /api/duplicates',
        'post /api/duplicates/dismiss',
        'get /api/merges',
        'get /api/merges/{id}',
        'post /api/merges',
        'post /api/merges/{id}/undo',
        'get /api/imports',
        'get /api/imports/{id}',
        'post /api/imports',
        'post /api/imports/{id}/undo',
        'post /api/extract',
        'post /api/extract/dataset',
        'get /api/session',
        'post /api/session',
        'delete /api/session',
        'get /api/settings/access',
        'put /api/settings/access',
      ].sort(),
    );
    for (const [p, ops] of Object.entries(spec.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const responses = op.responses ?? {};
        const ok = Object.keys(responses).filter((code) => /^2\d\d$/.test(code));
        expect(ok.length, `${m} ${p}`).toBeGreaterThanOrEqual(1);
        for (const code of [...ok, '4XX', '5XX']) {
          if (code === '204') continue;
          const schema = responses[code]?.content?.['application/json']?.schema;
          expect(Object.keys(schema ?? {}).length, `${m} ${p} ${code}`).toBeGreaterThan(0);
        }
      }
    }
    const refs = [...JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((r) => r[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(Object.keys(spec.components.schemas)).toContain(ref);
  });
  it('sends answers as they are: the check strips nothing, and a `__proto__` property key stays data', async () => {
    // A route of its own, declaring a GraphNode answer, whose properties hold keys zod would rebuild or drop.
    const properties = JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}') as Record<string, JsonValue>;
    const extra = await createTestApp({
      plugins: [
        async (app) => {
          app.get('/api/test-node', { schema: { response: { 200: graphNodeSchema } } }, () => ({
            id: 'n',
            labels: ['T'],
            name: 'n',
            properties,
            notInTheContract: true,
          }));
          app.get('/api/test-broken', { schema: { response: { 200: graphNodeSchema } } }, () => ({ id: 'n' }));
        },
      ],
    });
    try {
      const res = await extra.app.inject({ method: 'GET', url: '/api/test-node' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toBe(
        '{"id":"n","labels":["T"],"name":"n","properties":{"__proto__":{"polluted":1},"a":2},"notInTheContract":true}',
      );
      // an answer that breaks the contract is a bug: a bare 500, never a half-answer
      const broken = await extra.app.inject({ method: 'GET', url: '/api/test-broken' });
      expect(broken.statusCode).toBe(500);
      expect((broken.json() as { error: string }).error).toBe('internal');
    } finally {
      await extra.close();
    }
  });
});

describe('malformed requests', () => {
  it('answers a URL that is not valid UTF-8 in our error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nodes/%ED%A0%80' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json() as object).sort()).toEqual(['error', 'message']);
    expect((res.json() as { error: string }).error).toBe('bad_request');
  });
  it('refuses an impossible date', async () => {
    expect((await get<{ message: string }>('/api/graph?from=2025-02-30', 400)).message).toMatch(/real calendar date/);
  });
});
