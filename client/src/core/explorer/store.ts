/**
 * The explorer's store: everything the explorer screen holds (zustand, see client/src/README.md for why). It
 * only holds values; the actions in ./actions.ts sequence the pure producers of state/<slice>/ and the
 * GraphSource, and the views read it through `useExplorer(selector)`.
 *
 * The store lives as long as the page: leaving the explorer and coming back reopens the same graph, view and
 * history (`openExplorer` decides whether the address asks for something else).
 */
import type Sigma from 'sigma';
import { createStore, useStore } from 'zustand';
import type { NodeDetails, SourceDetails } from '../../../../contract';
import { DEFAULT_EXPANSION_CAP } from '../../state/expansion';
import type { GraphData } from '../../state/data/types';
import type { ExpandChoices } from '../../state/expansion';
import type { History } from '../../state/history/types';
import type { CameraRequest } from '../../state/render/types';
import type { StyleRule } from '../../state/styles';
import type { Position, ViewState } from '../../state/view/types';
import type { SizeBy } from '../../utils/metrics';
import { serverSource, type GraphSource } from './source';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;
export type PathEnd = { id: string; name: string } | null;
export interface PathResult {
  nodes: string[];
  edges: string[];
  names: string[];
}

/** The loaded data and the undoable view (what survives leaving the screen). */
export interface Session {
  start: 'all' | 'empty';
  /** the seed of the initial layout (in the address when not the default) */
  seed: number;
  data: GraphData;
  history: History<ViewState>;
  /** the start was the overview of a large database (its most connected entities): how many entities it has */
  total?: number;
}

export interface ExplorerState {
  source: GraphSource;
  session: Session | null;
  loadError: string | null;
  notice: string | null;
  /** an expansion is loading */
  busy: boolean;
  selection: Selection;
  /** the selected node's details as the source answered */
  details: { id: string; details: NodeDetails | null; error: string | null } | null;
  /** the server's cross-check of the selected who-met-whom edge */
  metCheck: { id: string; count: number } | null;
  /** a request to move the camera: centre on a node, or fit what matters (see graph/CameraController) */
  camera: CameraRequest | null;
  pathFrom: PathEnd;
  pathTo: PathEnd;
  path: PathResult | null;
  pathMessage: string | null;
  /** neighbours per expansion */
  cap: number;
  layoutRunning: boolean;
  sizeBy: SizeBy;
  colorByCommunity: boolean;
  /** the time bar is playing */
  playing: boolean;
  presenting: boolean;
  /** the name of the last search hit chosen (the query behind a snapshot) */
  lastSearch: string | null;
  sourceDialog: { source: SourceDetails | null; quote: string; error: string | null } | null;
  shortcutsOpen: boolean;
  /** the nodes picked with shift-click (multi-select; see ./group.ts), in the order picked */
  multi: string[];
  /** "Select area" is on: a drag on the canvas draws a box or a lasso around nodes to pick (null: a drag pans) */
  area: 'box' | 'lasso' | null;
  /** the relationships among the picked nodes, highlighted like a path after "Show relationships among" */
  among: { nodes: string[]; edges: string[]; message: string } | null;
  /** the "Expand by" menu of a node (right-click, or the details panel's button), with its choices once fetched */
  menu: { id: string; x: number; y: number; choices: ExpandChoices | null; error: string | null } | null;
  /** the data table is shown beside the canvas */
  tableOpen: boolean;
  /** style rules by property (colour, size, caption per label), in the address and in snapshots */
  styleRules: StyleRule[];
  /** the sigma instance drawing the graph (exports, layouts, presentation) */
  sigma: Sigma | null;
  /**
   * a snapshot's "Open in explorer" (./handoff.ts): the positions its nodes were drawn at, taken once by the
   * explorer opening on the address that shows exactly those nodes
   */
  handoff: { show: string[]; positions: Record<string, Position> } | null;
}

/** What a fresh explorer screen starts with, besides the session and its source. */
export function screenDefaults(): Omit<ExplorerState, 'source' | 'session' | 'sigma' | 'handoff'> {
  return {
    loadError: null,
    notice: null,
    busy: false,
    selection: null,
    details: null,
    metCheck: null,
    camera: null,
    pathFrom: null,
    pathTo: null,
    path: null,
    pathMessage: null,
    cap: DEFAULT_EXPANSION_CAP,
    layoutRunning: false,
    sizeBy: 'degree',
    colorByCommunity: false,
    playing: false,
    presenting: false,
    lastSearch: null,
    sourceDialog: null,
    shortcutsOpen: false,
    multi: [],
    area: null,
    among: null,
    menu: null,
    tableOpen: false,
    styleRules: [],
  };
}

export const explorerStore = createStore<ExplorerState>(() => ({
  source: serverSource,
  session: null,
  sigma: null,
  handoff: null,
  ...screenDefaults(),
}));

/** Reads a slice of the explorer store in a component (re-renders when that slice changes). */
export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  return useStore(explorerStore, selector);
}

export const getExplorer = explorerStore.getState;
export const setExplorer = explorerStore.setState;
