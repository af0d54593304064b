// repositories/search.ts: the type-ahead query builder.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { toLuceneQuery } from '../../server/src/repositories/search';

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
