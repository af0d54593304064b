import { useEffect, useRef, useState } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import type { NodeDetails, SnapshotDocument } from '../../../../contract';
import { api } from '../../api/client';
import { navigate, usePageTitle } from '../../app/router';
import { NodePanel } from '../../components/DetailsPanel';
import { Modal } from '../../components/Modal';
import { SourceText } from '../../components/SourceText';
import { ExportMenu } from '../../components/export/ExportMenu';
import { LegendList } from '../../components/export/LegendList';
import { useSourceCache, useSourceSummaries } from '../../core/sources';
import { continueFromSnapshot, snapshotExplorerHref } from '../../core/explorer';
import { humanDate } from '../../state/snapshots';
import { PresentationOverlay, presentationSettings } from '../../components/export/PresentationOverlay';
import { download, sourcesFootnote } from '../../utils/export';
import { openSourceDialog, type SourceDialog } from '../../utils/sourceDialog';
import { fileBaseName, snapshotFileText } from '../../state/snapshots';
import { testHooks } from '../../app/testhooks';
import { frameState } from '../../graph/camera';
import { avoidNodes, drawPlacedHover, drawPlacedLabel } from '../../graph/labels';

const LABEL_SIZE = 12;
const noop = () => {};

/** A number from the snapshot's free-form styles, if it is a sensible one. */
function styleNumber(styles: SnapshotDocument['view']['styles'], key: string, min: number, max: number) {
  const v = styles[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : null;
}

/** Builds the graph exactly as stored: positions, sizes, colours, curves and arrows. */
export function snapshotGraph(doc: SnapshotDocument): Graph {
  const g = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const n of doc.graph.nodes)
    g.addNode(n.id, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.label, kind: n.kind });
  for (const e of doc.graph.edges) {
    if (!g.hasNode(e.source) || !g.hasNode(e.target)) continue;
    const curved = !!e.curvature;
    const type = curved ? (e.arrow ? 'curved' : 'curvedLine') : e.arrow ? 'arrow' : 'line';
    g.addDirectedEdgeWithKey(e.id, e.source, e.target, {
      type,
      color: e.color,
      size: e.size,
      label: e.label ?? '',
      relType: e.type,
      inferred: e.inferred ?? false,
      ...(curved ? { curvature: e.curvature } : {}),
    });
  }
  return g;
}

export interface SnapshotViewerProps {
  snapshot: SnapshotDocument;
  /** ids no longer in the database; null when not checked (a file opened without the server) */
  missing: { nodes: string[]; edges: string[] } | null;
}

/** Read-only reopening of a snapshot: the stored picture, its camera, and what no longer exists. */
export function SnapshotViewer({ snapshot, missing }: SnapshotViewerProps) {
  const container = useRef<HTMLDivElement>(null);
  const [sigma, setSigma] = useState<Sigma | null>(null);
  const [presenting, setPresenting] = useState(false);
  const { view } = snapshot;
  usePageTitle(snapshot.title);
  // the clicked node's details, read-only, as the server has them now
  const [selected, setSelected] = useState<string | null>(null);
  const [details, setDetails] = useState<{ id: string; data: NodeDetails | null; error: string | null } | null>(null);
  const [source, setSource] = useState<SourceDialog | null>(null);
  const sources = useSourceCache();
  const evidenceIds = [
    ...new Set((details?.data?.relationships ?? []).flatMap((r) => r.edge.evidence.map((e) => e.sourceId))),
  ].sort();
  useSourceSummaries(evidenceIds);
  const selectedNode = snapshot.graph.nodes.find((n) => n.id === selected && !n.derived);
  useEffect(() => {
    if (!selectedNode) return;
    const ask = new AbortController();
    const id = selectedNode.id;
    api.node(id, ask.signal).then(
      (data) => setDetails({ id, data, error: null }),
      (err: unknown) => !ask.signal.aborted && setDetails({ id, data: null, error: (err as Error).message }),
    );
    return () => ask.abort();
  }, [selectedNode]);
  const openSource = (sourceId: string, quote: string) =>
    openSourceDialog(
      quote,
      () => api.source(sourceId),
      (next, ifStill) => setSource((now) => (!ifStill || now === ifStill ? next : now)),
    );
  // "Open in explorer" continues from this picture: the same database nodes where they were drawn, with the
  // view's style rules, size, colouring, filters, selection and path (core/explorer/handoff.ts)
  const openHref = snapshotExplorerHref(snapshot);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const graph = snapshotGraph(snapshot);
    // the label settings the picture was taken with (explorer snapshots store them in styles), so the same
    // labels are drawn at the same size
    const labelSize = styleNumber(view.styles, 'labelSize', 4, 64) ?? LABEL_SIZE;
    const s = new Sigma(graph, el, {
      allowInvalidContainer: true,
      labelFont: 'Inter, system-ui, sans-serif',
      labelSize,
      defaultDrawNodeLabel: drawPlacedLabel,
      defaultDrawNodeHover: drawPlacedHover,
      labelRenderedSizeThreshold: styleNumber(view.styles, 'labelRenderedSizeThreshold', 0, 100) ?? 0,
      renderEdgeLabels: false,
      zIndex: true,
      defaultEdgeType: 'line',
      edgeProgramClasses: {
        arrow: EdgeArrowProgram,
        line: EdgeLineProgram,
        curved: EdgeCurvedArrowProgram,
        curvedLine: EdgeCurveProgram,
      },
      ...(presenting ? presentationSettings({ labelSize }, window.innerWidth) : {}),
    });
    avoidNodes(s); // labels keep off the other nodes' discs too (graph/labels.ts)
    if (view.bbox) s.setCustomBBox({ x: view.bbox.x, y: view.bbox.y });
    // presenting: the whole picture framed in the room the title, legend and footnote leave, with its labels
    // inside (graph/camera.ts, as the explorer frames); otherwise the camera it was saved with
    s.refresh();
    const framed = presenting ? frameState(s, graph.nodes()) : null;
    s.getCamera().setState(framed ?? view.camera);
    s.refresh();
    s.on('clickNode', ({ node }) => setSelected(node));
    s.on('clickStage', () => setSelected(null));
    setSigma(s);
    // the browser tests' window.__parleySnapshot, when they asked for it (app/testhooks.ts)
    const uninstall = testHooks()?.snapshot(s);
    return () => {
      uninstall?.();
      setSigma(null);
      s.kill();
    };
  }, [snapshot, view.bbox, view.camera, view.styles, presenting]);

  const footnote = sourcesFootnote(snapshot.sources);
  const missingCount = missing ? missing.nodes.length + missing.edges.length : 0;
  return (
    <section
      className="snapshot-viewer"
      aria-label="Snapshot"
      style={{ padding: presenting ? 0 : 12, display: 'grid', gap: 8 }}
    >
      {!presenting && (
        <header style={{ display: 'flex', gap: 12, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <div style={{ flex: '1 1 auto' }}>
            <h1 style={{ margin: 0, fontSize: 22 }}>{snapshot.title}</h1>
            {snapshot.caption && <p style={{ margin: '4px 0 0' }}>{snapshot.caption}</p>}
            <p style={{ margin: '4px 0 0', fontSize: 12, color: '#52606d' }}>
              Read-only snapshot{snapshot.created ? ` saved ${humanDate(snapshot.created)}` : ''}:{' '}
              {snapshot.graph.nodes.length} node{snapshot.graph.nodes.length === 1 ? '' : 's'},{' '}
              {snapshot.graph.edges.length} edge{snapshot.graph.edges.length === 1 ? '' : 's'},{' '}
              {view.mode === 'met' ? 'who-met-whom view' : 'graph view'}. Click a node for its details.
            </p>
          </div>
          <ExportMenu
            sigma={sigma}
            title={snapshot.title}
            caption={snapshot.caption}
            legend={view.legend}
            sources={snapshot.sources}
            fileName={fileBaseName(snapshot.title)}
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              download(snapshotFileText(snapshot), `${fileBaseName(snapshot.title)}.parley.json`, 'application/json')
            }
          >
            Download snapshot file
          </button>
          <button type="button" className="button" onClick={() => setPresenting(true)}>
            Present
          </button>
          <a
            className="button"
            href={openHref}
            onClick={(e) => {
              e.preventDefault();
              navigate(continueFromSnapshot(snapshot));
            }}
          >
            Open in explorer
          </a>
        </header>
      )}
      {!presenting && missing === null && (
        <p role="note" style={{ margin: 0 }}>
          Opened from a file: whether these nodes still exist in the database was not checked.
        </p>
      )}
      {!presenting && missingCount > 0 && missing && (
        <div role="alert" className="snapshot-missing" style={{ background: '#fff4e5', padding: 8, borderRadius: 4 }}>
          <strong>
            {missing.nodes.length} node{missing.nodes.length === 1 ? '' : 's'} and {missing.edges.length} edge
            {missing.edges.length === 1 ? '' : 's'} of this snapshot no longer exist in the database
          </strong>{' '}
          (still drawn here from the snapshot’s own copy):
          <ul style={{ margin: '4px 0 0' }}>
            {missing.nodes.map((id) => (
              <li key={`n:${id}`}>
                node {snapshot.graph.nodes.find((n) => n.id === id)?.label ?? id} ({id})
              </li>
            ))}
            {missing.edges.map((id) => (
              <li key={`e:${id}`}>edge {id}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={presenting ? 'snapshot-stage presenting' : 'snapshot-stage'}>
        <div
          className="snapshot-canvas-box"
          style={presenting ? undefined : { width: view.viewport.width, height: view.viewport.height }}
        >
          <div
            ref={container}
            data-testid="snapshot-canvas"
            className={presenting ? 'snapshot-canvas presenting' : 'snapshot-canvas'}
          />
          {presenting && (
            <PresentationOverlay
              title={snapshot.title}
              caption={snapshot.caption}
              legend={view.legend}
              footnote={footnote}
              onExit={() => setPresenting(false)}
            />
          )}
        </div>
        {!presenting && selected && (
          <aside className="snapshot-details" aria-label="Details">
            <button type="button" className="link-button" onClick={() => setSelected(null)}>
              Close details
            </button>
            {selectedNode ? (
              <NodePanel
                readOnly
                node={
                  details?.id === selectedNode.id && details.data
                    ? details.data.node
                    : { id: selectedNode.id, labels: [selectedNode.kind], name: selectedNode.label, properties: {} }
                }
                details={details?.id === selectedNode.id ? details.data : null}
                loading={details?.id !== selectedNode.id}
                error={details?.id === selectedNode.id ? details.error : null}
                sources={sources}
                inView
                expanded={false}
                remaining={0}
                busy={false}
                onExpand={noop}
                onMore={noop}
                onCollapse={noop}
                onHide={noop}
                onShow={noop}
                onPathFrom={noop}
                onPathTo={noop}
                onSelectNode={(id) => snapshot.graph.nodes.some((n) => n.id === id) && setSelected(id)}
                onSelectEdge={noop}
                onOpenSource={openSource}
              />
            ) : (
              <p className="muted">This node was made by the view (not a database node): it has no details.</p>
            )}
          </aside>
        )}
      </div>
      <Modal title="Source" open={source !== null} onClose={() => setSource(null)} wide>
        {source?.error && <p className="error">{source.error}</p>}
        {source && !source.source && !source.error && <p className="muted">Loading…</p>}
        {source?.source && <SourceText source={source.source} quote={source.quote} />}
      </Modal>
      {!presenting && <LegendList items={view.legend} className="legend snapshot-legend" />}
      {!presenting && footnote && <p style={{ margin: 0, fontSize: 12, color: '#52606d' }}>{footnote}</p>}
    </section>
  );
}

export default SnapshotViewer;
