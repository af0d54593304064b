/**
 * Beyond one node (what users of Bloom, Linkurious and Gephi Lite look for): multi-select and what it does
 * (relationships among the picked nodes, hide, expand), "Expand by" a relationship type or a neighbour label,
 * the data table's toggle, and style rules by property.
 */
import { AMONG_MAX_IDS, type NeighborFilter } from '../../../../contract';
import { mergeSubgraph } from '../../state/data';
import { expandChoices } from '../../state/expansion';
import { addMembers, toggleMember } from '../../state/multiselect';
import { removeRule, setRule, type StyleKind } from '../../state/styles';
import { hideNodes, showNodes } from '../../state/view';
import { step, expandNode } from './actions';
import { frameNodes } from './camera';
import { fillRelationships } from './relationships';
import { errorText, fetchSelected } from './selection';
import { getExplorer, setExplorer } from './store';

/** How many neighbours one "Expand by" brings at most (the menu says how many there are in all). */
export const EXPAND_BY_LIMIT = 100;

// ---- multi-select --------------------------------------------------------------------------------------------

/** Shift-click: the node joins the picked set (with the node selected alone, if any), or leaves it. */
export function toggleMulti(id: string): void {
  const { multi, selection } = getExplorer();
  const single = selection?.kind === 'node' ? selection.id : null;
  setExplorer({ multi: toggleMember(multi, id, single), selection: null, among: null });
  fetchSelected(false);
}

/**
 * A box or lasso drawn on the canvas: the nodes inside join the picked set (with the node selected alone, if
 * any, as a shift-click does). An area holding nothing changes nothing.
 */
export function selectArea(ids: readonly string[]): void {
  if (ids.length === 0) return;
  const { multi, selection } = getExplorer();
  const single = multi.length === 0 && selection?.kind === 'node' ? [selection.id] : [];
  setExplorer({ multi: addMembers(addMembers(multi, single), ids), selection: null, among: null });
  fetchSelected(false);
}

/** Turns "Select area" on with a shape (a drag then draws it instead of panning), or off (null). */
export const setAreaMode = (area: 'box' | 'lasso' | null) => setExplorer({ area });

/** Picks these nodes at once (the table's "select all shown", the test hook). */
export const setMulti = (ids: string[]) => setExplorer({ multi: [...ids], selection: null, among: null });

/**
 * "Show relationships among the selected": asks the server for every relationship whose two ends are picked,
 * adds those not held yet, and highlights them with the picked nodes (the rest dimmed, as a path is).
 */
export async function showAmongSelected(): Promise<void> {
  const { multi, source } = getExplorer();
  if (multi.length < 2) return;
  try {
    const sub = await source.among(multi.slice(0, AMONG_MAX_IDS));
    setExplorer((s) => {
      if (!s.session || s.multi !== multi) return {};
      const data = mergeSubgraph(s.session.data, { nodes: [], edges: sub.edges });
      const n = sub.edges.length;
      const message =
        n === 0
          ? `No relationships among the ${multi.length} selected.`
          : `${n} relationship${n === 1 ? '' : 's'} among the ${multi.length} selected.`;
      return { session: { ...s.session, data }, among: { nodes: multi, edges: sub.edges.map((e) => e.id), message } };
    });
    frameNodes(multi);
  } catch (err) {
    setExplorer({ notice: `The relationships among the selected could not be fetched: ${errorText(err)}` });
  }
}

export function hideSelected(): void {
  const { multi } = getExplorer();
  if (multi.length === 0) return;
  step(`hide ${multi.length} selected`, (v) => hideNodes(v, multi));
  setExplorer({ multi: [], among: null });
}

/** Expands each picked node in turn (its first page of neighbours, or its next one). */
export async function expandSelected(): Promise<void> {
  for (const id of getExplorer().multi) await expandNode(id);
}

// ---- expand by a relationship type or a neighbour label ------------------------------------------------------

/** Opens the "Expand by" menu of a node at a point of the page, and fetches what it offers. */
export function openExpandMenu(id: string, x: number, y: number): void {
  setExplorer({ menu: { id, x, y, choices: null, error: null } });
  const still = () => getExplorer().menu?.id === id;
  getExplorer()
    .source.node(id)
    .then((d) => {
      if (still()) setExplorer((s) => ({ menu: s.menu && { ...s.menu, choices: expandChoices(d) } }));
    })
    .catch((err: unknown) => {
      if (still()) setExplorer((s) => ({ menu: s.menu && { ...s.menu, error: errorText(err) } }));
    });
}

export const closeExpandMenu = () => setExplorer({ menu: null });

/**
 * Brings the neighbours of a node linked by one relationship type, or carrying one label (at most
 * EXPAND_BY_LIMIT, most connected first), or the nodes within two hops (`hops: 2`: one hop away first, each with
 * what links it), next to it: one undoable step "expand by …" / "expand within two hops". They come in as shown
 * nodes (not an expansion that the address replays unfiltered), so a link lists them and Hide takes them back.
 */
export async function expandBy(id: string, filter: NeighborFilter): Promise<void> {
  const { session, source } = getExplorer();
  setExplorer({ menu: null });
  if (!session) return;
  const twoHops = filter.hops === 2;
  const what = filter.type ?? filter.label ?? '';
  setExplorer({ busy: true });
  try {
    const r = await source.neighbors(id, EXPAND_BY_LIMIT, 0, filter);
    const ids = r.nodes.map((n) => n.id).filter((n) => n !== id);
    step(
      twoHops ? 'expand within two hops' : `expand by ${what}`,
      (v) => showNodes(showNodes(v, [id]), ids, v.positions[id]),
      r,
    );
    // (two hops: the answer also holds the nodes between, so the page is counted, not the nodes)
    const shown = twoHops ? Math.min(EXPAND_BY_LIMIT, r.total) : ids.length;
    if (r.total > shown)
      setExplorer({
        notice: twoHops
          ? `Showing the ${shown} nearest of ${r.total} nodes within two hops (one hop first, most connected first).`
          : `Showing the ${ids.length} most connected of ${r.total} neighbours by ${what}.`,
      });
    frameNodes([id, ...ids]);
    await fillRelationships();
  } catch (err) {
    setExplorer({ notice: errorText(err) });
  } finally {
    setExplorer({ busy: false });
  }
}

// ---- the data table and style rules --------------------------------------------------------------------------

export const toggleTable = () => setExplorer((s) => ({ tableOpen: !s.tableOpen }));

/** Sets (property given) or removes (null) the rule of a label and kind. */
export function setStyleRule(label: string, kind: StyleKind, property: string | null): void {
  setExplorer((s) => ({
    styleRules: property ? setRule(s.styleRules, { label, kind, property }) : removeRule(s.styleRules, label, kind),
  }));
}
