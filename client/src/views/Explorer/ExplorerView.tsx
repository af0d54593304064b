import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SigmaContainer } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { MultiDirectedGraph } from 'graphology';
import type Sigma from 'sigma';
import type {
  GraphNode,
  NodeDetails,
  SearchHit,
  SnapshotQuery,
  SourceDetails,
  SourceSummary,
  Subgraph,
} from '../../../../contract';
import { api, ApiRequestError } from '../../api/client';
import { CameraController } from '../../graph/CameraController';
import { DataController } from '../../graph/DataController';
import { EventsController } from '../../graph/EventsController';
import { LayoutController } from '../../graph/LayoutController';
import { ReducersController } from '../../graph/ReducersController';
import { SIGMA_SETTINGS } from '../../graph/settings';
import { TestHook } from '../../graph/TestHook';
import { initialLayout, LAYOUTS, runSyncLayout } from '../../layouts';
import {
  DEFAULT_EXPANSION_CAP,
  collapse,
  expand,
  expansionOf,
  localNeighborPage,
  remaining,
} from '../../state/expansion';
import {
  daysBetween,
  inTimeRange,
  meetingDates,
  meetingHistogram,
  setTimeRange,
  toggleLabel,
  toggleType,
} from '../../state/filters';
import { emptyGraphData, graphDataFrom, mergeSubgraph, edgesOf } from '../../state/data';
import type { GraphData } from '../../state/data/types';
import { canRedo, canUndo, createHistory, push, redo, redoLabel, replace, undo, undoLabel } from '../../state/history';
import { isMetEdgeId } from '../../state/met';
import { deriveRenderModel, moreHandleAnchor, viewNodes, viewProjection } from '../../state/render';
import { decodeUrlState, encodeUrlState } from '../../state/url';
import { emptyView, hideNodes, setFilters, setMode, setPositions, showNodes } from '../../state/view';
import type { Position, ViewState } from '../../state/view/types';
import { replaceSearch } from '../../app/router';
import { DEFAULT_SEED } from '../../utils/rng';
import { generateGraph } from '../../utils/generate';
import { BETWEENNESS_MAX_NODES, communities, nodeSizes, type SizeBy } from '../../utils/metrics';
import { SearchBox } from '../../components/SearchBox';
import { FilterPanel } from '../../components/FilterPanel';
import { TimeBar } from '../../components/TimeBar';
import { Switch } from '../../components/Switch';
import { Modal } from '../../components/Modal';
import { ShortcutsDialog } from '../../components/ShortcutsDialog';
import { SourceText } from '../../components/SourceText';
import { EdgePanel, MetEdgePanel, NodePanel } from '../../components/DetailsPanel';
import { keepSession, keptSession, type Session } from './session';
import { useLatest } from '../../utils/useLatest';
import { ExportMenu } from '../../components/export/ExportMenu';
import { PresentationOverlay, presentationSettings } from '../../components/export/PresentationOverlay';
import { SaveSnapshotButton } from '../Snapshots/SaveSnapshotButton';
import { sourcesFootnote, visibleFromSigma } from '../../utils/export';
import { legendFromNodes, type ViewStateForSnapshot } from '../../state/snapshots';

/** Labels in presentation mode: bigger, and every one drawn. */
const PRESENTATION_LABELS = presentationSettings({ labelSize: SIGMA_SETTINGS.labelSize ?? 12 });

type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;
type PathEnd = { id: string; name: string } | null;
interface PathResult {
  nodes: string[];
  edges: string[];
  names: string[];
}

function errorText(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Builds node details from data the client holds (generated graphs, or before the server answers). */
function localDetails(data: GraphData, id: string): NodeDetails | null {
  const node = data.nodes[id];
  if (!node) return null;
  const relationships = edgesOf(data, id)
    .map((edge) => {
      const direction: 'out' | 'in' = edge.source === id ? 'out' : 'in';
      const other = data.nodes[direction === 'out' ? edge.target : edge.source];
      return other ? { edge, direction, other } : null;
    })
    .filter((r): r is NonNullable<typeof r> => r !== null);
  return { node, relationships, sources: [] };
}

function sessionFromSubgraph(
  sub: Subgraph,
  origin: Session['origin'],
  start: Session['start'],
  show: string[] | null,
): Session {
  const data = graphDataFrom(sub);
  const ids = show ?? sub.nodes.map((n) => n.id);
  const positions = initialLayout(
    sub.nodes.map((n) => n.id),
    sub.edges,
    DEFAULT_SEED,
  );
  const view: ViewState = { ...emptyView, visible: ids.filter((id) => data.nodes[id]), positions };
  return { origin, start, data, history: createHistory(view, 'open') };
}

/**
 * The session kept from the last explorer screen, unless the address asks for other nodes: the console's
 * "Open in explorer" links to `/?start=empty&show=<ids>`, which must show those nodes, not the old view.
 */
function sessionToReopen(url: ReturnType<typeof decodeUrlState>): Session | null {
  const kept = keptSession();
  if (!kept) return null;
  if (url.start !== 'empty' || url.show.length === 0) return kept;
  const asked = new Set(url.show);
  const sameAs = (ids: string[]) => ids.length === asked.size && ids.every((id) => asked.has(id));
  const visible = kept.history.present.visible;
  // the explorer writes the first 50 ids it shows into the address: coming back to that address reopens the session
  return kept.start === 'empty' && (sameAs(visible) || sameAs(visible.slice(0, 50))) ? kept : null;
}

export default function ExplorerView() {
  const initialUrl = useMemo(() => decodeUrlState(window.location.search), []);
  const [session, setSession] = useState<Session | null>(() => sessionToReopen(initialUrl));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(() =>
    initialUrl.node
      ? { kind: 'node', id: initialUrl.node }
      : initialUrl.edge
        ? { kind: 'edge', id: initialUrl.edge }
        : null,
  );
  const [sources, setSources] = useState<Record<string, SourceSummary>>({});
  const [sourceDialog, setSourceDialog] = useState<{
    source: SourceDetails | null;
    quote: string;
    error: string | null;
  } | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [layoutRunning, setLayoutRunning] = useState(false);
  const [sizeBy, setSizeBy] = useState<SizeBy>('degree');
  const [colorByCommunity, setColorByCommunity] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(null);
  const [pathFrom, setPathFrom] = useState<PathEnd>(null);
  const [pathTo, setPathTo] = useState<PathEnd>(null);
  const [path, setPath] = useState<PathResult | null>(null);
  const [pathMessage, setPathMessage] = useState<string | null>(null);
  const [metCheck, setMetCheck] = useState<{ id: string; text: string } | null>(null);
  const [cap, setCap] = useState(DEFAULT_EXPANSION_CAP);
  const graph = useMemo(() => new MultiDirectedGraph(), []);
  const [sigma, setSigma] = useState<Sigma | null>(null);
  const [presenting, setPresenting] = useState(false);
  const [lastSearch, setLastSearch] = useState<string | null>(null);
  const searchWrap = useRef<HTMLDivElement>(null);

  const sessionRef = useLatest(session);
  useEffect(() => keepSession(session), [session]);

  // ---- loading -------------------------------------------------------------------------------------------------
  const loadStart = useCallback(async (start: 'all' | 'empty', show: string[]) => {
    try {
      if (start === 'all') {
        const sub = await api.graph({ limit: 5000 });
        setLoadError(null);
        setSession(sessionFromSubgraph(sub, 'server', 'all', null));
        if (sub.truncated) setNotice('The graph was cut at 5,000 nodes: use search and expand to see the rest.');
      } else {
        const found = await Promise.all(show.slice(0, 200).map((id) => api.node(id).catch(() => null)));
        const nodes = found.filter((d): d is NodeDetails => d !== null);
        const sub: Subgraph = {
          nodes: nodes.map((d) => d.node),
          edges: nodes.flatMap((d) => d.relationships.map((r) => r.edge)),
          truncated: false,
        };
        const s = sessionFromSubgraph(
          sub,
          'server',
          'empty',
          nodes.map((d) => d.node.id),
        );
        setLoadError(null);
        setSession(s);
      }
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, []);

  useEffect(() => {
    if (session) return;
    const u = initialUrl;
    // loadStart sets state only after its fetch resolves (asynchronously)
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void loadStart(u.start, u.show).then(() => {
      setSession((s) => {
        if (!s) return s;
        let v = s.history.present;
        v = setFilters(v, { hiddenLabels: u.hiddenLabels, hiddenTypes: u.hiddenTypes, from: u.from, to: u.to });
        v = setMode(v, u.mode);
        return { ...s, history: createHistory(v, 'open') };
      });
      if (u.node) setFocus({ id: u.node, nonce: Date.now() });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const data = session?.data ?? emptyGraphData;
  const view = session?.history.present ?? emptyView;
  const model = useMemo(() => deriveRenderModel(data, view), [data, view]);

  /** Records an undoable step. */
  const step = useCallback(
    (label: string, f: (v: ViewState, d: GraphData) => ViewState, merge?: Pick<Subgraph, 'nodes' | 'edges'>) => {
      setSession((s) => {
        if (!s) return s;
        const d = merge ? mergeSubgraph(s.data, merge) : s.data;
        return { ...s, data: d, history: push(s.history, f(s.history.present, d), label) };
      });
    },
    [],
  );

  // ---- URL -----------------------------------------------------------------------------------------------------
  useEffect(() => {
    if (!session) return;
    replaceSearch(
      encodeUrlState({
        node: selection?.kind === 'node' ? selection.id : null,
        edge: selection?.kind === 'edge' ? selection.id : null,
        mode: view.mode,
        start: session.start,
        hiddenLabels: view.filters.hiddenLabels,
        hiddenTypes: view.filters.hiddenTypes,
        from: view.filters.from,
        to: view.filters.to,
        show: session.start === 'empty' ? view.visible.slice(0, 50) : [],
      }),
    );
  }, [session, view, selection]);

  // ---- details -------------------------------------------------------------------------------------------------
  const selectedNodeId = selection?.kind === 'node' ? selection.id : null;
  const [fetched, setFetched] = useState<{ id: string; details: NodeDetails | null; error: string | null } | null>(
    null,
  );
  useEffect(() => {
    if (!selectedNodeId || session?.origin !== 'server') return;
    const ctl = new AbortController();
    api
      .node(selectedNodeId, ctl.signal)
      .then((d) => {
        setFetched({ id: selectedNodeId, details: d, error: null });
        setSources((s) => ({ ...s, ...Object.fromEntries(d.sources.map((x) => [x.id, x])) }));
        setSession((s) => (s ? { ...s, data: mergeSubgraph(s.data, { nodes: [d.node], edges: [] }) } : s));
      })
      .catch((err: unknown) => {
        if ((err as Error).name !== 'AbortError')
          setFetched({ id: selectedNodeId, details: null, error: errorText(err) });
      });
    return () => ctl.abort();
  }, [selectedNodeId, session?.origin]);
  const details = useMemo(() => {
    if (!selectedNodeId) return null;
    if (session?.origin === 'generated')
      return { id: selectedNodeId, details: localDetails(session.data, selectedNodeId), error: null };
    return fetched?.id === selectedNodeId ? fetched : null;
  }, [selectedNodeId, session, fetched]);

  const selectedEdge = selection?.kind === 'edge' && !isMetEdgeId(selection.id) ? data.edges[selection.id] : undefined;
  const projection = useMemo(() => (view.mode === 'met' ? viewProjection(data, view) : null), [data, view]);
  const selectedMetEdge =
    selection?.kind === 'edge' && isMetEdgeId(selection.id)
      ? projection?.edges.find((e) => e.id === selection.id)
      : undefined;

  // sources of the evidence shown, fetched once each (outlet and date)
  useEffect(() => {
    if (session?.origin !== 'server') return;
    const ev = selectedEdge?.evidence ?? selectedMetEdge?.meetings.flatMap((m) => m.evidence) ?? [];
    const missing = [...new Set(ev.map((e) => e.sourceId))].filter((id) => !sources[id]);
    for (const id of missing) {
      api
        .source(id)
        .then((s) =>
          setSources((all) => ({ ...all, [id]: { id: s.id, name: s.name, outlet: s.outlet, published: s.published } })),
        )
        .catch(() => undefined);
    }
  }, [selectedEdge, selectedMetEdge, sources, session?.origin]);

  // cross-check a who-met-whom edge with the server's /api/met
  useEffect(() => {
    if (!selectedMetEdge || session?.origin !== 'server') return;
    const ctl = new AbortController();
    api
      .met(selectedMetEdge.source, ctl.signal)
      .then((r) => {
        const row = r.met.find((m) => m.person.id === selectedMetEdge.target);
        const n = row?.meetings.length ?? 0;
        setMetCheck({
          id: selectedMetEdge.id,
          text:
            n === selectedMetEdge.weight
              ? `Checked with the server: ${n} shared meeting${n === 1 ? '' : 's'} in the whole graph.`
              : `The server counts ${n} shared meeting${n === 1 ? '' : 's'} in the whole graph (this view counts what is in view and in the time range).`,
        });
      })
      .catch(() => undefined);
    return () => ctl.abort();
  }, [selectedMetEdge, session?.origin]);

  const openSource = useCallback(
    (sourceId: string, quote: string) => {
      if (session?.origin !== 'server') return;
      setSourceDialog({ source: null, quote, error: null });
      api
        .source(sourceId)
        .then((s) => setSourceDialog({ source: s, quote, error: null }))
        .catch((err: unknown) => setSourceDialog({ source: null, quote, error: errorText(err) }));
    },
    [session?.origin],
  );

  // ---- actions -------------------------------------------------------------------------------------------------
  const selectNode = useCallback((id: string) => {
    setSelection({ kind: 'node', id });
  }, []);

  const loadPage = useCallback(
    async (id: string, offset: number) => {
      const s = sessionRef.current;
      if (!s) return;
      setBusy(true);
      try {
        if (s.origin === 'generated') {
          const { page } = localNeighborPage(s.data, id, cap, offset);
          step(offset === 0 ? 'expand' : 'load more', (v) => expand(v, id, page));
        } else {
          const r = await api.neighbors(id, cap, offset);
          const page = { nodeIds: r.nodes.map((n) => n.id).filter((n) => n !== id), offset: r.offset, total: r.total };
          step(offset === 0 ? 'expand' : 'load more', (v) => expand(v, id, page), r);
        }
      } catch (err) {
        setNotice(errorText(err));
      } finally {
        setBusy(false);
      }
    },
    [cap, step, sessionRef],
  );

  const expandNode = useCallback(
    async (id: string) => {
      const s = sessionRef.current;
      if (!s) return;
      const e = expansionOf(s.history.present, id);
      if (s.history.present.mode === 'met') step('show graph', (v) => setMode(v, 'graph'));
      await loadPage(id, e ? e.loaded : 0);
    },
    [loadPage, step, sessionRef],
  );

  const collapseNode = useCallback((id: string) => step('collapse', (v) => collapse(v, id)), [step]);
  const hideNode = useCallback(
    (id: string) => {
      step('hide', (v) => hideNodes(v, [id]));
      setSelection(null);
    },
    [step],
  );
  const showNode = useCallback(
    (node: GraphNode) => {
      step('show', (v) => showNodes(v, [node.id]), { nodes: [node], edges: [] });
      setFocus({ id: node.id, nonce: Date.now() });
    },
    [step],
  );

  const chooseHit = useCallback(
    async (hit: SearchHit) => {
      const s = sessionRef.current;
      if (!s) return;
      if (!s.history.present.visible.includes(hit.id)) {
        try {
          const d = s.origin === 'server' ? await api.node(hit.id) : localDetails(s.data, hit.id);
          if (d) {
            const sub = { nodes: [d.node], edges: d.relationships.map((r) => r.edge) };
            step('show', (v) => showNodes(v, [hit.id]), sub);
          }
        } catch (err) {
          setNotice(errorText(err));
          return;
        }
      }
      if (s.history.present.mode === 'met' && !hit.labels.includes('Person'))
        step('show graph', (v) => setMode(v, 'graph'));
      setLastSearch(hit.name);
      setSelection({ kind: 'node', id: hit.id });
      setFocus({ id: hit.id, nonce: Date.now() });
    },
    [step, sessionRef],
  );

  const search = useCallback(
    async (q: string, signal: AbortSignal): Promise<SearchHit[]> => {
      const s = sessionRef.current;
      if (s?.origin === 'generated') {
        const ql = q.toLowerCase();
        return Object.values(s.data.nodes)
          .filter((n) => n.name.toLowerCase().includes(ql))
          .slice(0, 10)
          .map((n) => ({ id: n.id, labels: n.labels, name: n.name, aliases: [], score: 1 }));
      }
      return (await api.search(q, 10, signal)).hits;
    },
    [sessionRef],
  );

  const findPath = useCallback(
    async (from: PathEnd, to: PathEnd) => {
      if (!from || !to) return;
      setPathMessage('Looking for a path…');
      setPath(null);
      try {
        const r = await api.path(from.id, to.id, 6);
        const names = r.path.map((id) => r.nodes.find((n) => n.id === id)?.name ?? id);
        step('show path', (v) => showNodes(setMode(v, 'graph'), r.path, v.positions[from.id]), r);
        setPath({ nodes: r.path, edges: r.edges.map((e) => e.id), names });
        setPathMessage(`Connected in ${r.length} step${r.length === 1 ? '' : 's'}: ${names.join(' → ')}`);
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 404) {
          setPathMessage(`No path: ${from.name} and ${to.name} are not connected within 6 steps.`);
        } else setPathMessage(errorText(err));
      }
    },
    [step],
  );

  const setPathEnd = useCallback(
    (which: 'from' | 'to', end: PathEnd) => {
      if (which === 'from') {
        setPathFrom(end);
        if (end && pathTo) void findPath(end, pathTo);
      } else {
        setPathTo(end);
        if (end && pathFrom) void findPath(pathFrom, end);
      }
    },
    [pathFrom, pathTo, findPath],
  );

  const clearPath = useCallback(() => {
    setPath(null);
    setPathMessage(null);
    setPathFrom(null);
    setPathTo(null);
  }, []);

  const runLayout = useCallback(
    (id: 'circular' | 'noverlap') => {
      const positions = runSyncLayout(id, graph);
      const clean = Object.fromEntries(Object.entries(positions).filter(([k]) => !k.startsWith('more:')));
      step(`layout: ${id}`, (v) => setPositions(v, clean));
    },
    [graph, step],
  );

  const onLayoutStopped = useCallback(
    (positions: Record<string, Position>) => step('layout: ForceAtlas2', (v) => setPositions(v, positions)),
    [step],
  );

  const setModeMet = useCallback(
    (on: boolean) => {
      setSelection(null);
      setPath(null);
      step(on ? 'who met whom' : 'graph view', (v) => setMode(v, on ? 'met' : 'graph'));
    },
    [step],
  );

  const doUndo = useCallback(() => setSession((s) => (s ? { ...s, history: undo(s.history) } : s)), []);
  const doRedo = useCallback(() => setSession((s) => (s ? { ...s, history: redo(s.history) } : s)), []);

  const restart = useCallback(
    (start: 'all' | 'empty') => {
      setSelection(null);
      setPath(null);
      setLayoutRunning(false);
      if (start === 'empty')
        setSession((s) =>
          s ? { ...s, start: 'empty', history: push(s.history, { ...emptyView }, 'clear canvas') } : s,
        );
      else void loadStart('all', []);
    },
    [loadStart],
  );

  const loadGenerated = useCallback((nodes: number, edges: number, seed = 1, show?: string[]) => {
    setSelection(null);
    setPath(null);
    setLayoutRunning(false);
    setSession(sessionFromSubgraph(generateGraph(nodes, edges, seed), 'generated', 'all', show ?? null));
  }, []);

  // ---- time ----------------------------------------------------------------------------------------------------
  const inViewNodes = useMemo(() => viewNodes(data, view), [data, view]);
  const dates = useMemo(() => meetingDates(inViewNodes), [inViewNodes]);
  const bins = useMemo(() => meetingHistogram(inViewNodes), [inViewNodes]);
  const days = useMemo(() => daysBetween(dates[0], dates[dates.length - 1]), [dates]);
  const shownMeetings = useMemo(
    () =>
      inViewNodes.filter(
        (n) =>
          n.labels.includes('Meeting') &&
          typeof n.properties['date'] === 'string' &&
          inTimeRange(String(n.properties['date']).slice(0, 10), view.filters),
      ).length,
    [inViewNodes, view.filters],
  );

  useEffect(() => {
    if (!playing) return;
    const t = window.setInterval(() => {
      setSession((s) => {
        if (!s) return s;
        const f = s.history.present.filters;
        const next = dates.find((d) => f.to === null || d > f.to);
        if (!next || next === dates[dates.length - 1]) {
          setPlaying(false);
          return { ...s, history: replace(s.history, setFilters(s.history.present, setTimeRange(f, null, null))) };
        }
        return { ...s, history: replace(s.history, setFilters(s.history.present, setTimeRange(f, null, next))) };
      });
    }, 1200);
    return () => window.clearInterval(t);
  }, [playing, dates]);

  const togglePlay = useCallback(() => {
    if (playing) return setPlaying(false);
    if (dates.length === 0) return;
    step('play time', (v) => setFilters(v, setTimeRange(v.filters, null, dates[0]!)));
    setPlaying(true);
  }, [playing, dates, step]);

  // ---- appearance ----------------------------------------------------------------------------------------------
  const sizes = useMemo(() => nodeSizes(model, sizeBy), [model, sizeBy]);
  const comms = useMemo(() => (colorByCommunity ? communities(model, DEFAULT_SEED) : null), [model, colorByCommunity]);
  const appearance = useMemo(
    () => ({
      sizes,
      communities: comms,
      selectedNode: selectedNodeId,
      selectedEdge: selection?.kind === 'edge' ? selection.id : null,
      path,
    }),
    [sizes, comms, selectedNodeId, selection, path],
  );
  const labelCountsInView = useMemo(() => {
    const m = new Map<string, number>();
    for (const n of model.nodes) if (n.kind !== 'More') m.set(n.kind, (m.get(n.kind) ?? 0) + 1);
    return [...m].map(([label, count]) => ({ label, count })).sort((a, b) => a.label.localeCompare(b.label));
  }, [model]);
  const typeCountsInView = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of model.edges) if (e.type !== 'MORE') m.set(e.type, (m.get(e.type) ?? 0) + 1);
    return [...m].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
  }, [model]);

  // ---- exports, snapshots, presentation ------------------------------------------------------------------------
  /** the documents behind the edges drawn (what the footnote of an export or a snapshot names) */
  const visibleSourceIds = useMemo(() => {
    const ids = new Set<string>();
    const metById = new Map((projection?.edges ?? []).map((e) => [e.id, e]));
    for (const e of model.edges) {
      if (e.hidden || e.type === 'MORE') continue;
      const evidence = isMetEdgeId(e.id)
        ? (metById.get(e.id)?.meetings.flatMap((m) => m.evidence) ?? [])
        : (data.edges[e.id]?.evidence ?? []);
      for (const ev of evidence) ids.add(ev.sourceId);
    }
    return [...ids].sort();
  }, [model, projection, data]);
  const [failedSources, setFailedSources] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (session?.origin !== 'server') return;
    const missing = visibleSourceIds.filter((id) => !sources[id] && !failedSources.has(id));
    for (const id of missing) {
      api
        .source(id)
        .then((x) =>
          setSources((all) => ({ ...all, [id]: { id: x.id, name: x.name, outlet: x.outlet, published: x.published } })),
        )
        .catch(() => setFailedSources((f) => new Set(f).add(id)));
    }
  }, [visibleSourceIds, sources, failedSources, session?.origin]);
  // only what the server said about each source: outlet and date are never made up
  const visibleSources = useMemo(
    () => visibleSourceIds.map((id) => sources[id]).filter((x): x is SourceSummary => x !== undefined),
    [visibleSourceIds, sources],
  );

  const exportTitle = useMemo(() => {
    if (path && path.names.length > 1) return `How ${path.names[0]} and ${path.names[path.names.length - 1]} connect`;
    if (view.mode === 'met') return 'Who met whom';
    const node = selectedNodeId ? data.nodes[selectedNodeId] : undefined;
    return node ? node.name : 'Parley';
  }, [path, view.mode, selectedNodeId, data]);

  const snapshotQuery = useMemo((): SnapshotQuery | null => {
    if (path && path.nodes.length > 1)
      return {
        kind: 'path',
        text: path.names.join(' → '),
        params: { from: path.nodes[0]!, to: path.nodes[path.nodes.length - 1]! },
      };
    if (lastSearch) return { kind: 'search', text: lastSearch };
    return null;
  }, [path, lastSearch]);
  const snapshotView = useMemo(
    (): ViewStateForSnapshot => ({
      mode: view.mode,
      filters: view.filters,
      selection: selectedNodeId ? [selectedNodeId] : [],
      query: snapshotQuery,
      // the label settings drawn with (SnapshotViewer draws the same labels at the same size)
      styles: {
        labelSize: presenting ? PRESENTATION_LABELS.labelSize : (SIGMA_SETTINGS.labelSize ?? 12),
        labelRenderedSizeThreshold: presenting
          ? PRESENTATION_LABELS.labelRenderedSizeThreshold
          : (SIGMA_SETTINGS.labelRenderedSizeThreshold ?? 4),
        sizeBy,
        colorByCommunity,
        ...(presenting ? { presentation: true } : {}),
      },
      sources: visibleSources,
    }),
    [view.mode, view.filters, selectedNodeId, snapshotQuery, sizeBy, colorByCommunity, presenting, visibleSources],
  );
  const getSnapshotView = useCallback(() => snapshotView, [snapshotView]);

  // presentation: bigger labels through sigma's settings (SIGMA_SETTINGS stays as it is: a new settings object
  // would make @react-sigma build a new sigma), and a resize once the panels are gone or back
  // and a little more room around the graph for the overlay's boxes (the camera comes back on leaving)
  useEffect(() => {
    if (!sigma) return;
    const big = PRESENTATION_LABELS;
    sigma.setSetting('labelSize', presenting ? big.labelSize : (SIGMA_SETTINGS.labelSize ?? 12));
    sigma.setSetting(
      'labelRenderedSizeThreshold',
      presenting ? big.labelRenderedSizeThreshold : (SIGMA_SETTINGS.labelRenderedSizeThreshold ?? 4),
    );
    sigma.refresh();
    if (!presenting) return;
    const camera = sigma.getCamera();
    const before = camera.getState();
    camera.setState({ ratio: before.ratio * 1.15 });
    return () => {
      camera.setState(before);
    };
  }, [sigma, presenting]);
  const leavePresentation = useCallback(() => setPresenting(false), []);
  const presentationLegend = useMemo(() => {
    if (!presenting || !sigma) return [];
    const v = visibleFromSigma(sigma);
    return legendFromNodes(v.nodes, v.edges);
    // the legend follows what is drawn: recomputed when the picture changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presenting, sigma, model, appearance]);

  // ---- canvas events -------------------------------------------------------------------------------------------
  const onClickNode = useCallback(
    (id: string) => {
      const anchor = moreHandleAnchor(id);
      if (anchor) void expandNode(anchor);
      else selectNode(id);
    },
    [expandNode, selectNode],
  );
  const onDoubleClickNode = useCallback(
    (id: string) => {
      const anchor = moreHandleAnchor(id) ?? id;
      void expandNode(anchor);
    },
    [expandNode],
  );
  const onClickEdge = useCallback((id: string) => {
    if (!id.endsWith('#edge')) setSelection({ kind: 'edge', id });
  }, []);
  const onClickStage = useCallback(() => setSelection(null), []);

  // ---- keyboard ------------------------------------------------------------------------------------------------
  const keys = useLatest({
    doUndo,
    doRedo,
    selectedNodeId,
    expandNode,
    collapseNode,
    hideNode,
    setModeMet,
    mode: view.mode,
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const textInput = t instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button'].includes(t.type);
      const typing = !!t && (textInput || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      const k = keys.current;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) k.doRedo();
        else k.doUndo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        k.doRedo();
        return;
      }
      if (typing || mod || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setShortcutsOpen(true);
      } else if (e.key === '/') {
        e.preventDefault();
        searchWrap.current?.querySelector('input')?.focus();
      } else if (e.key === 'Escape') {
        setSelection(null);
        setPath(null);
        setPathMessage(null);
      } else if (e.key === 'p' || e.key === 'P') setPresenting((p) => !p);
      else if (e.key === 'm' || e.key === 'M') k.setModeMet(k.mode !== 'met');
      else if (e.key === 'l' || e.key === 'L') setLayoutRunning((r) => !r);
      else if (k.selectedNodeId && (e.key === 'e' || e.key === 'E')) void k.expandNode(k.selectedNodeId);
      else if (k.selectedNodeId && (e.key === 'c' || e.key === 'C')) k.collapseNode(k.selectedNodeId);
      else if (k.selectedNodeId && (e.key === 'h' || e.key === 'H')) k.hideNode(k.selectedNodeId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys]);

  // ---- test hook -----------------------------------------------------------------------------------------------
  const hookState = useCallback(
    () => ({
      origin: session?.origin,
      start: session?.start,
      mode: view.mode,
      selection,
      filters: view.filters,
      expansions: view.expansions,
      visibleCount: view.visible.length,
      layoutRunning,
      path,
      presenting,
      labelSize: sigma?.getSetting('labelSize') ?? null,
      undo: session ? undoLabel(session.history) : null,
      redo: session ? redoLabel(session.history) : null,
    }),
    [session, view, selection, layoutRunning, path, presenting, sigma],
  );

  // ---- render --------------------------------------------------------------------------------------------------
  const selectedNode = selectedNodeId
    ? ((details?.id === selectedNodeId ? details.details?.node : undefined) ?? data.nodes[selectedNodeId])
    : undefined;
  const history = session?.history;
  const names = useMemo(() => Object.fromEntries((projection?.nodes ?? []).map((n) => [n.id, n.name])), [projection]);
  const bigGraph = model.nodes.length > BETWEENNESS_MAX_NODES;

  return (
    <main className={presenting ? 'explorer presenting' : 'explorer'} aria-label="Explorer">
      <aside className="panel left" aria-label="Search and filters">
        <div ref={searchWrap}>
          <SearchBox label="Search" placeholder="Name or alias…" search={search} onChoose={(h) => void chooseHit(h)} />
        </div>
        <section className="panel-section" aria-labelledby="start-h">
          <h2 id="start-h" className="section-title">
            Start from
          </h2>
          <div className="segmented" role="radiogroup" aria-label="Start from">
            <button type="button" role="radio" aria-checked={session?.start === 'all'} onClick={() => restart('all')}>
              Whole graph
            </button>
            <button
              type="button"
              role="radio"
              aria-checked={session?.start === 'empty'}
              onClick={() => restart('empty')}
            >
              Empty canvas
            </button>
          </div>
        </section>
        <section className="panel-section" aria-labelledby="view-h">
          <h2 id="view-h" className="section-title">
            View
          </h2>
          <Switch label="Who met whom" checked={view.mode === 'met'} onChange={setModeMet} />
          <label className="field">
            <span className="field-label">Size by</span>
            <select value={sizeBy} onChange={(e) => setSizeBy(e.target.value as SizeBy)}>
              <option value="degree">Degree</option>
              <option value="betweenness" disabled={bigGraph}>
                Betweenness{bigGraph ? ' (too many nodes)' : ''}
              </option>
              <option value="pagerank">PageRank</option>
              <option value="uniform">Same size</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={colorByCommunity} onChange={(e) => setColorByCommunity(e.target.checked)} />
            Colour by community (Louvain)
          </label>
          <label className="field">
            <span className="field-label">Neighbours per expansion</span>
            <input
              type="number"
              min={1}
              max={500}
              value={cap}
              onChange={(e) => setCap(Math.max(1, Math.min(500, Number(e.target.value) || DEFAULT_EXPANSION_CAP)))}
            />
          </label>
        </section>
        <section className="panel-section" aria-labelledby="path-h">
          <h2 id="path-h" className="section-title">
            How are they connected?
          </h2>
          <SearchBox
            label="From"
            placeholder="First person or thing…"
            search={search}
            clearOnChoose={false}
            onChoose={(h) => setPathEnd('from', { id: h.id, name: h.name })}
          />
          <SearchBox
            label="To"
            placeholder="Second person or thing…"
            search={search}
            clearOnChoose={false}
            onChoose={(h) => setPathEnd('to', { id: h.id, name: h.name })}
          />
          <p className="muted small">
            {pathFrom ? `From: ${pathFrom.name}` : 'From: —'} · {pathTo ? `To: ${pathTo.name}` : 'To: —'}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={!pathFrom || !pathTo}
              onClick={() => void findPath(pathFrom, pathTo)}
            >
              Find path
            </button>
            <button type="button" className="button subtle" disabled={!path && !pathMessage} onClick={clearPath}>
              Clear path
            </button>
          </div>
          <p className="path-message" role="status" aria-live="polite">
            {pathMessage}
          </p>
        </section>
        <FilterPanel
          labels={labelCountsInView}
          types={typeCountsInView}
          hiddenLabels={view.filters.hiddenLabels}
          hiddenTypes={view.filters.hiddenTypes}
          onToggleLabel={(l) => step(`filter label ${l}`, (v) => setFilters(v, toggleLabel(v.filters, l)))}
          onToggleType={(t) => step(`filter type ${t}`, (v) => setFilters(v, toggleType(v.filters, t)))}
          communityMode={colorByCommunity}
        />
      </aside>

      <section className="canvas-wrap" aria-label="Graph">
        <div className="toolbar" role="toolbar" aria-label="Graph tools">
          <button
            type="button"
            className="button"
            aria-pressed={layoutRunning}
            onClick={() => setLayoutRunning((r) => !r)}
          >
            {layoutRunning ? '■ Stop ForceAtlas2' : '▶ Run ForceAtlas2'}
          </button>
          {LAYOUTS.filter((l) => l.type === 'sync').map((l) => (
            <button
              key={l.id}
              type="button"
              className="button"
              disabled={layoutRunning}
              onClick={() => runLayout(l.id as 'circular' | 'noverlap')}
            >
              {l.name}
            </button>
          ))}
          <span className="toolbar-sep" />
          <button
            type="button"
            className="button"
            onClick={doUndo}
            disabled={!history || !canUndo(history)}
            aria-label={history && undoLabel(history) ? `Undo ${undoLabel(history)}` : 'Undo'}
            title="Ctrl+Z"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            className="button"
            onClick={doRedo}
            disabled={!history || !canRedo(history)}
            aria-label={history && redoLabel(history) ? `Redo ${redoLabel(history)}` : 'Redo'}
            title="Ctrl+Shift+Z"
          >
            ↷ Redo
          </button>
          <span className="toolbar-sep" />
          <ExportMenu sigma={sigma} title={exportTitle} caption="" sources={visibleSources} />
          <SaveSnapshotButton
            sigma={sigma}
            getView={getSnapshotView}
            defaultTitle={exportTitle === 'Parley' ? '' : exportTitle}
            buttonClassName="button"
          />
          <button
            type="button"
            className="button"
            aria-pressed={presenting}
            onClick={() => setPresenting(true)}
            title="P"
          >
            Present
          </button>
          <span className="toolbar-sep" />
          <button
            type="button"
            className="button subtle"
            onClick={() => setShortcutsOpen(true)}
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
          <span className="toolbar-status" role="status" aria-live="polite">
            {model.nodes.filter((n) => !n.hidden && n.kind !== 'More').length} nodes ·{' '}
            {model.edges.filter((e) => !e.hidden && e.type !== 'MORE').length} edges
            {view.mode === 'met' ? ' · who met whom' : ''}
          </span>
        </div>
        {loadError && (
          <div className="banner error" role="alert">
            {loadError}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void loadStart(initialUrl.start, initialUrl.show)}
            >
              Try again
            </button>
          </div>
        )}
        {notice && (
          <div className="banner" role="status">
            {notice}{' '}
            <button type="button" className="link-button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        {session && view.visible.length === 0 && (
          <div className="empty-hint">
            <p>The canvas is empty. Search for a person, an agency or a meeting to start.</p>
          </div>
        )}
        <SigmaContainer
          ref={setSigma}
          graph={graph}
          settings={SIGMA_SETTINGS}
          className="sigma"
          style={{ width: '100%', height: '100%' }}
        >
          <DataController model={model} syncPositions={!layoutRunning} />
          <ReducersController {...appearance} />
          <EventsController
            onClickNode={onClickNode}
            onDoubleClickNode={onDoubleClickNode}
            onClickEdge={onClickEdge}
            onClickStage={onClickStage}
          />
          <LayoutController running={layoutRunning} onStopped={onLayoutStopped} />
          <CameraController request={focus} />
          <TestHook loadGenerated={loadGenerated} expand={expandNode} state={hookState} />
        </SigmaContainer>
        {presenting && (
          <PresentationOverlay
            title={exportTitle}
            caption=""
            legend={presentationLegend}
            footnote={sourcesFootnote(visibleSources)}
            onExit={leavePresentation}
          />
        )}
      </section>

      <aside className="panel right" aria-label="Details">
        {selection?.kind === 'node' && selectedNode ? (
          <NodePanel
            node={selectedNode}
            details={details?.id === selectedNode.id ? details.details : null}
            loading={details?.id === selectedNode.id && !details.details && !details.error}
            error={details?.id === selectedNode.id ? details.error : null}
            sources={sources}
            inView={view.visible.includes(selectedNode.id)}
            expanded={!!expansionOf(view, selectedNode.id)}
            remaining={remaining(view, selectedNode.id)}
            busy={busy}
            onExpand={() => void expandNode(selectedNode.id)}
            onMore={() => void expandNode(selectedNode.id)}
            onCollapse={() => collapseNode(selectedNode.id)}
            onHide={() => hideNode(selectedNode.id)}
            onShow={() => showNode(selectedNode)}
            onPathFrom={() => setPathEnd('from', { id: selectedNode.id, name: selectedNode.name })}
            onPathTo={() => setPathEnd('to', { id: selectedNode.id, name: selectedNode.name })}
            onSelectNode={selectNode}
            onSelectEdge={(id) => setSelection({ kind: 'edge', id })}
            onOpenSource={openSource}
          />
        ) : selectedEdge ? (
          <EdgePanel
            edge={selectedEdge}
            source={data.nodes[selectedEdge.source]}
            target={data.nodes[selectedEdge.target]}
            sources={sources}
            onSelectNode={selectNode}
            onOpenSource={openSource}
          />
        ) : selectedMetEdge ? (
          <MetEdgePanel
            edge={selectedMetEdge}
            names={names}
            sources={sources}
            onSelectNode={selectNode}
            onOpenSource={openSource}
            serverCheck={metCheck?.id === selectedMetEdge.id ? metCheck.text : null}
          />
        ) : (
          <div className="details empty">
            <h2 className="details-title">Details</h2>
            <p className="muted">
              Select a node or a relationship to see its properties and the quotes behind it. Double-click a node to
              expand it.
            </p>
          </div>
        )}
      </aside>

      <footer className="bottom">
        <TimeBar
          bins={bins}
          days={days}
          from={view.filters.from}
          to={view.filters.to}
          onChange={(f, t) => step('time range', (v) => setFilters(v, setTimeRange(v.filters, f, t)))}
          playing={playing}
          onTogglePlay={togglePlay}
          onReset={() => step('all dates', (v) => setFilters(v, setTimeRange(v.filters, null, null)))}
          shown={shownMeetings}
          total={
            dates.length === 0
              ? 0
              : inViewNodes.filter((n) => n.labels.includes('Meeting') && typeof n.properties['date'] === 'string')
                  .length
          }
        />
      </footer>

      <Modal title="Source" open={sourceDialog !== null} onClose={() => setSourceDialog(null)} wide>
        {sourceDialog?.error && <p className="error">{sourceDialog.error}</p>}
        {!sourceDialog?.source && !sourceDialog?.error && <p className="muted">Loading…</p>}
        {sourceDialog?.source && <SourceText source={sourceDialog.source} quote={sourceDialog.quote} />}
      </Modal>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </main>
  );
}
