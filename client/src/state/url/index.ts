import type { UrlState } from './types';
import { isIsoDate, splitList } from './utils';

export type { UrlState } from './types';
export * from './utils';

export const defaultUrlState: UrlState = {
  node: null,
  edge: null,
  mode: 'graph',
  start: 'all',
  hiddenLabels: [],
  hiddenTypes: [],
  from: null,
  to: null,
  show: [],
};

/** Reads the explorer state from a query string; anything malformed falls back to the default. */
export function decodeUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const from = p.get('from');
  const to = p.get('to');
  return {
    node: p.get('node') || null,
    edge: p.get('edge') || null,
    mode: p.get('mode') === 'met' ? 'met' : 'graph',
    start: p.get('start') === 'empty' ? 'empty' : 'all',
    hiddenLabels: splitList(p.get('hideLabels')),
    hiddenTypes: splitList(p.get('hideTypes')),
    from: isIsoDate(from) ? from : null,
    to: isIsoDate(to) ? to : null,
    show: splitList(p.get('show')),
  };
}

/** Writes the explorer state as a query string (with its leading "?", or "" for the default state). Stable key order. */
export function encodeUrlState(s: UrlState): string {
  const p = new URLSearchParams();
  if (s.start === 'empty') p.set('start', 'empty');
  if (s.mode === 'met') p.set('mode', 'met');
  if (s.node) p.set('node', s.node);
  if (s.edge) p.set('edge', s.edge);
  if (s.hiddenLabels.length) p.set('hideLabels', [...s.hiddenLabels].sort().join(','));
  if (s.hiddenTypes.length) p.set('hideTypes', [...s.hiddenTypes].sort().join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.start === 'empty' && s.show.length) p.set('show', s.show.join(','));
  const q = p.toString();
  return q ? `?${q}` : '';
}
