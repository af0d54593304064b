// neo4j/queries.ts: the header and text of cypher/queries/*.cypher files.
import { describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../server/src/neo4j/queries';

describe('parseQueryFile', () => {
  it('reads the // key: value header, continuation lines, and the query after it', () => {
    const q = parseQueryFile(
      'demo',
      '// title: Demo\n// description: first line\n//   second line\n// params: {"n": 1}\n\nMATCH (n)\nRETURN n LIMIT $n\n',
    );
    expect(q.meta).toEqual({ title: 'Demo', description: 'first line\nsecond line', params: '{"n": 1}' });
    expect(q.text).toBe('MATCH (n)\nRETURN n LIMIT $n');
  });
  it('refuses a file with no query', () => {
    expect(() => parseQueryFile('empty', '// title: nothing\n')).toThrow(/has no query/);
  });
});
