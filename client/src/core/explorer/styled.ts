/** What the style rules and the data table derive from the store (memoized like ./derived). */
import type { RenderModel } from '../../state/render';
import { styleNodes, type StyleRule } from '../../state/styles';
import { drawnItems, tableRows, type Drawn } from '../../state/table';
import type { PictureLegendInput } from '../../state/legend';
import { communitiesOf, dataOf, memo, modelOf, projectionOf } from './derived';
import { useExplorer, type ExplorerState } from './store';

/** The nodes and relationships drawn and not hidden; who met whom's links apart (state/table drawnItems). */
const drawnMemo = memo(drawnItems);

const stylesMemo = memo((drawn: Drawn, rules: StyleRule[]) => (rules.length ? styleNodes(drawn.nodes, rules) : null));
const rowsMemo = memo(tableRows);

const drawnOf = (s: Parameters<typeof modelOf>[0]) => drawnMemo(modelOf(s), dataOf(s), projectionOf(s));
const stylesOf = (s: ExplorerState) => stylesMemo(drawnOf(s), s.styleRules);

/** What the legend explains, from what is drawn (state/legend's pictureLegend adds the palette's colours). */
const legendInputMemo = memo(
  (model: RenderModel, styles: ReturnType<typeof stylesOf>, communities: Record<string, number> | null) => ({
    nodes: model.nodes.filter((n) => !n.hidden && n.kind !== 'More').map((n) => ({ id: n.id, kind: n.kind })),
    edges: model.edges.filter((e) => !e.hidden && e.type !== 'MORE').map((e) => ({ inferred: e.inferred })),
    styles,
    communities,
  }),
);
export const legendInputOf = (s: ExplorerState): Omit<PictureLegendInput, 'labelColor'> =>
  legendInputMemo(modelOf(s), stylesOf(s), communitiesOf(s));
/** The legend's input, recomputed when what is drawn, the rules or the communities change. */
export const useLegendInput = () => useExplorer(legendInputOf);

/** The nodes drawn (for the style panel's choices of properties). */
export const useDrawnNodes = () => useExplorer((s) => drawnOf(s).nodes);
/** Colours, sizes and captions the style rules give the nodes drawn, with the colour legend; null without rules. */
export const useNodeStyles = () => useExplorer(stylesOf);
/** The data table's rows (unsorted, unfiltered): the nodes drawn and the relationships drawn, derived ones too. */
export const useTableRows = () => useExplorer((s) => rowsMemo(drawnOf(s)));
