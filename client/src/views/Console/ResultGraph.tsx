/**
 * A console result drawn with the explorer's sigma settings and colours (SIGMA_SETTINGS, ReducersController:
 * colour by label, hover highlighting, edge labels when zoomed in). Positions: a circle, then a short
 * ForceAtlas2 run, computed once per result; the camera then frames every node with its whole label (the
 * explorer's fit). Relationships among the returned nodes that the query did not return are added, as Neo4j
 * Browser does ("Connect result nodes", on by default, a switch turns it off and the count is said).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type Sigma from 'sigma';
import { SigmaContainer, useRegisterEvents, useSigma } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { MultiDirectedGraph } from 'graphology';
import circular from 'graphology-layout/circular';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { CypherResponse, GraphEdge } from '../../../../contract';
import { frameState } from '../../graph/camera';
import { useSourceSummaries } from '../../core/sources';
import { ExportMenu } from '../../components/export/ExportMenu';
import { SIGMA_SETTINGS } from '../../graph/settings';
import { avoidNodes } from '../../graph/labels';
import { ReducersController } from '../../graph/ReducersController';
import { labelColor } from '../../graph/palette';
import { legendForSnapshot, pictureLegend } from '../../state/legend';
import { count } from '../../utils/words';
import { useConnectingEdges } from './useConnectingEdges';

/** Adds the relationships (those whose ends are drawn and that are not drawn yet); answers the keys added. */
export function addEdges(graph: MultiDirectedGraph, edges: GraphEdge[]): string[] {
  const added: string[] = [];
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || graph.hasEdge(e.id)) continue;
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
      label: e.type,
      relType: e.type,
      weight: 1,
      inferred: e.inferred,
      type: e.source === e.target ? 'arrow' : 'curved',
    });
    added.push(e.id);
  }
  return added;
}

/** Up to this many nodes, a result labels every node (sigma's label grid otherwise drops labels of close nodes). */
export const LABEL_ALL_MAX = 60;

export function buildResultGraph(g: CypherResponse['graph']): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  const forceLabel = g.nodes.length <= LABEL_ALL_MAX;
  for (const n of g.nodes) {
    graph.mergeNode(n.id, { label: n.name, kind: n.labels[0] ?? 'Node', size: 6, x: 0, y: 0, forceLabel });
  }
  addEdges(graph, g.edges);
  circular.assign(graph, { scale: 100 });
  if (graph.order > 1) {
    forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
    // then nodes pushed apart, so that two nodes (and their labels) do not sit on each other
    let [minX, maxX] = [Infinity, -Infinity];
    graph.forEachNode((_, a) => {
      minX = Math.min(minX, a['x'] as number);
      maxX = Math.max(maxX, a['x'] as number);
    });
    noverlap.assign(graph, { maxIterations: 150, settings: { margin: Math.max(maxX - minX, 1) / 20, ratio: 1 } });
  }
  return graph;
}

/** Frames every node with room for its label once the result is drawn (render-nothing controller). */
function FitOnLoad({ graph }: { graph: MultiDirectedGraph }) {
  const sigma = useSigma();
  useEffect(() => {
    const state = frameState(sigma, graph.nodes());
    if (state) sigma.getCamera().setState(state);
  }, [sigma, graph]);
  return null;
}

/** Draws the connecting relationships into the result's graph (no new layout: the nodes stay where they are). */
function Connect({ graph, edges }: { graph: MultiDirectedGraph; edges: GraphEdge[] }) {
  useEffect(() => {
    const added = addEdges(graph, edges);
    return () => added.forEach((id) => graph.hasEdge(id) && graph.dropEdge(id));
  }, [graph, edges]);
  return null;
}

function Selection({ onSelect }: { onSelect: (id: string | null) => void }) {
  const register = useRegisterEvents();
  useMemo(() => {
    register({ clickNode: (e) => onSelect(e.node), clickStage: () => onSelect(null) });
  }, [register, onSelect]);
  return null;
}

/** One key per result: a new result mounts a new canvas (a sigma is never handed a second graph while its
 * controllers still hold the first, which threw "could not find a suitable program"). */
const resultKeys = new WeakMap<object, number>();
let lastKey = 0;
function keyOf(graph: object): number {
  let k = resultKeys.get(graph);
  if (k === undefined) resultKeys.set(graph, (k = ++lastKey));
  return k;
}

export function ResultGraph({ graph }: { graph: CypherResponse['graph'] }) {
  return <ResultCanvas key={keyOf(graph)} graph={graph} />;
}

function ResultCanvas({ graph: data }: { graph: CypherResponse['graph'] }) {
  const [connect, setConnect] = useState(true);
  const connecting = useConnectingEdges(data, connect);
  const graph = useMemo(() => buildResultGraph(data), [data]);
  const drawnOfResult = useMemo(() => graph.size, [graph]);
  const [selected, setSelected] = useState<string | null>(null);
  // the key of the result (state/legend, as in the explorer and the exports): its labels, sorted, with counts
  const legend = useMemo(() => {
    const nodes = data.nodes
      .map((n) => ({ id: n.id, kind: n.labels[0] ?? 'Node' }))
      .sort((a, b) => a.kind.localeCompare(b.kind));
    return pictureLegend({ nodes, labelColor });
  }, [data]);
  const exportLegend = useMemo(() => legendForSnapshot(legend), [legend]);
  const node = selected ? data.nodes.find((n) => n.id === selected) : undefined;
  const [sigma, setSigma] = useState<Sigma | null>(null);
  const attach = useCallback((s: Sigma | null) => {
    // labels keep off the other nodes' discs too (graph/labels.ts)
    if (s) avoidNodes(s);
    setSigma(s);
  }, []);
  // the documents behind the result's relationships, as the server describes them (for the export footnote)
  const sourceIds = useMemo(
    () => [...new Set(data.edges.flatMap((e) => e.evidence.map((ev) => ev.sourceId)))].sort(),
    [data],
  );
  const shownSources = useSourceSummaries(sourceIds);
  if (data.nodes.length === 0) {
    return <p className="muted console-empty">No nodes, relationships or paths in this result; see the table.</p>;
  }
  return (
    <div
      className="console-graph"
      data-testid="console-graph"
      data-nodes={graph.order}
      data-edges={drawnOfResult + connecting.edges.length}
      data-connected={connecting.status === 'done' ? connecting.edges.length : 0}
      data-labels={graph.order <= LABEL_ALL_MAX ? 'all' : 'by zoom'}
    >
      <div className="console-graph-canvas">
        <SigmaContainer
          ref={attach}
          graph={graph}
          settings={SIGMA_SETTINGS}
          className="sigma"
          style={{ width: '100%', height: '100%' }}
        >
          <ReducersController sizes={{}} communities={null} selectedNode={selected} selectedEdge={null} path={null} />
          <Selection onSelect={setSelected} />
          <FitOnLoad graph={graph} />
          <Connect graph={graph} edges={connecting.edges} />
        </SigmaContainer>
        {/* over the canvas: labels keep out from under these (graph/labels.ts) */}
        <div className="console-export" data-over-canvas="">
          <ExportMenu
            sigma={sigma}
            title="Cypher console result"
            caption=""
            legend={exportLegend}
            sources={shownSources}
            fileName="parley-console"
          />
        </div>
        {node && (
          <div className="console-node-card" data-over-canvas="">
            <strong>{node.name}</strong> <span className="muted small">{node.labels.join(', ')}</span>
            <div className="small muted">{node.id}</div>
            <dl className="small">
              {Object.entries(node.properties)
                .filter(([k]) => k !== 'name' && k !== 'id')
                .slice(0, 12)
                .map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                  </div>
                ))}
            </dl>
          </div>
        )}
      </div>
      <div className="console-graph-foot">
        <div className="console-legend legend">
          {legend.map((l) => (
            <span key={l.label} className="legend-item">
              <span className="swatch" style={{ background: l.color }} />
              <span className="legend-name">{l.label}</span>
            </span>
          ))}
        </div>
        <label className="console-connect small">
          <input type="checkbox" checked={connect} onChange={(e) => setConnect(e.target.checked)} /> Connect result
          nodes
        </label>
        <span className="small muted" role="status" data-testid="console-connect-note">
          {connecting.status === 'loading'
            ? 'Adding the relationships among the returned nodes…'
            : connecting.status === 'done' && connecting.edges.length > 0
              ? `${count(connecting.edges.length, 'relationship')} among the returned nodes added (not in the result)`
              : connecting.note}
        </span>
      </div>
    </div>
  );
}
