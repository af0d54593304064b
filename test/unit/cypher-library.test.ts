import { describe, expect, it } from 'vitest';
import type { CypherResponse } from '../../contract';
import { parseQueryFile, QueryLibrary } from '../../server/src/neo4j/queries';
import { toLibraryQuery } from '../../server/src/repositories/cypher';
import { checkExpectations, parseExpectation } from '../_expectations';
import { consoleRateLimit } from '../../server/src/routes/cypher';

const res: CypherResponse = {
  columns: ['name', 'n', 'tags'],
  rows: [
    { name: 'Istanbul', n: 3, tags: ['a', 'b'] },
    { name: 'Moscow', n: 1, tags: [] },
  ],
  graph: { nodes: [], edges: [] },
  summary: { queryType: 'r', resultAvailableAfterMs: 1, rowCount: 2, truncated: false, maxRows: 1000 },
};

describe('expectations', () => {
  it('parses every form and refuses nonsense with a hint', () => {
    expect(parseExpectation('rows >= 1')).toEqual({ kind: 'count', subject: 'rows', op: '>=', value: 1 });
    expect(parseExpectation('columns = a, b')).toEqual({ kind: 'columns', columns: ['a', 'b'] });
    expect(parseExpectation('some name = "x y"')).toMatchObject({ kind: 'cell', column: 'name', value: 'x y' });
    expect(() => parseExpectation('rows are many')).toThrow(/not understood/);
    expect(() => parseExpectation('some name = Istanbul')).toThrow(/must be JSON/);
  });
  it('holds and fails as written', () => {
    expect(
      checkExpectations(['rows = 2', 'columns = name, n, tags', 'some name = "Istanbul"', 'every n >= 1'], res),
    ).toEqual([]);
    expect(
      checkExpectations(['rows > 2', 'some name = "Paris"', 'every n > 1', 'some tags contains "b"'], res),
    ).toEqual(['rows > 2', 'some name = "Paris"', 'every n > 1']);
    expect(checkExpectations(['every n >= 0'], { ...res, rows: [] })).toEqual(['every n >= 0']);
  });
});

describe('library entries', () => {
  it('carry title, description, example params and expect lines', () => {
    const q = toLibraryQuery(
      parseQueryFile(
        'x',
        '// title: T\n// description: D\n// params: {"n": 2}\n// expect: rows >= 1\n// expect: rows <= 5\nRETURN $n',
      ),
    );
    expect(q).toEqual({
      name: 'x',
      title: 'T',
      description: 'D',
      params: { n: 2 },
      text: 'RETURN $n',
      expect: ['rows >= 1', 'rows <= 5'],
    });
  });
  it('every file in cypher/queries has a title, a description, JSON params and understood expectations', () => {
    for (const nq of new QueryLibrary().list()) {
      const q = toLibraryQuery(nq);
      expect(nq.meta.title, nq.name).toBeTruthy();
      expect(nq.meta.description, nq.name).toBeTruthy();
      expect(() => JSON.parse(nq.meta.params ?? '{}'), nq.name).not.toThrow();
      q.expect.forEach((line) => expect(() => parseExpectation(line)).not.toThrow());
    }
  });
});

describe('console rate limit', () => {
  it('is a fifth of the global limit, at least 1', () => {
    expect(consoleRateLimit(300)).toBe(60);
    expect(consoleRateLimit(3)).toBe(1);
  });
});
