// repositories/shape.ts (evidence and display names) and repositories/dataset.ts (relationship ids).
import { describe, expect, it } from 'vitest';
import { relationshipId } from '../../server/src/repositories/dataset';
import { evidenceOf, displayName } from '../../server/src/repositories/shape';

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
