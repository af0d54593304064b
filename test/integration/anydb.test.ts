/**
 * Any Neo4j database: Parley pointed at a database it did not create (the movies graph in a Neo4j of its own,
 * see _movies.ts) — schema introspection, search before and after the offered index, captions, date-like
 * properties, the generic library queries, and who-met-whom saying why it is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  CaptionSettings,
  JsonValue,
  MetResponse,
  NodeDetails,
  SchemaResponse,
  SearchIndexStatus,
  SearchResponse,
  Subgraph,
} from '../../contract';
import { buildApp } from '../../server/src/app';
import { createRepositories, type Repositories } from '../../server/src/repositories';
import { ensureSearchIndex } from '../../server/src/start';
import { startMoviesDb, type MoviesDb } from '../_movies';

const TOKEN = 'movies-token-123';
let movies: MoviesDb;
let repos: Repositories;
let app: FastifyInstance;

async function appOver(opts: { scanLimit?: number } = {}) {
  repos = createRepositories(movies.db, opts);
  return buildApp({
    config: { PARLEY_RATE_LIMIT: 100_000, PARLEY_TOKEN: TOKEN, PARLEY_QUERY_TIMEOUT_MS: 60_000 },
    repos,
    staticDir: null,
  });
}

async function get<T>(url: string, status = 200, on: FastifyInstance = app): Promise<T> {
  const res = await on.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json<T>();
}

beforeAll(async () => {
  movies = await startMoviesDb();
  app = await appOver();
});
afterAll(async () => {
  await app?.close();
  await movies?.stop();
});

describe('the schema of a database Parley did not create', () => {
  it('lists every label with its count, caption, string and date-like properties, and no Parley model', async () => {
    const s = await get<SchemaResponse>('/api/schema');
    expect(s.labels).toEqual([
      {
        label: 'Movie',
        count: 38,
        caption: 'title',
        captionSource: 'rule',
        stringProperties: ['tagline', 'title'],
        dateProperties: [{ property: 'released', kind: 'year' }],
      },
      {
        label: 'Person',
        count: 133,
        caption: 'name',
        captionSource: 'rule',
        stringProperties: ['name'],
        dateProperties: [{ property: 'born', kind: 'year' }],
      },
    ]);
    expect(s.relationshipTypes.map((t) => t.type).sort()).toEqual(
      ['ACTED_IN', 'DIRECTED', 'FOLLOWS', 'PRODUCED', 'REVIEWED', 'WROTE'].sort(),
    );
    expect(s.relationshipTypes.reduce((a, t) => a + t.count, 0)).toBe(253);
    expect(s.model).toEqual({ parley: false, missing: ['Meeting nodes', 'ATTENDED relationships'] });
  });
});

describe('search before the index exists', () => {
  it('finds movies and people by a bounded case-insensitive scan, and says it was a scan', async () => {
    const m = await get<SearchResponse>('/api/search?q=MATRIX');
    expect(m.mode).toBe('scan');
    expect(m.complete).toBe(true);
    expect(m.note).toMatch(/No full-text index covers Movie, Person/);
    expect(m.hits.map((h) => h.name).sort()).toEqual(
      ['The Matrix', 'The Matrix Reloaded', 'The Matrix Revolutions'].sort(),
    );
    expect(m.hits.every((h) => h.labels.includes('Movie'))).toBe(true);
    const k = await get<SearchResponse>('/api/search?q=keanu');
    expect(k.hits.map((h) => h.name)).toEqual(['Keanu Reeves']);
    // every word must be in the caption
    expect((await get<SearchResponse>('/api/search?q=matrix%20reloaded')).hits.map((h) => h.name)).toEqual([
      'The Matrix Reloaded',
    ]);
    expect((await get<SearchResponse>('/api/search?q=zzzz')).hits).toEqual([]);
  });

  it('says the results may be incomplete when the scan stops at its cap', async () => {
    const small = await appOver({ scanLimit: 10 });
    try {
      const r = await get<SearchResponse>('/api/search?q=a', 200, small);
      expect(r.complete).toBe(false);
      expect(r.note).toMatch(/at most 10 nodes.*some matches may be missing/);
      expect(r.hits.length).toBeLessThanOrEqual(10);
    } finally {
      await small.close();
    }
  });
});

describe('the search index Parley offers', () => {
  it('says no index covers the labels, and what it would create, without creating it', async () => {
    const s = await get<SearchIndexStatus>('/api/search/index');
    expect(s).toMatchObject({
      name: 'parley_search',
      exists: false,
      state: null,
      covers: false,
      labels: ['Movie', 'Person'],
      properties: ['name', 'tagline', 'title'],
      missing: { labels: ['Movie', 'Person'], properties: ['name', 'tagline', 'title'] },
      owned: false,
    });
    expect(s.statement).toBe(
      'CREATE FULLTEXT INDEX parley_search IF NOT EXISTS FOR (n:`Movie`|`Person`) ON EACH [n.`name`, n.`tagline`, n.`title`] ' +
        "OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } }",
    );
    expect(await repos.catalog.fulltextIndexes()).toEqual([]);
  });

  it('creates it only on an explicit request carrying the token', async () => {
    const refused = await app.inject({ method: 'POST', url: '/api/search/index' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ error: string }>().error).toBe('unauthorized');
    expect(await repos.catalog.fulltextIndexes()).toEqual([]);

    const res = await app.inject({
      method: 'POST',
      url: '/api/search/index',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SearchIndexStatus>()).toMatchObject({
      exists: true,
      state: 'ONLINE',
      covers: true,
      missing: { labels: [], properties: [] },
    });
    // asking again changes nothing
    const again = await app.inject({
      method: 'POST',
      url: '/api/search/index',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(again.json<SearchIndexStatus>().covers).toBe(true);
    // `repos` is another app's (the scan-limit one above): its catalog keeps what it read for 10 s, as search does
    repos.catalog.refresh();
    expect((await repos.catalog.fulltextIndexes()).map((i) => i.name)).toEqual(['parley_search']);
  });

  it('then searches every label in full text: complete, prefix and spelling forgiving, taglines too', async () => {
    const m = await get<SearchResponse>('/api/search?q=matrix');
    expect(m).toMatchObject({ mode: 'fulltext', complete: true });
    expect(m.note).toBeUndefined();
    expect(m.hits.map((h) => h.name)).toEqual(
      expect.arrayContaining(['The Matrix', 'The Matrix Reloaded', 'The Matrix Revolutions']),
    );
    expect((await get<SearchResponse>('/api/search?q=keanu')).hits[0]?.name).toBe('Keanu Reeves');
    expect((await get<SearchResponse>('/api/search?q=Keanu%20Reevs')).hits[0]?.name).toBe('Keanu Reeves');
    expect((await get<SearchResponse>('/api/search?q=welcome%20real%20world')).hits[0]?.name).toBe('The Matrix');
  });

  it('is created at start by itself only on a database Parley owns', async () => {
    await movies.db.query('DROP INDEX parley_search', {}, { mode: 'write' });
    const logged: string[] = [];
    // start.ts calls this only when Parley owns the database; here it is called as start would on its own one
    await ensureSearchIndex(createRepositories(movies.db, { ownsDatabase: true }), (m) => logged.push(m));
    expect(logged).toEqual(['creating the search index parley_search over 2 labels (Movie, Person had none)']);
    repos.catalog.refresh();
    expect(await get<SearchIndexStatus>('/api/search/index')).toMatchObject({ covers: true, state: 'ONLINE' });
    // and once it covers everything, it does nothing
    await ensureSearchIndex(createRepositories(movies.db, { ownsDatabase: true }), (m) => logged.push(m));
    expect(logged).toHaveLength(1);
  });
});

describe('captions', () => {
  it('follow the rule until a setting overrides one, remembered in the database and out of the graph', async () => {
    expect(await get<CaptionSettings>('/api/settings/captions')).toEqual({ captions: {} });
    const put = (body: unknown, token = TOKEN) =>
      app.inject({
        method: 'PUT',
        url: '/api/settings/captions',
        headers: { authorization: `Bearer ${token}` },
        payload: body as object,
      });
    expect((await put({ captions: { Movie: 'tagline' } }, 'wrong-token-0')).statusCode).toBe(401);
    const bad = await put({ captions: { Movie: 'released', Nope: 'name' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(
      /"released" is not a string property of Movie \(choose one of: tagline, title\); no label "Nope"/,
    );
    expect((await put({ captions: { 'Movie`) DETACH DELETE n //': 'name' } })).statusCode).toBe(400);

    const ok = await put({ captions: { Movie: 'tagline' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await get<CaptionSettings>('/api/settings/captions')).toEqual({ captions: { Movie: 'tagline' } });
    // a new app over the same database (a restart) still knows it
    const other = await appOver();
    try {
      const s = await get<SchemaResponse>('/api/schema', 200, other);
      expect(s.labels.find((l) => l.label === 'Movie')).toMatchObject({ caption: 'tagline', captionSource: 'setting' });
      expect(s.labels.map((l) => l.label)).toEqual(['Movie', 'Person']);
      const g = await get<Subgraph>('/api/graph?limit=5000', 200, other);
      expect(g.nodes).toHaveLength(171);
      expect(g.nodes.some((n) => n.labels.includes('ParleySettings'))).toBe(false);
    } finally {
      await other.close();
    }
    expect((await put({ captions: {} })).statusCode).toBe(200);
    repos.catalog.refresh();
    const s = await get<SchemaResponse>('/api/schema');
    expect(s.labels.find((l) => l.label === 'Movie')).toMatchObject({ caption: 'title', captionSource: 'rule' });
  });

  it('name nodes by the rule: name, else title', async () => {
    const g = await get<Subgraph>('/api/graph?labels=Movie&limit=5000');
    expect(g.nodes).toHaveLength(38);
    expect(g.nodes.map((n) => n.name)).toContain('The Matrix');
  });
});

describe('date-like properties', () => {
  it('filter the graph on the chosen property; other labels stay', async () => {
    const g = await get<Subgraph>('/api/graph?dateProperty=released&from=1999-01-01&to=1999-12-31&limit=5000');
    const films = g.nodes.filter((n) => n.labels.includes('Movie'));
    expect(films.map((n) => n.name).sort()).toEqual(
      ['Snow Falling on Cedars', 'The Green Mile', 'The Matrix', 'Bicentennial Man'].sort(),
    );
    expect(films.every((n) => n.properties.released === 1999)).toBe(true);
    expect(g.nodes.filter((n) => n.labels.includes('Person'))).toHaveLength(133);
    const born = await get<Subgraph>('/api/graph?dateProperty=born&to=1940-06-30&limit=5000');
    const people = born.nodes.filter((n) => n.labels.includes('Person'));
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((n) => typeof n.properties.born === 'number' && n.properties.born <= 1940)).toBe(true);
    expect(born.nodes.filter((n) => n.labels.includes('Movie'))).toHaveLength(38);
  });

  it('refuses a property that is not date-like, or not a name, saying which to use', async () => {
    const r = await get<{ message: string }>('/api/graph?dateProperty=tagline&from=1999-01-01', 400);
    expect(r.message).toBe(
      'dateProperty: "tagline" is not a date-like property of any label; use one of: born, released.',
    );
    const inj = await get<{ message: string }>('/api/graph?dateProperty=released%60)%20DETACH&from=1999-01-01', 400);
    expect(inj.message).toMatch(/dateProperty: must be a label or property name/);
  });
});

describe('views that need Parley’s model, and evidence', () => {
  it('who-met-whom says why it is empty and what it needs', async () => {
    const keanu = (await get<SearchResponse>('/api/search?q=keanu')).hits[0]!;
    const r = await get<MetResponse>(`/api/met?person=${encodeURIComponent(keanu.id)}`);
    expect(r.person.name).toBe('Keanu Reeves');
    expect(r.met).toEqual([]);
    expect(r.reason).toBe(
      'Who met whom needs Parley’s model: Person nodes linked by ATTENDED relationships to Meeting nodes. ' +
        'This database has no Meeting nodes and no ATTENDED relationships.',
    );
  });

  it('relationships without a document carry no evidence and are not inferred', async () => {
    const keanu = (await get<SearchResponse>('/api/search?q=keanu')).hits[0]!;
    const d = await get<NodeDetails>(`/api/nodes/${encodeURIComponent(keanu.id)}`);
    expect(d.relationships.length).toBeGreaterThanOrEqual(7);
    expect(d.relationships.every((r) => r.edge.evidence.length === 0 && !r.edge.inferred)).toBe(true);
    expect(d.sources).toEqual([]);
    expect(d.relationships.find((r) => r.other.name === 'The Matrix')?.edge.properties).toEqual({ roles: ['Neo'] });
  });
});

describe('the generic library queries on the movies graph', () => {
  const run = (name: string, params: Record<string, JsonValue>) => {
    const q = repos.cypher.library().find((x) => x.name === name);
    if (!q) throw new Error(`no library query ${name}`);
    return repos.cypher.run(q.text, params);
  };

  it('ranks nodes by degree', async () => {
    const r = await run('top-degree', { label: 'Person', limit: 3 });
    expect(r.rows).toHaveLength(3);
    const top = r.rows[0]?.n as { properties: { name?: string } };
    expect(top.properties.name).toBe('Tom Hanks');
    expect(r.rows[0]?.degree).toBe(13);
    expect(r.graph.nodes).toHaveLength(3);
  });

  it('lists the neighbours of a label', async () => {
    const r = await run('label-neighbours', { label: 'Movie', limit: 5 });
    expect(r.rows).toHaveLength(5);
    expect(r.rows.every((row) => Array.isArray(row.labels) && row.labels.includes('Person'))).toBe(true);
    expect(r.rows[0]?.links).toBe(12);
  });

  it('finds the paths between two nodes by element id', async () => {
    const [keanu] = (await get<SearchResponse>('/api/search?q=keanu')).hits;
    const [hugo] = (await get<SearchResponse>('/api/search?q=hugo%20weaving')).hits;
    const r = await run('paths-between', { from: keanu!.id, to: hugo!.id });
    expect(r.rows.length).toBeGreaterThanOrEqual(3);
    expect(r.rows.every((row) => row.hops === 2)).toBe(true);
  });

  it('counts labels and relationship types', async () => {
    const r = await run('label-counts', {});
    expect(r.rows).toContainEqual({ kind: 'label', name: 'Movie', count: 38 });
    expect(r.rows).toContainEqual({ kind: 'label', name: 'Person', count: 133 });
    expect(r.rows).toContainEqual({ kind: 'relationship type', name: 'ACTED_IN', count: 172 });
  });
});
