/**
 * The guard's lexer against Neo4j's own parser (issue 12): generated whitespace, near-miss characters and
 * identifiers, planned with EXPLAIN on the real Neo4j 5.26. The lexer must skip exactly what Neo4j skips, and a
 * plugin function must be refused whatever separates its name from its namespace. Also: the plan's details show
 * the namespaced functions Neo4j parsed, so layer 2 sees them even where layer 1 would not.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CypherResponse } from '../../contract';
import { isCypherWhitespace, lexCypher, namespacedCalls, type PlanNode } from '../../server/src/console';
import { explain, guard } from '../../server/src/neo4j/console';
import { createTestApp, type TestApp } from '../_helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Neo4j's whitespace, and characters that look like it or sit next to it in Unicode. */
const NEO4J_SPACES = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u001c',
  '\u001d',
  '\u001e',
  '\u001f',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
];
const NEAR_MISSES = [
  '\u0085',
  '\u180e',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u001b',
  '\u007f',
  '\u00ad',
];

const seed = 20260412;
const space = fc.constantFrom(...NEO4J_SPACES);
const anyChar = fc.oneof({ weight: 3, arbitrary: space }, { weight: 1, arbitrary: fc.constantFrom(...NEAR_MISSES) });
const gap = (ch: fc.Arbitrary<string>) => fc.array(ch, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));
const ident = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,7}$/)
  .filter((s) => !['as', 'return', 'with', 'in', 'or'].includes(s));

async function parses(text: string): Promise<boolean> {
  const session = t.db.driver.session();
  try {
    await session.run(`EXPLAIN ${text}`);
    return true;
  } catch {
    return false;
  } finally {
    await session.close();
  }
}

const texts = (q: string) => lexCypher(q).map((x) => x.text);

describe('the lexer reads whitespace as Neo4j does', () => {
  test.prop([gap(anyChar), gap(anyChar), gap(anyChar), ident, ident], { numRuns: 60, seed })(
    'Neo4j parses the query exactly when the lexer sees its shape: words apart, the two names alike',
    async (g1, g2, g3, a, b) => {
      const q = `WITH 1 AS ${a}${g1}RETURN${g2}${a}${g3}AS ${b}`;
      const tokens = lexCypher(q);
      const shape = tokens.map((x) =>
        x.kind === 'word' && !['WITH', 'AS', 'RETURN'].includes(x.upper) ? 'name' : x.text,
      );
      const expected =
        JSON.stringify(shape) === JSON.stringify(['WITH', '1', 'AS', 'name', 'RETURN', 'name', 'AS', 'name']) &&
        tokens[3]?.text === tokens[5]?.text;
      expect(await parses(q), JSON.stringify(q)).toBe(expected);
      if ([...g1, ...g2, ...g3].every(isCypherWhitespace))
        expect(texts(q)).toEqual(['WITH', '1', 'AS', a, 'RETURN', a, 'AS', b]);
    },
  );

  it('agrees on every character of the Neo4j set and the near misses, one at a time', async () => {
    for (const c of [...NEO4J_SPACES, ...NEAR_MISSES]) {
      const q = `RETURN${c}1 AS x`;
      expect({ c: c.codePointAt(0), parses: await parses(q) }).toEqual({
        c: c.codePointAt(0),
        parses: isCypherWhitespace(c),
      });
    }
  });
});

describe('plugin functions cannot hide behind whitespace', () => {
  async function verdict(text: string): Promise<string> {
    try {
      await guard(t.db, text);
      return 'accepted';
    } catch (err) {
      if (err instanceof Error && 'code' in err) return String((err as { code: unknown }).code);
      throw err;
    }
  }

  test.prop([ident, ident, gap(space), gap(space)], { numRuns: 30, seed })(
    'a namespaced call that is not Cypher’s own is refused, whatever whitespace Neo4j skips around the dot',
    async (ns, fn, g1, g2) => {
      fc.pre(
        ![
          'date',
          'datetime',
          'localdatetime',
          'localtime',
          'time',
          'duration',
          'point',
          'vector',
          'db',
          'graph',
        ].includes(ns),
      );
      expect(await verdict(`RETURN ${ns}${g1}.${g2}${fn}() AS v`)).toBe('function_not_allowed');
    },
  );

  it('answers the issue’s examples with 403 and the reason', async () => {
    const post = async (query: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/cypher', payload: { query } });
      return { status: res.statusCode, error: (res.json() as { error?: string }).error };
    };
    expect(await post('RETURN apoc\u001c.version()')).toEqual({ status: 403, error: 'function_not_allowed' });
    expect(await post('\u001cSHOW TRANSACTIONS')).toEqual({ status: 403, error: 'admin_not_allowed' });
  });

  it('finds the namespaced functions Neo4j parsed in the plan’s details (what layer 2 checks)', async () => {
    const e = await explain(
      t.db,
      "MATCH (n:Meeting) WHERE n.date >= date.truncate('month', date('2025-02-10')) RETURN duration.between(date(), date()) AS d",
      {},
      10_000,
    );
    const found: string[] = [];
    const walk = (p: PlanNode) => {
      const d = p.arguments.Details;
      if (typeof d === 'string') found.push(...namespacedCalls(lexCypher(d)).map((c) => c.name));
      p.children.forEach(walk);
    };
    if (e.plan) walk(e.plan);
    expect(found.sort()).toEqual(['date.truncate', 'duration.between']);
  });
});

describe('console answers', () => {
  it('keeps __proto__ and constructor columns as data (issue 12)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cypher',
      payload: { query: 'RETURN 1 AS `__proto__`, 2 AS constructor, {`__proto__`: 3, constructor: 4} AS m' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as CypherResponse;
    expect(body.columns).toEqual(['__proto__', 'constructor', 'm']);
    expect(res.body).toContain('"rows":[{"__proto__":1,"constructor":2,"m":{"__proto__":3,"constructor":4}}]');
    expect(Object.keys(body.rows[0] ?? {})).toEqual(['__proto__', 'constructor', 'm']);
  });
});
