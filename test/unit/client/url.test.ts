import { describe, expect, it } from 'vitest';
import {
  decodeUrlState,
  defaultUrlState,
  encodeUrlState,
  fitsInLink,
  MAX_SHARE_QUERY,
  nodesInUrl,
} from '../../../client/src/state/url';
import { emptyView } from '../../../client/src/state/view';

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

describe('url state: what the picture depends on', () => {
  it('round-trips layout, seed, size, colouring, expansions, hidden nodes and the path', () => {
    const s = {
      ...defaultUrlState,
      start: 'empty' as const,
      show: ['a'],
      layout: 'circular',
      seed: 7,
      sizeBy: 'pagerank' as const,
      colorByCommunity: true,
      expand: ['a', 'c'],
      hide: ['d', 'b'],
      path: ['a', 'e'] as [string, string],
    };
    const q = encodeUrlState(s);
    expect(q).toBe(
      '?start=empty&show=a&expand=a%2Cc&hide=b%2Cd&path=a%2Ce&layout=circular&seed=7&size=pagerank&color=community',
    );
    expect(decodeUrlState(q)).toEqual({ ...s, hide: ['b', 'd'] });
    expect(decodeUrlState('?layout=../x&seed=-1&size=huge&color=blue&path=a')).toEqual(defaultUrlState);
  });

  it('lists the nodes no expansion brought, the expansions, and what the replay would bring that is not in view', () => {
    const view = {
      ...emptyView,
      visible: ['a', 'b', 'c', 'e'],
      expansions: [
        { anchor: 'a', added: ['b', 'd'], loaded: 2, total: 2 },
        { anchor: 'b', added: ['e'], loaded: 1, total: 1 },
      ],
    };
    expect(nodesInUrl(view, 'empty', [])).toEqual({ show: ['a', 'c'], expand: ['a', 'b'], hide: ['d'] });
    expect(nodesInUrl(view, 'all', ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual({
      show: [],
      expand: ['a', 'b'],
      hide: ['d', 'f'],
    });
  });

  it('says when a query is too long to share as a link', () => {
    expect(fitsInLink(`?show=${'x'.repeat(MAX_SHARE_QUERY - 6)}`)).toBe(true);
    expect(fitsInLink(`?show=${'x'.repeat(MAX_SHARE_QUERY)}`)).toBe(false);
  });
});
