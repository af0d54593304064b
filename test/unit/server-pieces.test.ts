// Small pure pieces of the server, on hand-written inputs with exact expected results.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { toLuceneQuery } from '../../server/src/repositories/search';
import { escapeName, isValidName } from '../../server/src/neo4j/names';
import { parseQueryFile } from '../../server/src/neo4j/queries';
import { schemaStatements, relationshipId } from '../../server/src/repositories/dataset';
import { ConfigError, loadConfig } from '../../server/src/config';
import { evidenceOf, displayName } from '../../server/src/repositories/shape';

describe('toLuceneQuery', () => {
  it('matches each word exactly, as a prefix and (from four letters) within one edit', () => {
    expect(toLuceneQuery('Darchiev')).toBe('(darchiev^3 OR darchiev* OR darchiev~1)');
    expect(toLuceneQuery('US')).toBe('(us^3 OR us*)');
  });
  it('requires every word and folds accents and case', () => {
    expect(toLuceneQuery('Sonáta  COULTER')).toBe(
      '(sonata^3 OR sonata* OR sonata~1) AND (coulter^3 OR coulter* OR coulter~1)',
    );
  });
  it('returns null when nothing searchable is left', () => {
    expect(toLuceneQuery('  *?:~ ')).toBeNull();
    expect(toLuceneQuery('')).toBeNull();
  });
  fcTest.prop([fc.string({ maxLength: 60 })])('never lets a Lucene operator character through', (q) => {
    const out = toLuceneQuery(q);
    if (out === null) return;
    // Only the operators the builder itself writes may appear.
    const stripped = out.replace(/\^3|\*|~1|\(|\)| OR | AND /g, ' ');
    expect(stripped).not.toMatch(/[+\-&|!(){}[\]^"~*?:\\/]/);
  });
});

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

describe('schemaStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    expect(schemaStatements('// c\nCREATE A;\nCREATE B\n  ON X;\n')).toEqual(['CREATE A', 'CREATE B\n  ON X']);
  });
});

describe('relationship ids and evidence', () => {
  it('names a relationship by its ends and type', () => {
    expect(relationshipId({ source: 'person:a', type: 'LEADS', target: 'agency:b' })).toBe('person:a|LEADS|agency:b');
  });
  it('pairs quotes with their source ids', () => {
    expect(evidenceOf({ quotes: ['q1', 'q2'], sourceIds: ['source:a', 'source:b'] })).toEqual([
      { quote: 'q1', sourceId: 'source:a' },
      { quote: 'q2', sourceId: 'source:b' },
    ]);
    expect(evidenceOf({})).toEqual([]);
  });
  it('names a node by name, then title, then any text, then its id', () => {
    expect(displayName({ name: 'A', title: 'B' }, 'id')).toBe('A');
    expect(displayName({ title: 'B' }, 'id')).toBe('B');
    expect(displayName({ born: 1964, tagline: 'T' }, 'id')).toBe('T');
    expect(displayName({ born: 1964 }, 'id')).toBe('id');
  });
});

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.NEO4J_URI).toBeUndefined();
    expect(c.PARLEY_LOAD_SEED).toBe(true);
  });
  it('lists every bad variable at once, by name', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://x', PARLEY_LOAD_SEED: 'maybe', PARLEY_NEO4J_HEAP: 'lots' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT/);
    expect(msg).toMatch(/NEO4J_URI: must be a bolt/);
    expect(msg).toMatch(/PARLEY_LOAD_SEED/);
    expect(msg).toMatch(/PARLEY_NEO4J_HEAP: must be a size such as 512m or 1g/);
  });
  it('treats empty strings as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }).PORT).toBe(8080);
  });
});
