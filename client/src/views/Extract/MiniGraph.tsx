import { useEffect, useRef } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram } from 'sigma/rendering';
import { labelColor } from '../../graph/palette';
import { initialLayout } from '../../layouts';
import type { PreviewEdge, PreviewNode } from '../../state/extract/review';

/** grey: a node the graph already has (the proposal is merged into it); new nodes keep their label's colour */
export const EXISTING_COLOR = '#b8bec6';

/**
 * A small read-only graph of what "Add to graph" will add (graphology + sigma, redrawn when the review changes;
 * `kill()` on cleanup): new nodes in their label's colour, nodes already in the graph grey and named so. Props
 * only; the counts are also written as text for screen readers and tests.
 */
export function MiniGraph(props: { nodes: PreviewNode[]; edges: PreviewEdge[] }) {
  const container = useRef<HTMLDivElement>(null);
  const { nodes, edges } = props;
  useEffect(() => {
    const el = container.current;
    if (!el || nodes.length === 0) return;
    const graph = new Graph({ multi: true, type: 'directed' });
    const at = initialLayout(
      nodes.map((n) => n.id),
      edges,
      7,
    );
    for (const n of nodes) {
      graph.addNode(n.id, {
        x: at[n.id]?.x ?? 0,
        y: at[n.id]?.y ?? 0,
        size: n.existing ? 6 : 8,
        color: n.existing ? EXISTING_COLOR : labelColor(n.label),
        label: n.existing ? `${n.name} (in graph)` : n.name,
      });
    }
    for (const e of edges) {
      if (!graph.hasEdge(e.id))
        graph.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#9aa5b1', type: 'arrow' });
    }
    const s = new Sigma(graph, el, {
      allowInvalidContainer: true,
      labelFont: 'Inter, system-ui, sans-serif',
      labelSize: 11,
      labelRenderedSizeThreshold: 0,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: EdgeArrowProgram },
      stagePadding: 24,
    });
    return () => s.kill();
  }, [nodes, edges]);

  const fresh = nodes.filter((n) => !n.existing).length;
  const existing = nodes.length - fresh;
  return (
    <section className="extract-mini" aria-label="What will be added">
      <h2>What will be added</h2>
      {nodes.length === 0 ? (
        <p className="extract-mini-empty">Accept proposals (a, or the Accept buttons) to see them here.</p>
      ) : (
        <div className="extract-mini-canvas" ref={container} data-testid="mini-graph" />
      )}
      <p className="extract-mini-legend" role="status">
        <span className="swatch new" aria-hidden="true" /> {fresh} new
        <span className="swatch existing" aria-hidden="true" /> {existing} already in the graph · {edges.length}{' '}
        relationship{edges.length === 1 ? '' : 's'}
      </p>
    </section>
  );
}
