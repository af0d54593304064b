// neo4j/names.ts: labels, types and keys validated and escaped before they reach Cypher.
import { describe, expect, it } from 'vitest';
import { escapeName, isValidName } from '../../server/src/neo4j/names';

describe('escapeName', () => {
  it('backtick-quotes plain names', () => {
    expect(escapeName('Person')).toBe('`Person`');
    expect(escapeName('HELD_IN')).toBe('`HELD_IN`');
  });
  it('refuses anything that could break out of the identifier', () => {
    for (const bad of ['', 'a b', 'x`) DETACH DELETE n //', '1abc', 'a-b', 'a:b']) {
      expect(isValidName(bad)).toBe(false);
      expect(() => escapeName(bad)).toThrow(/neo4j\/names/);
    }
  });
});
