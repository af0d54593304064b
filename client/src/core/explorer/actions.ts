/**
 * The explorer's actions: plain (async) functions that ask the GraphSource, run the pure producers of
 * state/<slice>/ and put the result in the store. Views call them; nothing here renders.
 *
 * Where things are: open / load / restart, search and choose a hit, expand / collapse / hide / show, find path,
 * filters and time, layouts, undo / redo, presentation (here); select and what it fetches (./selection.ts).
 * Over 400 lines: opening, replaying an address and the steps it replays read best side by side.
 */
import type { GraphNode, NodeDetails, SearchHit, Subgraph } from '../../../../contract';
import { ApiRequestError } from '../../api/client';
import { initialLayout, layoutById, storedPositions } from '../../layouts';
import { deriveRenderModel } from '../../state/render';
import { collapse, expand, expansionOf } from '../../state/expansion';
import { graphDataFrom, mergeSubgraph } from '../../state/data';
import type { GraphData } from '../../state/data/types';
import { setTimeRange, toggleLabel, toggleType } from '../../state/filters';
import { createHistory, push, redo as redoStep, replace, undo as undoStep } from '../../state/history';
import { nodesInUrl } from '../../state/url';
import type { UrlState } from '../../state/url/types';
import {
  emptyView,
  hideNodes,
  neighbourhoodInView,
  setFilters,
  setMode,
  setPositions,
  showNodes,
} from '../../state/view';
import type { Position, ViewState } from '../../state/view/types';
import { DEFAULT_SEED } from '../../utils/rng';
import { viewOf } from './derived';
import { focusOn, frameNodes } from './camera';
import { fillRelationships } from './relationships';
import { errorText, fetchSelected, select, selectNode } from './selection';
import { serverSource, type GraphSource } from './source';
import {
  getExplorer,
  screenDefaults,
  setExplorer,
  type ExplorerState,
  type PathEnd,
  type Selection,
  type Session,
} from './store';

function sessionFromSubgraph(
  sub: Subgraph,
  start: Session['start'],
  show: string[] | null,
  seed = DEFAULT_SEED,
): Session {
  const data = graphDataFrom(sub);
  const ids = show ?? sub.nodes.map((n) => n.id);
  // positions stored with the data (numeric x/y properties) are used as they are: reopening is instant
  const positions = initialLayout(
    sub.nodes.map((n) => n.id),
    sub.edges,
    seed,
    undefined,
    storedPositions(sub.nodes),
  );
  const view: ViewState = { ...emptyView, visible: ids.filter((id) => data.nodes[id]), positions };
  return { start, seed, data, history: createHistory(view, 'open') };
}

/** Records an undoable step (merging fetched nodes and relationships first). */
export function step(
  label: string,
  f: (v: ViewState, d: GraphData) => ViewState,
  merge?: Pick<Subgraph, 'nodes' | 'edges'>,
): void {
  setExplorer((s) => {
    if (!s.session) return {};
    const d = merge ? mergeSubgraph(s.session.data, merge) : s.session.data;
    return {
      session: { ...s.session, data: d, history: push(s.session.history, f(s.session.history.present, d), label) },
    };
  });
}

// ---- opening and loading -------------------------------------------------------------------------------------

/**
 * The session to keep when the explorer screen opens again, unless the address asks for other nodes: the
 * console's "Open in explorer" links to `/?start=empty&show=<ids>`, which must show those nodes, not the old view.
 */
function sessionToReopen(kept: Session | null, url: UrlState): Session | null {
  if (!kept) return null;
  if (url.start !== 'empty' || url.show.length === 0) return kept;
  const asked = new Set(url.show);
  const sameAs = (ids: string[]) => ids.length === asked.size && ids.every((id) => asked.has(id));
  // coming back to the address the explorer wrote (see state/url nodesInUrl) reopens the session
  return kept.start === 'empty' && sameAs(nodesInUrl(kept.history.present, 'empty', []).show) ? kept : null;
}

/** The explorer screen opens: reopen the kept session, or load what the address asks for. */
export function openExplorer(url: UrlState): void {
  const s = getExplorer();
  // a snapshot's "Open in explorer" hands over its positions for exactly the nodes its address shows
  const handoff = s.handoff && s.handoff.show.join(',') === url.show.join(',') ? s.handoff : null;
  const kept = handoff ? null : sessionToReopen(s.session, url);
  const selection: Selection = url.node
    ? { kind: 'node', id: url.node }
    : url.edge
      ? { kind: 'edge', id: url.edge }
      : null;
  const styleRules = kept && url.rules.length === 0 ? s.styleRules : url.rules;
  setExplorer({
    ...screenDefaults(),
    session: kept,
    source: kept ? s.source : serverSource,
    selection,
    styleRules,
    handoff: null,
  });
  if (kept) {
    fetchSelected(true);
    return;
  }
  void load(url.start, url.show, url.seed).then(() => replay(url, handoff?.positions));
}

/**
 * Rebuilds the view a link describes: size and colouring, the expansions (first page each, in order), filters,
 * the layout (re-run), the nodes hidden by hand, the mode, the path; then one
 * undo step "open" holds it all. The camera then frames the picture (or centres on the selected node).
 */
async function replay(url: UrlState, positions?: Record<string, Position>): Promise<void> {
  if (!getExplorer().session) return;
  setSettings({ sizeBy: url.sizeBy, colorByCommunity: url.colorByCommunity });
  for (const anchor of url.expand) await loadPage(anchor, 0, false);
  const s = getExplorer();
  if (!s.session) return;
  let v = s.session.history.present;
  v = setFilters(v, {
    hiddenLabels: url.hiddenLabels,
    hiddenTypes: url.hiddenTypes,
    from: url.from,
    to: url.to,
    dateProperty: url.dateProperty,
  });
  // the layout runs on what the start and the expansions brought, before the nodes hidden by hand leave (the
  // usual order: lay out, then tidy); a view made in another order reopens close to, not exactly as, it was
  if (url.layout) {
    const model = deriveRenderModel(s.session.data, v);
    const positions = layoutById(
      url.layout,
      model.nodes.filter((n) => n.kind !== 'More'),
      model.edges,
    );
    if (positions) v = { ...setPositions(v, positions), layout: url.layout };
  }
  if (url.hide.length) v = hideNodes(v, url.hide);
  v = setMode(v, url.mode);
  // the positions a snapshot was drawn at (its "Open in explorer"), in the mode it was drawn in
  if (positions) v = setPositions(v, positions);
  setExplorer({ session: { ...s.session, history: createHistory(v, 'open') } });
  if (url.path) {
    const [from, to] = url.path;
    const name = (id: string) => getExplorer().session?.data.nodes[id]?.name ?? id;
    setExplorer({ pathFrom: { id: from, name: name(from) }, pathTo: { id: to, name: name(to) } });
    await findPath({ id: from, name: name(from) }, { id: to, name: name(to) }, false);
  }
  await fillRelationships();
  fetchSelected(true);
  if (url.node) focusOn(url.node);
  else if (url.path) frameNodes(getExplorer().path?.nodes ?? null);
  else frameNodes(null);
}

/** Loads the whole graph, or (empty start) the nodes listed, from the current source. */
export async function load(start: 'all' | 'empty', show: string[], seed = DEFAULT_SEED): Promise<void> {
  const { source } = getExplorer();
  try {
    if (start === 'all') {
      const sub = await source.overview();
      const session = sessionFromSubgraph(sub, 'all', null, seed);
      setExplorer({ loadError: null, session: sub.mode === 'top' ? { ...session, total: sub.total } : session });
      if (sub.mode === 'whole' && sub.truncated)
        setExplorer({ notice: 'The graph was cut at 5,000 nodes: use search and expand to see the rest.' });
    } else {
      const found = await Promise.all(show.slice(0, 200).map((id) => source.node(id).catch(() => null)));
      const nodes = found.filter((d): d is NodeDetails => d !== null);
      const sub: Subgraph = {
        nodes: nodes.map((d) => d.node),
        edges: nodes.flatMap((d) => d.relationships.map((r) => r.edge)),
        truncated: false,
      };
      const session = sessionFromSubgraph(
        sub,
        'empty',
        nodes.map((d) => d.node.id),
        seed,
      );
      setExplorer({ loadError: null, session });
    }
  } catch (err) {
    setExplorer({ loadError: errorText(err) });
  }
}

/** "Start from": the whole graph again, or an empty canvas (an undoable step). */
export function restart(start: 'all' | 'empty'): void {
  setExplorer({ selection: null, path: null, layoutRunning: false });
  if (start === 'empty')
    setExplorer((s) =>
      s.session
        ? {
            session: {
              ...s.session,
              start: 'empty',
              history: push(s.session.history, { ...emptyView }, 'clear canvas'),
            },
          }
        : {},
    );
  else void load('all', []).then(() => frameNodes(null));
}

/** Replaces the data with another source's whole graph (the scale tests' generated graphs); `show` limits the view. */
export async function switchSource(source: GraphSource, show: string[] | null): Promise<void> {
  const sub = await source.whole();
  setExplorer({
    source,
    selection: null,
    path: null,
    layoutRunning: false,
    session: sessionFromSubgraph(sub, 'all', show),
  });
  frameNodes(null);
}

// ---- search, expand, collapse, hide, show --------------------------------------------------------------------

export async function search(q: string, signal: AbortSignal): Promise<SearchHit[]> {
  return getExplorer().source.search(q, 10, signal);
}

/** A search hit chosen: bring it into view with its relationships, select it and centre on it. */
export async function chooseHit(hit: SearchHit): Promise<void> {
  const { session, source } = getExplorer();
  if (!session) return;
  if (!session.history.present.visible.includes(hit.id)) {
    try {
      const d = await source.node(hit.id);
      step('show', (v) => showNodes(v, [hit.id]), { nodes: [d.node], edges: d.relationships.map((r) => r.edge) });
      void fillRelationships();
    } catch (err) {
      setExplorer({ notice: errorText(err) });
      return;
    }
  }
  if (session.history.present.mode === 'met' && !hit.labels.includes('Person'))
    step('show graph', (v) => setMode(v, 'graph'));
  setExplorer({ lastSearch: hit.name });
  selectNode(hit.id);
  const after = getExplorer().session;
  frameNodes(after ? neighbourhoodInView(after.data, after.history.present, hit.id) : [hit.id]);
}

async function loadPage(id: string, offset: number, frame = true): Promise<void> {
  const { session, source, cap } = getExplorer();
  if (!session) return;
  setExplorer({ busy: true });
  try {
    const r = await source.neighbors(id, cap, offset);
    const page = { nodeIds: r.nodes.map((n) => n.id).filter((n) => n !== id), offset: r.offset, total: r.total };
    step(offset === 0 ? 'expand' : 'load more', (v) => expand(v, id, page), r);
    if (frame) {
      frameNodes([id, ...page.nodeIds]);
      await fillRelationships();
    }
  } catch (err) {
    setExplorer({ notice: errorText(err) });
  } finally {
    setExplorer({ busy: false });
  }
}

/** Expands a node (its first page of neighbours), or loads its next page ("+N more") when already expanded. */
export async function expandNode(id: string): Promise<void> {
  const { session } = getExplorer();
  if (!session) return;
  const e = expansionOf(session.history.present, id);
  if (session.history.present.mode === 'met') step('show graph', (v) => setMode(v, 'graph'));
  await loadPage(id, e ? e.loaded : 0);
}

export const collapseNode = (id: string) => step('collapse', (v) => collapse(v, id));

export function hideNode(id: string): void {
  step('hide', (v) => hideNodes(v, [id]));
  select(null);
}

export function showNode(node: GraphNode): void {
  step('show', (v) => showNodes(v, [node.id]), { nodes: [node], edges: [] });
  focusOn(node.id);
}

// ---- path ----------------------------------------------------------------------------------------------------

export async function findPath(from: PathEnd, to: PathEnd, frame = true): Promise<void> {
  if (!from || !to) return;
  setExplorer({ pathMessage: 'Looking for a path…', path: null });
  try {
    const r = await getExplorer().source.path(from.id, to.id, 6);
    const names = r.path.map((id) => r.nodes.find((n) => n.id === id)?.name ?? id);
    step('show path', (v) => showNodes(setMode(v, 'graph'), r.path, v.positions[from.id]), r);
    if (frame) {
      frameNodes(r.path);
      void fillRelationships();
    }
    setExplorer({
      path: { nodes: r.path, edges: r.edges.map((e) => e.id), names },
      pathMessage: `Connected in ${r.length} step${r.length === 1 ? '' : 's'}: ${names.join(' → ')}`,
    });
  } catch (err) {
    setExplorer({
      pathMessage:
        err instanceof ApiRequestError && err.status === 404
          ? `No path: ${from.name} and ${to.name} are not connected within 6 steps.`
          : errorText(err),
    });
  }
}

/** Sets one end of the path; with both ends set, looks for the path. */
export function setPathEnd(which: 'from' | 'to', end: PathEnd): void {
  const { pathFrom, pathTo } = getExplorer();
  if (which === 'from') {
    setExplorer({ pathFrom: end });
    if (end && pathTo) void findPath(end, pathTo);
  } else {
    setExplorer({ pathTo: end });
    if (end && pathFrom) void findPath(pathFrom, end);
  }
}

export const clearPath = () => setExplorer({ path: null, pathMessage: null, pathFrom: null, pathTo: null });

/** Escape: no selection, no path highlighted. */
export function clearSelectionAndPath(): void {
  select(null);
  setExplorer({ path: null, pathMessage: null });
}

// ---- mode, filters, time -------------------------------------------------------------------------------------

export function setModeMet(on: boolean): void {
  select(null);
  setExplorer({ path: null });
  step(on ? 'who met whom' : 'graph view', (v) => setMode(v, on ? 'met' : 'graph'));
}

/** A filter changed: record it, and frame what is still shown. */
function filterStep(label: string, f: (v: ViewState) => ViewState): void {
  step(label, f);
  frameNodes(null);
}
export const toggleLabelFilter = (l: string) =>
  filterStep(`filter label ${l}`, (v) => setFilters(v, toggleLabel(v.filters, l)));
export const toggleTypeFilter = (t: string) =>
  filterStep(`filter type ${t}`, (v) => setFilters(v, toggleType(v.filters, t)));
export const setTime = (from: string | null, to: string | null) =>
  filterStep('time range', (v) => setFilters(v, setTimeRange(v.filters, from, to)));
export const resetTime = () => filterStep('all dates', (v) => setFilters(v, setTimeRange(v.filters, null, null)));
/** The time bar reads another date-like property (null: meeting dates); the range starts again. */
export const setDateProperty = (property: string | null) =>
  filterStep(`dates from ${property ?? 'meetings'}`, (v) =>
    setFilters(v, { ...setTimeRange(v.filters, null, null), dateProperty: property }),
  );

/** Play: the range grows one meeting date at a time from the first (see `playTick`). */
export function togglePlay(dates: string[]): void {
  if (getExplorer().playing) return setExplorer({ playing: false });
  if (dates.length === 0) return;
  step('play time', (v) => setFilters(v, setTimeRange(v.filters, null, dates[0]!)));
  setExplorer({ playing: true });
}

/** One tick of play: the range ends at the next date; after the last, all dates again and play stops. */
export function playTick(dates: string[]): void {
  setExplorer((s) => {
    if (!s.session) return {};
    const h = s.session.history;
    const f = h.present.filters;
    const next = dates.find((d) => f.to === null || d > f.to);
    const last = !next || next === dates[dates.length - 1];
    const filters = last ? setTimeRange(f, null, null) : setTimeRange(f, null, next);
    return {
      session: { ...s.session, history: replace(h, setFilters(h.present, filters)) },
      ...(last ? { playing: false } : {}),
    };
  });
}

// ---- layouts, history, settings ------------------------------------------------------------------------------

/** Positions from a layout run on the drawn graph ("+N more" handles are placed by the view, not kept). */
export function applyLayout(name: string, positions: Record<string, Position>): void {
  const clean = Object.fromEntries(Object.entries(positions).filter(([k]) => !k.startsWith('more:')));
  step(`layout: ${name}`, (v) => ({ ...setPositions(v, clean), layout: name.toLowerCase() }));
  frameNodes(null);
}

export const toggleLayoutRunning = () => setExplorer((s) => ({ layoutRunning: !s.layoutRunning }));
export const undo = () =>
  setExplorer((s) => (s.session ? { session: { ...s.session, history: undoStep(s.session.history) } } : {}));
export const redo = () =>
  setExplorer((s) => (s.session ? { session: { ...s.session, history: redoStep(s.session.history) } } : {}));

export const setSettings = (
  patch: Partial<
    Pick<ExplorerState, 'sizeBy' | 'colorByCommunity' | 'cap' | 'presenting' | 'shortcutsOpen' | 'notice'>
  >,
) => setExplorer(patch);
export const togglePresenting = () => setExplorer((s) => ({ presenting: !s.presenting }));
export const closeSourceDialog = () => setExplorer({ sourceDialog: null });

/** The current view (for callers outside React, e.g. the test hook). */
export const currentView = () => viewOf(getExplorer());
