/**
 * A console result drawn with the explorer's sigma settings and colours (SIGMA_SETTINGS, ReducersController:
 * colour by label, hover highlighting, edge labels when zoomed in). Positions: a circle, then a short
 * ForceAtlas2 run, computed once per result.
 */
import { useMemo, useState } from 'react';
import type Sigma from 'sigma';
import { SigmaContainer, useRegisterEvents } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { MultiDirectedGraph } from 'graphology';
import circular from 'graphology-layout/circular';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { CypherResponse } from '../../../../contract';
import { useSourceSummaries } from '../../core/sources';
import { ExportMenu } from '../../components/export/ExportMenu';
import { SIGMA_SETTINGS } from '../../graph/settings';
import { ReducersController } from '../../graph/ReducersController';
import { labelColor } from '../../graph/palette';
import { legendFromNodes } from '../../state/snapshots';

export function buildResultGraph(g: CypherResponse['graph']): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  for (const n of g.nodes) {
    graph.mergeNode(n.id, { label: n.name, kind: n.labels[0] ?? 'Node', size: 6, x: 0, y: 0 });
  }
  for (const e of g.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || graph.hasEdge(e.id)) continue;
    graph.addDirectedEdgeWithKey(e.id, e.source, e.target, {
      label: e.type,
      relType: e.type,
      weight: 1,
      inferred: e.inferred,
      type: e.source === e.target ? 'arrow' : 'curved',
    });
  }
  circular.assign(graph, { scale: 100 });
  if (graph.order > 1) {
    forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
  }
  return graph;
}

function Selection({ onSelect }: { onSelect: (id: string | null) => void }) {
  const register = useRegisterEvents();
  useMemo(() => {
    register({ clickNode: (e) => onSelect(e.node), clickStage: () => onSelect(null) });
  }, [register, onSelect]);
  return null;
}

export function ResultGraph({ graph: data }: { graph: CypherResponse['graph'] }) {
  const graph = useMemo(() => buildResultGraph(data), [data]);
  const [selected, setSelected] = useState<string | null>(null);
  const labels = useMemo(() => [...new Set(data.nodes.map((n) => n.labels[0] ?? 'Node'))].sort(), [data]);
  const node = selected ? data.nodes.find((n) => n.id === selected) : undefined;
  const [sigma, setSigma] = useState<Sigma | null>(null);
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
      data-nodes={data.nodes.length}
      data-edges={data.edges.length}
    >
      <SigmaContainer
        ref={setSigma}
        graph={graph}
        settings={SIGMA_SETTINGS}
        className="sigma"
        style={{ width: '100%', height: '100%' }}
      >
        <ReducersController sizes={{}} communities={null} selectedNode={selected} selectedEdge={null} path={null} />
        <Selection onSelect={setSelected} />
      </SigmaContainer>
      <div className="console-export">
        <ExportMenu
          sigma={sigma}
          title="Cypher console result"
          caption=""
          legend={legendFromNodes}
          sources={shownSources}
          fileName="parley-console"
        />
      </div>
      <div className="console-legend legend">
        {labels.map((l) => (
          <span key={l} className="legend-item">
            <span className="swatch" style={{ background: labelColor(l) }} />
            <span className="legend-name">{l}</span>
          </span>
        ))}
      </div>
      {node && (
        <div className="console-node-card">
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
  );
}
