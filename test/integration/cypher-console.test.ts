/**
 * POST /api/cypher against the real Neo4j with the seed: results and graph, refusals of writes in every disguise,
 * LOAD CSV against a local canary server, timeouts, cancellation, and no transaction left behind.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CypherResponse } from '../../contract';
import { createTestApp, type TestApp } from '../_helpers';

let t: TestApp;
let canary: Server;
let canaryHits = 0;
let canaryUrl = '';

const RUNAWAY = 'UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n';

async function post(query: string, params?: Record<string, unknown>, app = t.app) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/cypher',
    payload: { query, ...(params ? { params } : {}) },
  });
  return {
    status: res.statusCode,
    body: res.json() as CypherResponse & { error?: string; message?: string; position?: unknown },
  };
}

async function counts() {
  const rows = await t.db.query(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
     CALL () { MATCH (n) UNWIND keys(n) AS k RETURN count(k) AS props }
     CALL () { MATCH (n) UNWIND labels(n) AS l RETURN count(l) AS labels }
     RETURN nodes, rels, props, labels`,
  );
  const indexes = await t.db.driver.executeQuery('SHOW INDEXES YIELD name RETURN count(*) AS n');
  const constraints = await t.db.driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN count(*) AS n');
  return {
    ...rows[0],
    indexes: Number(indexes.records[0]?.get('n')),
    constraints: Number(constraints.records[0]?.get('n')),
  };
}

/** Transactions other than the one asking. */
async function otherTransactions(): Promise<string[]> {
  const res = await t.db.driver.executeQuery(
    'SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery',
    {},
    {
      routing: neo4j.routing.READ,
    },
  );
  return res.records.map((r) => String(r.get('currentQuery'))).filter((q) => !q.includes('SHOW TRANSACTIONS'));
}

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, tries = 50): Promise<T> {
  let v = await probe();
  for (let i = 0; i < tries && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await probe();
  }
  return v;
}

beforeAll(async () => {
  t = await createTestApp();
  canary = createServer((req, res) => {
    canaryHits++;
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}/people.csv`;
});

afterAll(async () => {
  await new Promise((r) => canary.close(r));
  await t.close();
});

describe('POST /api/cypher: results', () => {
  it('returns columns, plain rows, a graph with API ids, and a summary', async () => {
    const { status, body } = await post(
      "MATCH (p:Person {id: 'person:sonata-coulter'})-[r:ATTENDED]->(m:Meeting) RETURN p, r, m, m.date AS date, p.name AS name",
    );
    expect(status).toBe(200);
    expect(body.columns).toEqual(['p', 'r', 'm', 'date', 'name']);
    expect(body.rows).toHaveLength(1);
    const row = body.rows[0]!;
    expect(row.name).toBe('Sonata Coulter');
    expect(row.p).toMatchObject({ $kind: 'node', id: 'person:sonata-coulter', labels: ['Person'] });
    expect(row.r).toMatchObject({
      $kind: 'relationship',
      type: 'ATTENDED',
      source: 'person:sonata-coulter',
      target: 'meeting:istanbul-april-10',
    });
    expect(body.graph.nodes.map((n) => n.id).sort()).toEqual(['meeting:istanbul-april-10', 'person:sonata-coulter']);
    expect(body.graph.edges).toHaveLength(1);
    expect(body.graph.edges[0]!.evidence.length).toBeGreaterThan(0);
    expect(body.summary).toMatchObject({ queryType: 'r', rowCount: 1, truncated: false });
  });

  it('fetches the end nodes of relationships returned alone, so edges can be drawn', async () => {
    const { body } = await post("MATCH (:Person {id: 'person:donald-trump'})-[r]->() RETURN r");
    expect(body.rows.length).toBeGreaterThan(1);
    expect(body.graph.edges).toHaveLength(body.rows.length);
    const ids = new Set(body.graph.nodes.map((n) => n.id));
    expect(ids.has('person:donald-trump')).toBe(true);
    for (const e of body.graph.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('converts paths, dates, points, big integers and maps', async () => {
    const { body } = await post(
      "MATCH p = (:Person {id: 'person:sonata-coulter'})-[:MEMBER_OF]->(:Agency) RETURN p, date('2025-04-10') AS d, point({x: 1, y: 2}) AS pt, 9007199254740993 AS big, {a: [1, 2.5, null]} AS m",
    );
    const row = body.rows[0]!;
    expect(row.p).toMatchObject({
      $kind: 'path',
      nodes: [{ id: 'person:sonata-coulter' }, { id: 'agency:us-state-department' }],
    });
    expect(row.d).toBe('2025-04-10');
    expect(row.pt).toEqual({ srid: 7203, x: 1, y: 2 });
    expect(row.big).toBe('9007199254740993');
    expect(row.m).toEqual({ a: [1, 2.5, null] });
    expect(body.graph.edges).toHaveLength(1);
  });

  it('passes JSON parameters, whole numbers as integers (LIMIT $n)', async () => {
    const { status, body } = await post('MATCH (n:Issue) RETURN n.name AS name ORDER BY name LIMIT $n', { n: 2 });
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(2);
  });

  it('caps rows at 1000 and says so', async () => {
    const { body } = await post('UNWIND range(1, 5000) AS x RETURN x');
    expect(body.rows).toHaveLength(1000);
    expect(body.summary).toMatchObject({ truncated: true, rowCount: 1000, maxRows: 1000 });
    expect(body.rows[999]).toEqual({ x: 1000 });
  });

  it('answers a syntax error with 400, Neo4j’s message and the position in the user’s text', async () => {
    const { status, body } = await post('MATCH (n)\nRETURN n LIMT 3');
    expect(status).toBe(400);
    expect(body.error).toBe('cypher_error');
    expect(body.message).toContain("Invalid input 'LIMT'");
    expect(body.position).toEqual({ line: 2, column: 10, offset: 19 });
  });

  it('answers bad bodies with 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cypher', payload: { query: 'RETURN 1', params: [1] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/params/);
    expect((await post('   ')).body.error).toBe('empty_query');
  });

  it('allows the schema procedures and full-text search', async () => {
    expect((await post('CALL db.labels() YIELD label RETURN label')).status).toBe(200);
    expect((await post('CALL db.schema.visualization()')).status).toBe(200);
    const ft = await post("CALL db.index.fulltext.queryNodes('entity_search', 'Darchiyev') YIELD node RETURN node");
    expect(ft.status).toBe(200);
    expect(ft.body.graph.nodes.map((n) => n.id)).toContain('person:aleksandr-darchiyev');
  });
});

describe('POST /api/cypher: read-only by construction', () => {
  const writes: [string, string][] = [
    ['CREATE (:Canary)', 'write_not_allowed'],
    ['create (:Canary)', 'write_not_allowed'],
    ['/* only reading */ CrEaTe (:Canary)', 'write_not_allowed'],
    ['// just a look\nMATCH (n) WITH n LIMIT 1 CREATE (:Canary)', 'write_not_allowed'],
    ['CYPHER runtime=slotted CREATE (:Canary)', 'write_not_allowed'],
    ['CYPHER 5 MERGE (:Canary {x: 1})', 'write_not_allowed'],
    ['CREATE (:`Canary`) RETURN 1', 'write_not_allowed'],
    ['CREATE (n:Canary) SET n = $props', 'write_not_allowed'],
    ['MATCH (n:Person) SET n.canary = true', 'write_not_allowed'],
    ['MATCH (n:Person) SET n:Canary RETURN n', 'write_not_allowed'],
    ['MATCH (n:Person) REMOVE n.name', 'write_not_allowed'],
    ['MATCH (n:Person) DETACH DELETE n', 'write_not_allowed'],
    ['MATCH ()-[r]->() DELETE r', 'write_not_allowed'],
    ['FOREACH (x IN range(1, 3) | CREATE (:Canary))', 'write_not_allowed'],
    ['MATCH (n:Person) FOREACH (x IN [1] | SET n.canary = x)', 'write_not_allowed'],
    ['CALL () { CREATE (:Canary) } RETURN 1 AS x', 'write_not_allowed'],
    ['UNWIND [1] AS x CALL (x) { CREATE (:Canary {x: x}) RETURN x AS y } RETURN y', 'write_not_allowed'],
    ['RETURN 1 AS x UNION CREATE (:Canary) RETURN 2 AS x', 'write_not_allowed'],
    ['MATCH (n) WITH n LIMIT 1 MERGE (n)-[:CANARY]->(:Canary)', 'write_not_allowed'],
    ['CREATE INDEX canary FOR (n:Canary) ON (n.x)', 'write_not_allowed'],
    ['CREATE CONSTRAINT canary FOR (n:Canary) REQUIRE n.x IS UNIQUE', 'write_not_allowed'],
    ['DROP INDEX entity_search', 'write_not_allowed'],
    ['MATCH (n) CALL (n) { SET n.canary = 1 } IN TRANSACTIONS', 'in_transactions_not_allowed'],
    ["CALL db.createLabel('Canary')", 'procedure_not_allowed'],
    ["CALL db.createRelationshipType('CANARY')", 'procedure_not_allowed'],
    ["CALL db.createProperty('canary')", 'procedure_not_allowed'],
    ['CALL db.awaitIndexes(1)', 'procedure_not_allowed'],
    // not a procedure of Neo4j Community: refused when planned, with Neo4j's own message
    ["CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", 'database_rejected'],
    ['CALL dbms.components()', 'procedure_not_allowed'],
    ['CALL db.clearQueryCaches()', 'procedure_not_allowed'],
    ['MATCH (n) RETURN n; CREATE (:Canary)', 'multiple_statements'],
    ["RETURN 'a;b' AS s; CREATE (:Canary)", 'multiple_statements'],
    ['PROFILE CREATE (:Canary)', 'profile_not_allowed'],
    ['EXPLAIN CREATE (:Canary)', 'profile_not_allowed'],
    ['USE system CREATE DATABASE canary', 'use_not_allowed'],
    ['USE neo4j CREATE (:Canary)', 'use_not_allowed'],
    ['SHOW TRANSACTIONS', 'admin_not_allowed'],
    ["TERMINATE TRANSACTIONS 'neo4j-transaction-1'", 'admin_not_allowed'],
    ['CREATE DATABASE canary', 'admin_not_allowed'],
    ['CREATE USER canary SET PASSWORD "secret-secret"', 'admin_not_allowed'],
  ];

  it('refuses writes in every disguise with a 4xx that says why, and nothing changes', async () => {
    const before = await counts();
    for (const [query, code] of writes) {
      const { status, body } = await post(query, { props: { x: 1 } });
      expect({ query, status, error: body.error }).toEqual({ query, status: expect.any(Number), error: code });
      expect(status, query).toBeGreaterThanOrEqual(400);
      expect(status, query).toBeLessThan(500);
      expect(body.message, query).toBeTruthy();
    }
    expect(await counts()).toEqual(before);
    expect((await t.db.query('MATCH (n:Canary) RETURN count(n) AS n'))[0]).toEqual({ n: 0 });
  });

  it('says why in words', async () => {
    expect((await post('CREATE (:Canary)')).body.message).toMatch(/write queries are not allowed in the console/i);
    expect((await post(`LOAD CSV FROM '${canaryUrl}' AS l RETURN l`)).body.message).toMatch(/LOAD CSV is disabled/);
  });

  it('never lets LOAD CSV reach the network or the disk', async () => {
    const attempts = [
      `LOAD CSV FROM '${canaryUrl}' AS line RETURN line`,
      `load csv with headers from '${canaryUrl}' as row return row`,
      `/* harmless */ CYPHER runtime=slotted LOAD CSV FROM '${canaryUrl}' AS l RETURN count(l)`,
      `CALL () { LOAD CSV FROM '${canaryUrl}' AS l RETURN l } RETURN l`,
      `WITH $url AS u LOAD CSV FROM u AS l RETURN l`,
      `LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l`,
      `MATCH (n) WITH n LIMIT 1 LOAD CSV FROM '${canaryUrl}' AS l RETURN n, l`,
    ];
    for (const q of attempts) {
      const { status, body } = await post(q, { url: canaryUrl });
      expect({ q, status, error: body.error }).toEqual({ q, status: 403, error: 'load_csv_disabled' });
    }
    expect(canaryHits).toBe(0);
  });

  it('runs accepted queries in READ sessions only (and the database itself refuses writes there)', async () => {
    // Observe (not replace) the real driver: every session the console opens (on its own driver) must be READ.
    const driver = t.db.consoleDriver;
    const original = driver.session.bind(driver);
    const modes: unknown[] = [];
    const spy = vi.spyOn(driver, 'session').mockImplementation((config) => {
      modes.push(config?.defaultAccessMode);
      return original(config);
    });
    try {
      const { status } = await post('MATCH (n:Person) RETURN n.name AS name LIMIT 3');
      expect(status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    expect(modes.length).toBeGreaterThan(0);
    expect(new Set(modes)).toEqual(new Set([neo4j.session.READ]));

    const session = t.db.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      await expect(session.executeRead((tx) => tx.run('CREATE (:Canary)'))).rejects.toThrow(
        /read|access mode|not allowed/i,
      );
    } finally {
      await session.close();
    }
    expect((await t.db.query('MATCH (n:Canary) RETURN count(n) AS n'))[0]).toEqual({ n: 0 });
  });
});

describe('POST /api/cypher: runaway queries', () => {
  it('stops a query at the timeout with 504 query_timeout, and leaves no transaction running', async () => {
    const quick = await createTestApp({ config: { PARLEY_QUERY_TIMEOUT_MS: 800 } });
    try {
      const { status, body } = await post(RUNAWAY, undefined, quick.app);
      expect(status).toBe(504);
      expect(body.error).toBe('query_timeout');
      expect(await eventually(otherTransactions, (l) => l.length === 0)).toEqual([]);
    } finally {
      await quick.close();
    }
  });

  it('keeps serving while a runaway query runs, and cancels it when the client goes away', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const abort = new AbortController();
    const pending = fetch(`http://127.0.0.1:${port}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: RUNAWAY }),
      signal: abort.signal,
    }).catch((e: unknown) => e);
    const running = await eventually(otherTransactions, (l) => l.some((q) => q.includes('range(1, 100000000000)')));
    expect(running.some((q) => q.includes('range(1, 100000000000)'))).toBe(true);
    // the server still answers other requests
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const other = await post('MATCH (n:Person) RETURN count(n) AS n');
    expect(other.body.rows).toEqual([{ n: 6 }]);
    abort.abort();
    expect(await pending).toBeInstanceOf(Error);
    expect(await eventually(otherTransactions, (l) => l.length === 0)).toEqual([]);
  });

  it('cancels through the repository’s AbortSignal too', async () => {
    const abort = new AbortController();
    const run = t.repos.cypher.run(RUNAWAY, {}, { signal: abort.signal }).catch((e: unknown) => e);
    await eventually(otherTransactions, (l) => l.length > 0);
    abort.abort();
    expect(String(await run)).toMatch(/cancelled/);
    expect(await eventually(otherTransactions, (l) => l.length === 0)).toEqual([]);
  });
});

describe('rate limit, library and schema routes', () => {
  it('limits the console more tightly than the rest', async () => {
    const limited = await createTestApp({ config: { PARLEY_RATE_LIMIT: 10 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await post('RETURN 1 AS x', undefined, limited.app)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const res = await limited.app.inject({ method: 'GET', url: '/api/queries' });
      expect(res.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('lists the query library', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/queries' });
    const names = (res.json() as { queries: { name: string }[] }).queries.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['people-who-met', 'meetings-by-issue', 'path-between-people']));
  });

  it('lists labels, relationship types and property keys', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cypher/schema' });
    expect(res.json()).toMatchObject({
      labels: expect.arrayContaining(['Person', 'Meeting']),
      relationshipTypes: expect.arrayContaining(['ATTENDED']),
      propertyKeys: expect.arrayContaining(['name', 'date']),
    });
  });
});
