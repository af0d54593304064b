import { describe, expect, it } from 'vitest';
import { count, errorHeading, humanKey } from '../../../client/src/utils/words';

describe('words', () => {
  it('pluralises counts', () => {
    expect(count(0, 'node')).toBe('0 nodes');
    expect(count(1, 'node')).toBe('1 node');
    expect(count(2, 'match', 'matches')).toBe('2 matches');
  });
  it('turns camelCase, snake_case and acronyms into phrases', () => {
    expect(humanKey('identityInferred')).toBe('Identity inferred');
    expect(humanKey('source_id')).toBe('Source id');
    expect(humanKey('inferenceReason')).toBe('Inference reason');
    expect(humanKey('sourceURL')).toBe('Source URL');
    expect(humanKey('name')).toBe('Name');
  });
  it('gives error codes words', () => {
    expect(errorHeading('cypher_error')).toBe('The query has an error');
    expect(errorHeading('bad_params')).toBe('The parameters are not valid');
    expect(errorHeading('some_new_code')).toBe('Some new code');
  });
});
