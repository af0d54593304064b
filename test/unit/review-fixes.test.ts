// Hardening found in review: plugin functions in the console, graph-value forgery, `__proto__` keys, dates.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { ConsoleRefusal, inspectStatement } from '../../server/src/neo4j/console';
import { isPlainNode, isPlainPath, toParams, toPlain } from '../../server/src/neo4j/convert';
import { isoDateSchema as isoDate } from '../../contract';

function refusal(q: string): string | null {
  try {
    inspectStatement(q);
    return null;
  } catch (e) {
    return e instanceof ConsoleRefusal ? e.code : `other: ${String(e)}`;
  }
}

describe('console: namespaced functions', () => {
  it('refuses plugin functions in any spelling', () => {
    expect(refusal("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})")).toBe('function_not_allowed');
    expect(refusal('RETURN `apoc`.`load`.json("http://x") AS x')).toBe('function_not_allowed');
    expect(refusal('MATCH (n) WHERE gds.similarity.cosine([1],[1]) > 0 RETURN n')).toBe('function_not_allowed');
    expect(refusal('RETURN APOC . text . join(["a"], ",")')).toBe('function_not_allowed');
  });
  it('allows Cypher’s own namespaced functions, property access and procedures', () => {
    expect(refusal("RETURN date.truncate('month', date('2025-04-10')) AS d")).toBeNull();
    expect(
      refusal('RETURN duration.between(date(), date()) AS d, point.distance(point({x:1,y:1}), point({x:0,y:0}))'),
    ).toBeNull();
    expect(refusal('RETURN vector.similarity.cosine([1.0], [1.0]) AS s')).toBeNull();
    expect(refusal('MATCH (n) RETURN n.name, n.date.year')).toBeNull();
    expect(refusal("CALL db.index.fulltext.queryNodes('entity_search', 'x') YIELD node RETURN node")).toBeNull();
    expect(refusal("RETURN 'apoc.cypher.run(x)' AS text // apoc.do.it()")).toBeNull();
  });
});

describe('convert: graph values cannot be forged', () => {
  it('does not take a user map with a $kind key for a node or a path', () => {
    expect(isPlainNode(toPlain({ $kind: 'node', elementId: 'x', labels: [], properties: {} }))).toBe(false);
    expect(isPlainPath(toPlain({ $kind: 'path', nodes: 5, relationships: 7 }))).toBe(false);
    expect(isPlainNode({ $kind: 'node', elementId: 'x', labels: [], properties: {} })).toBe(false);
  });
  it('marks real nodes, invisibly in JSON', () => {
    const n = toPlain(new neo4j.types.Node(neo4j.int(1), ['Person'], { name: 'A' }, '4:x:1'));
    expect(isPlainNode(n)).toBe(true);
    expect(JSON.parse(JSON.stringify(n))).toEqual({
      $kind: 'node',
      elementId: '4:x:1',
      labels: ['Person'],
      properties: { name: 'A' },
    });
  });
  it('keeps a __proto__ key as data, in results and in parameters', () => {
    const map = JSON.parse('{"__proto__": {"polluted": 1}, "a": 2}') as Record<string, unknown>;
    const plain = toPlain(map) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(plain)).toBe('{"__proto__":{"polluted":1},"a":2}');
    const params = toParams(map) as Record<string, unknown>;
    expect(Object.keys(params)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('isoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isoDate.safeParse('2025-04-10').success).toBe(true);
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-04-31', '2025-4-10', 'April 10']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
  });
});
