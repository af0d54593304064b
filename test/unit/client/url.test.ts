import { describe, expect, it } from 'vitest';
import { decodeUrlState, defaultUrlState, encodeUrlState } from '../../../client/src/state/url';

describe('url state', () => {
  it('round-trips a full view', () => {
    const s = {
      ...defaultUrlState,
      node: 'person:sonata-coulter',
      mode: 'met' as const,
      hiddenLabels: ['Place', 'Issue'],
      hiddenTypes: ['HELD_IN'],
      from: '2025-02-01',
      to: '2025-04-30',
    };
    const q = encodeUrlState(s);
    expect(q).toBe(
      '?mode=met&node=person%3Asonata-coulter&hideLabels=Issue%2CPlace&hideTypes=HELD_IN&from=2025-02-01&to=2025-04-30',
    );
    expect(decodeUrlState(q)).toEqual({ ...s, hiddenLabels: ['Issue', 'Place'] });
  });

  it('the default view is an empty query, and malformed values fall back to defaults', () => {
    expect(encodeUrlState(defaultUrlState)).toBe('');
    expect(decodeUrlState('?mode=nope&from=2025-13-45&to=yesterday&start=maybe&hideLabels=,,')).toEqual(
      defaultUrlState,
    );
  });

  it('keeps the nodes shown when starting from an empty canvas', () => {
    const q = encodeUrlState({ ...defaultUrlState, start: 'empty', show: ['a', 'b'] });
    expect(q).toBe('?start=empty&show=a%2Cb');
    expect(decodeUrlState(q).show).toEqual(['a', 'b']);
  });
});
