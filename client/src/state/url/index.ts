import { DEFAULT_SEED } from '../../utils/rng';
import { decodeStyleRules, encodeStyleRules } from '../styles';
import type { ViewState } from '../view/types';
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
  dateProperty: null,
  show: [],
  layout: null,
  seed: DEFAULT_SEED,
  sizeBy: 'degree',
  colorByCommunity: false,
  expand: [],
  hide: [],
  path: null,
  rules: [],
};

/** A query longer than this does not travel well (mail, chat and some servers cut longer links). */
export const MAX_SHARE_QUERY = 2000;

const SIZE_BY = ['uniform', 'degree', 'betweenness', 'pagerank'] as const;
const LAYOUT_ID = /^[a-z0-9]{1,32}$/;
/** a property name, as the API's nameSchema (contract/anydb.ts) */
const DATE_PROP = /^[\p{L}_][\p{L}\p{N}_]{0,127}$/u;

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
    dateProperty: DATE_PROP.test(p.get('dateProp') ?? '') ? p.get('dateProp') : null,
    show: splitList(p.get('show')),
    layout: LAYOUT_ID.test(p.get('layout') ?? '') ? p.get('layout') : null,
    seed: /^\d{1,9}$/.test(p.get('seed') ?? '') ? Number(p.get('seed')) : DEFAULT_SEED,
    sizeBy: SIZE_BY.find((x) => x === p.get('size')) ?? 'degree',
    colorByCommunity: p.get('color') === 'community',
    expand: splitList(p.get('expand')),
    hide: splitList(p.get('hide')),
    path: pathEnds(splitList(p.get('path'))),
    rules: decodeStyleRules(p.get('style')),
  };
}

function pathEnds(ends: string[]): [string, string] | null {
  return ends.length === 2 ? [ends[0]!, ends[1]!] : null;
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
  if (s.dateProperty) p.set('dateProp', s.dateProperty);
  if (s.start === 'empty' && s.show.length) p.set('show', s.show.join(','));
  if (s.expand.length) p.set('expand', s.expand.join(','));
  if (s.hide.length) p.set('hide', [...s.hide].sort().join(','));
  if (s.path) p.set('path', s.path.join(','));
  if (s.layout) p.set('layout', s.layout);
  if (s.seed !== DEFAULT_SEED) p.set('seed', String(s.seed));
  if (s.sizeBy !== 'degree') p.set('size', s.sizeBy);
  if (s.colorByCommunity) p.set('color', 'community');
  if (s.rules.length) p.set('style', encodeStyleRules(s.rules));
  const q = p.toString();
  return q ? `?${q}` : '';
}

/**
 * What the address says about the nodes, from the view: with an empty start, `show` lists the nodes in view that
 * no expansion brought (the expansions, replayed in order, bring theirs); `hide` lists the nodes the start and
 * the expansions would bring that are not in view (hidden or collapsed by hand). `all` is every node the whole
 * graph start brings (ignored for an empty start).
 */
export function nodesInUrl(
  view: ViewState,
  start: 'all' | 'empty',
  all: readonly string[],
): Pick<UrlState, 'show' | 'expand' | 'hide'> {
  const visible = new Set(view.visible);
  const added = new Set(view.expansions.flatMap((e) => e.added));
  const show = start === 'empty' ? view.visible.filter((id) => !added.has(id)) : [];
  const brought = new Set([...(start === 'all' ? all : show), ...added]);
  return {
    show,
    expand: view.expansions.map((e) => e.anchor),
    hide: [...brought].filter((id) => !visible.has(id)).sort(),
  };
}

/** Whether a query string is short enough to share as a link (else: a snapshot). */
export function fitsInLink(query: string): boolean {
  return query.length <= MAX_SHARE_QUERY;
}
