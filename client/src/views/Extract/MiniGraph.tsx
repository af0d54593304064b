import { useEffect, useRef, useState } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeArrowProgram } from 'sigma/rendering';
import { labelTextWidth } from '../../graph/camera';
import { avoidNodes, drawPlacedHover, drawPlacedLabel, drawnLabels } from '../../graph/labels';
import { labelColor } from '../../graph/palette';
import type { PreviewEdge, PreviewNode } from '../../state/extract/review';

/** grey: a node the graph already has (the proposal is merged into it); new nodes keep their label's colour */
export const EXISTING_COLOR = '#b8bec6';
/** pixels between two rows of the picture */
const ROW = 24;
const ANCHOR = '\u0000anchor';
const LABEL_SIZE = 11;
const LABEL_FONT = 'Inter, system-ui, sans-serif';
/** the larger disc's radius, and the room sigma leaves between a disc and its label */
const DISC = 8;
const LABEL_OFFSET = 3;
/** pixels kept free at the box's left and right edges (the outer discs' centres sit DISC further in) */
const EDGE = 8;

const nodeLabel = (n: PreviewNode) => (n.existing ? `${n.name} (in graph)` : n.name);
const isMeeting = (n: PreviewNode) => n.label === 'Meeting';
const widest = (list: PreviewNode[]) =>
  Math.max(0, ...list.map((n) => labelTextWidth(nodeLabel(n), LABEL_SIZE, LABEL_FONT)));

/**
 * Where the columns go in a box `width` pixels wide (x from the box's left edge), measured with the labels'
 * widths as the explorer's camera fit measures them (graph/camera.ts): people, agencies, places and issues on the
 * left, meetings on the right when both columns' labels fit side by side whole; else one column, the meetings
 * below the rest and set in (`stacked`), so that no label is cut by the box's edge nor runs into a disc.
 */
function columns(width: number, left: PreviewNode[], right: PreviewNode[]) {
  const x0 = EDGE + DISC;
  if (right.length === 0 || left.length === 0) return { left: x0, right: x0, stacked: false };
  const from = x0 + DISC + LABEL_OFFSET + widest(left) + 8 + DISC; // clear of the left column's labels
  const to = width - EDGE - widest(right) - LABEL_OFFSET - DISC; // the meetings' labels end inside the box
  if (from > to) return { left: x0, right: x0 + 3 * DISC, stacked: true };
  return { left: x0, right: Math.min(Math.max(x0 + Math.min(width * 0.42, 260), from), to), stacked: false };
}

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
        label: nodeLabel(n),
        // every label drawn (the columns leave each a row of its own)
        forceLabel: true,
      });
    }
    for (const e of edges) {
      if (!graph.hasEdge(e.id))
        graph.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: '#9aa5b1', type: 'arrow' });
    }
    // screen pixels (sigma's own rescaling off), one row per node so no two labels overlap; re-placed when the
    // box is resized
    const left = nodes.filter((n) => !isMeeting(n));
    const right = nodes.filter(isMeeting);
    const place = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      const c = columns(w, left, right);
      const rows = c.stacked ? left.length + right.length : Math.max(left.length, right.length);
      const column = (list: PreviewNode[], x: number, first: number) =>
        list.forEach((n, i) => {
          const y = (h - ROW * (rows - 1)) / 2 + ROW * (first + i) - h / 2;
          graph.mergeNodeAttributes(n.id, { x: x - w / 2, y: -y });
        });
      column(left, c.left, 0);
      column(right, c.right, c.stacked ? left.length : 0);
      // sigma centres the nodes' extent in the box: an invisible node at the right edge makes that extent the
      // whole width, so the columns stay where they are placed
      graph.mergeNodeAttributes(ANCHOR, { x: w / 2 - EDGE - DISC, y: 0 });
      // for tests and the curious: how it was laid out
      el.dataset['layout'] = c.stacked ? 'stacked' : 'columns';
    };
    graph.addNode(ANCHOR, { x: 0, y: 0, size: 0.01, color: 'rgba(0,0,0,0)', label: null });
    place();
    const s = new Sigma(graph, el, {
      allowInvalidContainer: true,
      labelFont: LABEL_FONT,
      labelSize: LABEL_SIZE,
      labelRenderedSizeThreshold: 0,
      defaultEdgeType: 'arrow',
      edgeProgramClasses: { arrow: EdgeArrowProgram },
      autoRescale: false,
      autoCenter: false,
      itemSizesReference: 'screen',
      // every label drawn (sigma's label grid would hide some in so small a picture)
      labelDensity: 100,
      labelGridCellSize: 10,
      // placed as on every Parley canvas and in the exports: right of the node, else left, below or above, inside
      // the box and clear of the other labels and discs (graph/labels.ts)
      defaultDrawNodeLabel: drawPlacedLabel,
      defaultDrawNodeHover: drawPlacedHover,
    });
    avoidNodes(s);
    // where the labels end as drawn, in the box's pixels (tests read it)
    s.on('afterRender', () => {
      const ends = [...drawnLabels(el).values()].map((l) => l.right);
      el.dataset['labelsEnd'] = String(Math.ceil(Math.max(0, ...ends)));
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

  // the box's height: one row per node of the taller column, or of both when they are stacked at this width
  const [width, setWidth] = useState(0);
  const empty = nodes.length === 0;
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const resized = new ResizeObserver(() => setWidth(el.clientWidth));
    resized.observe(el);
    return () => resized.disconnect();
  }, [empty]);
  const left = nodes.filter((n) => !isMeeting(n));
  const right = nodes.filter(isMeeting);
  const rows = width > 0 && columns(width, left, right).stacked ? nodes.length : Math.max(left.length, right.length);
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
