import { useEffect, useRef } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram } from 'sigma/rendering';
import { labelColor } from '../../graph/palette';
import type { PreviewEdge, PreviewNode } from '../../state/extract/review';

/** grey: a node the graph already has (the proposal is merged into it); new nodes keep their label's colour */
export const EXISTING_COLOR = '#b8bec6';
/** pixels between two rows of the picture */
const ROW = 24;
const ANCHOR = '\u0000anchor';

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
    for (const n of nodes) {
      graph.addNode(n.id, {
        x: 0,
        y: 0,
        size: n.existing ? 6 : 8,
        color: n.existing ? EXISTING_COLOR : labelColor(n.label),
        label: n.existing ? `${n.name} (in graph)` : n.name,
      });
    }
    for (const e of edges) {
      if (!graph.hasEdge(e.id))
        graph.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#9aa5b1', type: 'arrow' });
    }
    // two columns in screen pixels (sigma's own rescaling off): people, agencies, places and issues on the
    // left, meetings on the right, one row each, so no two labels overlap; re-placed when the box is resized
    const left = nodes.filter((n) => n.label !== 'Meeting');
    const right = nodes.filter((n) => n.label === 'Meeting');
    const place = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      const x0 = -w / 2 + 16;
      const gap = Math.min(w * 0.42, 260);
      const column = (list: PreviewNode[], x: number) =>
        list.forEach((n, i) => {
          const y = (h - ROW * (list.length - 1)) / 2 + ROW * i - h / 2;
          graph.mergeNodeAttributes(n.id, { x, y: -y });
        });
      column(left, right.length ? x0 : x0 + gap / 2);
      column(right, x0 + gap);
      // sigma centres the nodes' extent in the box: an invisible node at the right edge makes that extent the
      // whole width, so the columns stay on the left and the labels have room
      graph.mergeNodeAttributes(ANCHOR, { x: w / 2 - 16, y: 0 });
    };
    graph.addNode(ANCHOR, { x: 0, y: 0, size: 0.01, color: 'rgba(0,0,0,0)', label: null });
    place();
    const s = new Sigma(graph, el, {
      allowInvalidContainer: true,
      labelFont: 'Inter, system-ui, sans-serif',
      labelSize: 11,
      labelRenderedSizeThreshold: 0,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: EdgeArrowProgram },
      autoRescale: false,
      autoCenter: false,
      itemSizesReference: 'screen',
      // every label drawn (sigma's label grid would hide some in so small a picture)
      labelDensity: 100,
      labelGridCellSize: 10,
    });
    const resized = new ResizeObserver(() => {
      place();
      s.refresh();
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      s.kill();
    };
  }, [nodes, edges]);

  const rows = Math.max(
    nodes.filter((n) => n.label === 'Meeting').length,
    nodes.filter((n) => n.label !== 'Meeting').length,
  );
  const fresh = nodes.filter((n) => !n.existing).length;
  const existing = nodes.length - fresh;
  return (
    <section className="extract-mini" aria-label="What will be added">
      <h2>What will be added</h2>
      {nodes.length === 0 ? (
        <p className="extract-mini-empty">Accept proposals (a, or the Accept buttons) to see them here.</p>
      ) : (
        <div
          className="extract-mini-canvas"
          ref={container}
          data-testid="mini-graph"
          style={{ height: Math.min(420, Math.max(120, ROW * rows + 24)) }}
        />
      )}
      <p className="extract-mini-legend" role="status">
        <span className="swatch new" aria-hidden="true" /> {fresh} new (coloured by kind)
        <span className="swatch existing" aria-hidden="true" /> {existing} already in the graph · {edges.length}{' '}
        relationship{edges.length === 1 ? '' : 's'}
      </p>
    </section>
  );
}
