/**
 * Property-based: the guard's verdict agrees with Neo4j's own EXPLAIN on generated read and write queries (in
 * random keyword case, with comments and CYPHER prefixes, in subqueries), and nothing it accepts changes the graph.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, expect } from 'vitest';
import { ConsoleRefusal } from '../../server/src/console';
import { guard } from '../../server/src/neo4j/console';
import { createTestApp, type TestApp } from '../_helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const kw = (word: string) => fc.constantFrom(word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase());
const sep = fc.constantFrom(' ', '\n', ' /* note */ ', ' // why\n', '\t');
const join = (parts: string[], seps: string[]) =>
  parts.map((p, i) => (i === 0 ? p : `${seps[i - 1] ?? ' '}${p}`)).join('');

const pattern = fc.constantFrom(
  '(a:Person)',
  '(a:Meeting)-[r:DISCUSSED]->(b:Issue)',
  '(a)-[r]-(b:Agency)',
  '(a:Person)-[r:ATTENDED]->(b)',
  '(a:Issue)',
);
const where = fc.constantFrom('', "a.name STARTS WITH 'S'", 'a.id IS NOT NULL', 'NOT a:Place');
const ret = fc.constantFrom('a', 'a.name AS name', 'count(*) AS n', 'labels(a) AS l', 'collect(a.id)[0..2] AS ids');
const write = fc.constantFrom(
  'CREATE (:Canary {k: 1})',
  'SET a.canary = 1',
  'SET a:Canary',
  'REMOVE a.canary',
  'MERGE (:Canary {k: 2})',
  'DETACH DELETE a',
  'FOREACH (i IN [1] | CREATE (:Canary))',
  'CALL (a) { SET a.canary = 2 }',
  'MERGE (a)-[:CANARY]->(a)',
);
const prefix = fc.constantFrom('', 'CYPHER ', 'CYPHER runtime=slotted ', '// a comment first\n', '/* c */ ');

const query = fc
  .record({
    prefix,
    optional: fc.boolean(),
    pattern,
    where,
    write: fc.option(write, { nil: null }),
    ret,
    sub: fc.boolean(),
    kws: fc.tuple(kw('MATCH'), kw('OPTIONAL'), kw('WHERE'), kw('RETURN'), kw('WITH'), kw('CALL')),
    seps: fc.array(sep, { minLength: 8, maxLength: 8 }),
  })
  .map(({ prefix, optional, pattern, where, write, ret, sub, kws, seps }) => {
    const [MATCH, OPTIONAL, WHERE, RETURN, WITH, CALL] = kws;
    const match = `${optional ? `${OPTIONAL} ` : ''}${MATCH} ${pattern}`;
    const parts = [match];
    if (where) parts.push(`${WHERE} ${where}`);
    if (write) parts.push(write);
    if (write && ret.includes('count')) parts.push(`${WITH} count(*) AS n ${RETURN} n`);
    else parts.push(`${RETURN} ${write ? 'a' : ret}`);
    let body = join(parts, seps);
    if (sub) body = `${CALL} () {${seps[6]}${body}${seps[7]}}${seps[5]}${RETURN} *`;
    return { text: `${prefix}${body}`, writes: write !== null };
  });

async function explainType(text: string): Promise<string> {
  const session = t.db.driver.session();
  try {
    const res = await session.run(`EXPLAIN ${text}`);
    return String(res.summary.queryType);
  } finally {
    await session.close();
  }
}

async function verdict(text: string): Promise<string> {
  try {
    await guard(t.db, text);
    return 'accepted';
  } catch (err) {
    if (err instanceof Error && 'code' in err) return String((err as { code: unknown }).code);
    throw err;
  }
}

test.prop([query], { numRuns: 80 })('the guard accepts exactly what EXPLAIN calls a read', async ({ text, writes }) => {
  const type = await explainType(text);
  expect(type === 'r', `EXPLAIN says ${type} for: ${text}`).toBe(!writes);
  const v = await verdict(text);
  expect(v, text).toBe(type === 'r' ? 'accepted' : 'write_not_allowed');
});

test.prop([query.filter((q) => !q.writes)], { numRuns: 20 })(
  'accepted queries run and leave the graph as it was',
  async ({ text }) => {
    const before = await t.db.query('MATCH (n) RETURN count(n) AS n, sum(size(keys(n))) AS k');
    const res = await t.repos.cypher.run(text).catch((e: unknown) => e);
    expect(res instanceof ConsoleRefusal, text).toBe(false);
    expect(await t.db.query('MATCH (n) RETURN count(n) AS n, sum(size(keys(n))) AS k')).toEqual(before);
  },
);
