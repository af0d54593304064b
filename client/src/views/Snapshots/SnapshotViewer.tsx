import { useEffect, useRef, useState } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import EdgeCurveProgram, { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import type { SnapshotDocument } from '../../../../contract';
import { ExportMenu } from '../../components/export/ExportMenu';
import { PresentationOverlay, presentationSettings } from '../../components/export/PresentationOverlay';
import { download, sourcesFootnote } from '../../utils/export';
import { fileBaseName, legendFromNodes, snapshotFileText } from '../../state/snapshots';
import { testHooks } from '../../app/testhooks';

const LABEL_SIZE = 12;

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
      ...(presenting ? presentationSettings({ labelSize }) : {}),
    });
    if (view.bbox) s.setCustomBBox({ x: view.bbox.x, y: view.bbox.y });
    s.getCamera().setState(view.camera);
    s.refresh();
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
              Read-only snapshot{snapshot.created ? ` saved ${snapshot.created}` : ''}: {snapshot.graph.nodes.length}{' '}
              nodes, {snapshot.graph.edges.length} edges, {view.mode === 'met' ? 'who-met-whom view' : 'graph view'}.
            </p>
          </div>
          <ExportMenu
            sigma={sigma}
            title={snapshot.title}
            caption={snapshot.caption}
            legend={view.legend ?? legendFromNodes}
            sources={snapshot.sources}
            fileName={fileBaseName(snapshot.title)}
          />
          <button
            type="button"
            onClick={() =>
              download(snapshotFileText(snapshot), `${fileBaseName(snapshot.title)}.parley.json`, 'application/json')
            }
          >
            Download snapshot file
          </button>
          <button type="button" onClick={() => setPresenting(true)}>
            Present
          </button>
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
      <div
        style={{
          position: 'relative',
          width: view.viewport.width,
          height: view.viewport.height,
          outline: presenting ? 'none' : '1px solid #d0d5dc',
          background: '#fff',
        }}
      >
        <div ref={container} data-testid="snapshot-canvas" style={{ position: 'absolute', inset: 0 }} />
        {presenting && (
          <PresentationOverlay
            title={snapshot.title}
            caption={snapshot.caption}
            legend={view.legend ?? legendFromNodes}
            footnote={footnote}
            onExit={() => setPresenting(false)}
          />
        )}
      </div>
      {!presenting && footnote && <p style={{ margin: 0, fontSize: 12, color: '#52606d' }}>{footnote}</p>}
    </section>
  );
}

export default SnapshotViewer;
