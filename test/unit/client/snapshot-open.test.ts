/** A snapshot's "Open in explorer" continues from its view (state/snapshots explorerViewOfSnapshot). */
import { describe, expect, it } from 'vitest';
import type { SnapshotDocument } from '../../../contract';
import { explorerViewOfSnapshot } from '../../../client/src/state/snapshots';
import { decodeUrlState, defaultUrlState, encodeUrlState } from '../../../client/src/state/url';

const node = (id: string, kind: string, x: number, y: number, derived = false) => ({
  id,
  label: id,
  kind,
  x,
  y,
  size: 5,
  color: '#123456',
  ...(derived ? { derived: true } : {}),
});

function doc(view: Partial<SnapshotDocument['view']> = {}): SnapshotDocument {
  return {
    format: 'parley-snapshot',
    version: 1,
    title: 'Istanbul',
    caption: '',
    view: {
      mode: 'graph',
      camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
      viewport: { width: 800, height: 600 },
      bbox: null,
      filters: { hiddenLabels: ['Place'], hiddenTypes: ['HELD_IN'], from: '2025-01-01', to: null },
      selection: ['m:1'],
      query: { kind: 'path', text: 'a → m:1', params: { from: 'p:a', to: 'm:1' } },
      styles: { labelSize: 12, sizeBy: 'pagerank', colorByCommunity: true },
      rules: [{ label: 'Meeting', kind: 'color', property: 'status' }],
      legend: [],
      ...view,
    },
    graph: {
      nodes: [node('p:a', 'Person', 1, 2), node('m:1', 'Meeting', -3, 4), node('x:1', 'More', 0, 0, true)],
      edges: [],
    },
    sources: [],
  };
}

describe('explorerViewOfSnapshot', () => {
  it('keeps rules, size, colouring, filters, selection, path, and the positions of its database nodes', () => {
    const { url, positions } = explorerViewOfSnapshot(doc());
    expect(url).toEqual({
      ...defaultUrlState,
      start: 'empty',
      show: ['p:a', 'm:1'],
      node: 'm:1',
      hiddenLabels: ['Place'],
      hiddenTypes: ['HELD_IN'],
      from: '2025-01-01',
      sizeBy: 'pagerank',
      colorByCommunity: true,
      rules: [{ label: 'Meeting', kind: 'color', property: 'status' }],
      path: ['p:a', 'm:1'],
    });
    expect(positions).toEqual({ 'p:a': { x: 1, y: 2 }, 'm:1': { x: -3, y: 4 } });
    // the address round-trips: a link opened elsewhere asks for the same view
    expect(decodeUrlState(encodeUrlState(url))).toEqual(url);
  });

  it('a snapshot saved before style rules, with odd styles: the defaults', () => {
    const { url } = explorerViewOfSnapshot(
      doc({ rules: undefined, styles: { sizeBy: 'shoe size' }, query: null, selection: ['gone'] }),
    );
    expect(url.rules).toEqual([]);
    expect(url.sizeBy).toBe('degree');
    expect(url.colorByCommunity).toBe(false);
    expect(url.path).toBeNull();
    expect(url.node).toBeNull();
  });
});
