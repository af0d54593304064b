/** What the style rules and the data table derive from the store (memoized like ./derived). */
import type { GraphEdge, GraphNode } from '../../../../contract';
import type { GraphData } from '../../state/data/types';
import type { RenderModel } from '../../state/render';
import { styleNodes, type StyleRule } from '../../state/styles';
import { edgeRows, nodeRows } from '../../state/table';
import { dataOf, memo, modelOf } from './derived';
import { useExplorer } from './store';

/** The nodes and relationships drawn and not hidden (no "+N more" handles, no who-met-whom edges). */
const drawnMemo = memo((model: RenderModel, data: GraphData) => {
  const nodes = model.nodes
    .filter((n) => !n.hidden && n.kind !== 'More')
    .map((n) => data.nodes[n.id])
    .filter((n): n is GraphNode => !!n);
  const edges = model.edges
    .filter((e) => !e.hidden && e.type !== 'MORE')
    .map((e) => data.edges[e.id])
    .filter((e): e is GraphEdge => !!e);
  return { nodes, edges };
});

const stylesMemo = memo((drawn: ReturnType<typeof drawnMemo>, rules: StyleRule[]) =>
  rules.length ? styleNodes(drawn.nodes, rules) : null,
);
const rowsMemo = memo((drawn: ReturnType<typeof drawnMemo>) => {
  const names = Object.fromEntries(drawn.nodes.map((n) => [n.id, n.name]));
  return { nodes: nodeRows(drawn.nodes, drawn.edges), edges: edgeRows(drawn.edges, names) };
});

const drawnOf = (s: Parameters<typeof modelOf>[0]) => drawnMemo(modelOf(s), dataOf(s));

/** The nodes drawn (for the style panel's choices of properties). */
export const useDrawnNodes = () => useExplorer((s) => drawnOf(s).nodes);
/** Colours, sizes and captions the style rules give the nodes drawn, with the colour legend; null without rules. */
export const useNodeStyles = () => useExplorer((s) => stylesMemo(drawnOf(s), s.styleRules));
/** The data table's rows (unsorted, unfiltered): the nodes drawn and the relationships drawn. */
export const useTableRows = () => useExplorer((s) => rowsMemo(drawnOf(s)));
