/**
 * What the explorer derives from its store: the render model, the who-met-whom projection, the time bar's
 * figures, sizes and communities. Each is computed once per change of its inputs (memoized on identity) however
 * many panels read it, so a 10,000-node graph is not derived once per panel.
 */
import { emptyGraphData } from '../../state/data';
import type { GraphData } from '../../state/data/types';
import { daysBetween, meetingDates, meetingHistogram, nodeInTime } from '../../state/filters';
import { nodeDateSpan, spanInRange } from '../../state/filters/dates';
import { isMetEdgeId } from '../../state/met';
import { deriveRenderModel, sameTopology, viewNodes, viewProjection, type RenderModel } from '../../state/render';
import { emptyView } from '../../state/view';
import { encodeUrlState, nodesInUrl, type UrlState } from '../../state/url';
import type { ViewState } from '../../state/view/types';
import { DEFAULT_SEED } from '../../utils/rng';
import { communities, nodeSizes, type SizeBy } from '../../utils/metrics';
import { useExplorer, type ExplorerState } from './store';

/** Memoizes a function of arguments compared by identity (the last call only). */
export function memo<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.value;
    last = { args, value: f(...args) };
    return last.value;
  };
}

export const dataOf = (s: ExplorerState): GraphData => s.session?.data ?? emptyGraphData;
export const viewOf = (s: ExplorerState): ViewState => s.session?.history.present ?? emptyView;

const modelMemo = memo(deriveRenderModel);
const projectionMemo = memo((data: GraphData, view: ViewState) =>
  view.mode === 'met' ? viewProjection(data, view) : null,
);
const inViewMemo = memo(viewNodes);
const timeMemo = memo((data: GraphData, view: ViewState) => {
  const nodes = inViewMemo(data, view);
  const prop = view.filters.dateProperty ?? null;
  const dates = meetingDates(nodes, prop);
  const spans = nodes.map((n) => nodeDateSpan(n, prop)).filter((x): x is [string, string] => x !== null);
  const last = spans.reduce((m, sp) => (sp[1] > m ? sp[1] : m), dates[dates.length - 1] ?? '');
  return {
    dates,
    bins: meetingHistogram(nodes, view.filters),
    days: daysBetween(dates[0], last || undefined),
    shown: spans.filter((sp) => spanInRange(sp, view.filters.from, view.filters.to)).length,
    total: dates.length === 0 ? 0 : spans.length,
  };
});
/** Like memo, with the render model compared by topology (sameTopology): moving nodes keeps the last value. */
function topologyMemo<A extends unknown[], R>(f: (model: RenderModel, ...args: A) => R) {
  let last: { model: RenderModel; args: A; value: R } | null = null;
  return (model: RenderModel, ...args: A): R => {
    if (last && last.args.every((a, i) => a === args[i]) && sameTopology(last.model, model)) return last.value;
    last = { model, args, value: f(model, ...args) };
    return last.value;
  };
}
// sizes and communities follow the graph, not the positions (issue 13: recomputing them on every layout step
// made sigma re-run every reducer; at 50,000 edges that was most of a refresh)
const sizesMemo = topologyMemo((model, sizeBy: SizeBy) => nodeSizes(model, sizeBy));
const communitiesMemo = topologyMemo((model, on: boolean) => (on ? communities(model, DEFAULT_SEED) : null));
/**
 * Label and type counts follow what is shown: a node counts when it is inside the time range, a relationship
 * when both its ends are (the label and type checkboxes themselves do not zero their own counts, so a hidden
 * label still says how many it hides). Every label and type in view keeps its entry, at 0 when none is shown.
 */
const countsMemo = memo((model: ReturnType<typeof deriveRenderModel>, data: GraphData, f: ViewState['filters']) => {
  const labels = new Map<string, number>();
  const types = new Map<string, number>();
  const inTime = new Set<string>();
  for (const n of model.nodes) {
    if (n.kind === 'More') continue;
    const node = data.nodes[n.id];
    const counted = !node || nodeInTime(node, f);
    if (counted) inTime.add(n.id);
    labels.set(n.kind, (labels.get(n.kind) ?? 0) + (counted ? 1 : 0));
  }
  for (const e of model.edges) {
    if (e.type === 'MORE') continue;
    const counted = inTime.has(e.source) && inTime.has(e.target);
    types.set(e.type, (types.get(e.type) ?? 0) + (counted ? 1 : 0));
  }
  return {
    labels: [...labels].map(([label, count]) => ({ label, count })).sort((a, b) => a.label.localeCompare(b.label)),
    types: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type)),
    shownNodes: model.nodes.filter((n) => !n.hidden && n.kind !== 'More').length,
    shownEdges: model.edges.filter((e) => !e.hidden && e.type !== 'MORE').length,
  };
});
const sourceIdsMemo = memo((data: GraphData, view: ViewState) => {
  const model = modelMemo(data, view);
  const ids = new Set<string>();
  const metById = new Map((projectionMemo(data, view)?.edges ?? []).map((e) => [e.id, e]));
  for (const e of model.edges) {
    if (e.hidden || e.type === 'MORE') continue;
    const evidence = isMetEdgeId(e.id)
      ? (metById.get(e.id)?.meetings.flatMap((m) => m.evidence) ?? [])
      : (data.edges[e.id]?.evidence ?? []);
    for (const ev of evidence) ids.add(ev.sourceId);
  }
  return [...ids].sort();
});

export const modelOf = (s: ExplorerState) => modelMemo(dataOf(s), viewOf(s));
export const projectionOf = (s: ExplorerState) => projectionMemo(dataOf(s), viewOf(s));

export const useData = () => useExplorer(dataOf);
export const useView = () => useExplorer(viewOf);
export const useModel = () => useExplorer(modelOf);
export const useProjection = () => useExplorer(projectionOf);
/** the meeting dates in view, the histogram, and how many meetings the time range shows */
export const useTimeStats = () => useExplorer((s) => timeMemo(dataOf(s), viewOf(s)));
/** label and type counts of what is in view, and how many nodes and edges are drawn */
export const useCounts = () => useExplorer((s) => countsMemo(modelOf(s), dataOf(s), viewOf(s).filters));
/** the documents behind the edges drawn (what the footnote of an export or a snapshot names) */
export const useVisibleSourceIds = () => useExplorer((s) => sourceIdsMemo(dataOf(s), viewOf(s)));
export const useSizes = () => useExplorer((s) => sizesMemo(modelOf(s), s.sizeBy));
export const communitiesOf = (s: ExplorerState) => communitiesMemo(modelOf(s), s.colorByCommunity);
export const useCommunities = () => useExplorer(communitiesOf);

/** The title of exports and presentation: the path, the mode, or the selected node. */
export const useExportTitle = () =>
  useExplorer((s) => {
    const { path } = s;
    if (path && path.names.length > 1) return `How ${path.names[0]} and ${path.names[path.names.length - 1]} connect`;
    if (viewOf(s).mode === 'met') return 'Who met whom';
    const node = s.selection?.kind === 'node' ? dataOf(s).nodes[s.selection.id] : undefined;
    if (node) return node.name;
    // the search that started the picture, else what the picture is: never just "Parley"
    if (s.lastSearch) return s.lastSearch;
    return s.session?.start === 'all' ? 'The whole graph' : 'Graph view';
  });

/** The address of the current view (see state/url): what the picture depends on, so a link reopens it. */
export const urlStateOf = (s: ExplorerState): UrlState => {
  const view = viewOf(s);
  const start = s.session?.start ?? 'all';
  return {
    node: s.selection?.kind === 'node' ? s.selection.id : null,
    edge: s.selection?.kind === 'edge' ? s.selection.id : null,
    mode: view.mode,
    start,
    hiddenLabels: view.filters.hiddenLabels,
    hiddenTypes: view.filters.hiddenTypes,
    from: view.filters.from,
    to: view.filters.to,
    dateProperty: view.filters.dateProperty ?? null,
    ...nodesInUrl(view, start, allIdsMemo(dataOf(s))),
    layout: view.layout ?? null,
    seed: s.session?.seed ?? DEFAULT_SEED,
    sizeBy: s.sizeBy,
    colorByCommunity: s.colorByCommunity,
    path: s.pathFrom && s.pathTo && s.path ? [s.pathFrom.id, s.pathTo.id] : null,
    rules: s.styleRules,
  };
};
const allIdsMemo = memo((data: GraphData) => Object.keys(data.nodes));
const queryMemo = memo(
  (
    _view: ViewState,
    _data: GraphData,
    _sel: ExplorerState['selection'],
    _size: SizeBy,
    _colour: boolean,
    _path: ExplorerState['path'],
    _rules: ExplorerState['styleRules'],
    s: ExplorerState,
  ) => encodeUrlState(urlStateOf(s)),
);
/** the address of the current view, recomputed only when what it depends on changes */
export const useUrlQuery = () =>
  useExplorer((s) =>
    queryMemo(viewOf(s), dataOf(s), s.selection, s.sizeBy, s.colorByCommunity, s.path, s.styleRules, s),
  );
