// neo4j/convert.ts: driver values to plain JSON; graph values cannot be forged, `__proto__` stays data.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { isPlainNode, isPlainPath, toParams, toPlain } from '../../server/src/neo4j/convert';

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
