/** What the style rules and the data table derive from the store (memoized like ./derived). */
import { styleNodes, type StyleRule } from '../../state/styles';
import { drawnItems, tableRows, type Drawn } from '../../state/table';
import { dataOf, memo, modelOf, projectionOf } from './derived';
import { useExplorer } from './store';

/** The nodes and relationships drawn and not hidden; who met whom's links apart (state/table drawnItems). */
const drawnMemo = memo(drawnItems);

const stylesMemo = memo((drawn: Drawn, rules: StyleRule[]) => (rules.length ? styleNodes(drawn.nodes, rules) : null));
const rowsMemo = memo(tableRows);

const drawnOf = (s: Parameters<typeof modelOf>[0]) => drawnMemo(modelOf(s), dataOf(s), projectionOf(s));

/** The nodes drawn (for the style panel's choices of properties). */
export const useDrawnNodes = () => useExplorer((s) => drawnOf(s).nodes);
/** Colours, sizes and captions the style rules give the nodes drawn, with the colour legend; null without rules. */
export const useNodeStyles = () => useExplorer((s) => stylesMemo(drawnOf(s), s.styleRules));
/** The data table's rows (unsorted, unfiltered): the nodes drawn and the relationships drawn, derived ones too. */
export const useTableRows = () => useExplorer((s) => rowsMemo(drawnOf(s)));
