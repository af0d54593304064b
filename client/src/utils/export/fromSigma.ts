/**
 * Reads what sigma shows into plain descriptions: the visible nodes and edges (for data exports and
 * snapshots, in graph coordinates) and the scene in viewport pixels (for the SVG and the PNG overlay).
 * Display data (after the explorer's reducers) is used, so colours, sizes and hiding match the screen.
 */
import type Sigma from 'sigma';
import type { SnapshotEdge, SnapshotNode } from '../../../../contract';
import type { VisibleGraph } from './data';
import { DEFAULT_FONT, safeColor, type Scene, type SceneEdge, type SceneLegendItem, type SceneNode } from './scene';

export interface VisibleOptions {
  /** nodes left out of exports (default: the explorer's "+N more" handles, kind "More" or id "more:…") */
  skipNode?: (id: string, attrs: Record<string, unknown>) => boolean;
  /** nodes and edges that are not database items (default: attribute `derived` true, or id "met:…") */
  isDerived?: (id: string, attrs: Record<string, unknown>) => boolean;
  /** edge display types drawn with an arrow head (default: arrow, curved) */
  arrowTypes?: string[];
}

const defaultSkip = (id: string, a: Record<string, unknown>) => a['kind'] === 'More' || id.startsWith('more:');
const defaultDerived = (id: string, a: Record<string, unknown>) => a['derived'] === true || id.startsWith('met:');

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v == null ? fallback : String(v));

export function visibleFromSigma(sigma: Sigma, opts: VisibleOptions = {}): VisibleGraph {
  const skip = opts.skipNode ?? defaultSkip;
  const derived = opts.isDerived ?? defaultDerived;
  const arrows = new Set(opts.arrowTypes ?? ['arrow', 'curved']);
  const graph = sigma.getGraph();
  const nodes: SnapshotNode[] = [];
  const kept = new Set<string>();
  graph.forEachNode((id, attrs) => {
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden || skip(id, attrs)) return;
    kept.add(id);
    const node: SnapshotNode = {
      id,
      label: str(d.label ?? attrs['label'], id),
      kind: str(attrs['kind']),
      x: Number(attrs['x']) || 0,
      y: Number(attrs['y']) || 0,
      size: d.size,
      color: safeColor(d.color),
    };
    if (derived(id, attrs)) node.derived = true;
    nodes.push(node);
  });
  const edges: SnapshotEdge[] = [];
  graph.forEachEdge((id, attrs, source, target) => {
    if (!kept.has(source) || !kept.has(target)) return;
    const d = sigma.getEdgeDisplayData(id);
    if (!d || d.hidden) return;
    const curvature = Number((d as unknown as Record<string, unknown>)['curvature'] ?? attrs['curvature'] ?? 0) || 0;
    const edge: SnapshotEdge = {
      id,
      source,
      target,
      type: str(attrs['relType'] ?? attrs['label'] ?? d.type),
      color: safeColor(d.color),
      size: d.size,
    };
    if (d.label) edge.label = str(d.label);
    if (d.type === 'curved' && curvature !== 0) edge.curvature = curvature;
    if (arrows.has(str(d.type))) edge.arrow = true;
    if (attrs['inferred'] === true) edge.inferred = true;
    if (derived(id, attrs)) edge.derived = true;
    edges.push(edge);
  });
  return { nodes, edges };
}

export interface OverlayContent {
  title: string;
  caption: string;
  footnote: string;
  legend: SceneLegendItem[];
}

/**
 * The on-screen picture as a scene (viewport pixels; every node with its label, nodes off screen too), with the
 * overlay texts. `frameScene` (./frame.ts) then fits it into its page.
 */
export function sceneFromSigma(
  sigma: Sigma,
  overlay: OverlayContent & { background: string | null },
  opts: VisibleOptions = {},
): Scene {
  const { width, height } = sigma.getDimensions();
  const visible = visibleFromSigma(sigma, opts);
  const nodes: SceneNode[] = visible.nodes.map((n) => {
    const d = sigma.getNodeDisplayData(n.id)!;
    const p = sigma.framedGraphToViewport(d);
    const r = sigma.scaleSize(d.size);
    return {
      id: n.id,
      x: p.x,
      y: p.y,
      size: r,
      color: n.color,
      label: n.label,
      ...(d.forceLabel ? { forceLabel: true } : {}),
    };
  });
  const edgeLabels = sigma.getSetting('renderEdgeLabels') === true;
  const edges: SceneEdge[] = visible.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    color: e.color,
    size: sigma.scaleSize(e.size),
    ...(e.curvature ? { curvature: e.curvature } : {}),
    ...(e.arrow ? { arrow: true } : {}),
    ...(edgeLabels && e.label ? { label: e.label } : {}),
  }));
  // a page at least 1000 × 640, whatever the size of the screen (a phone's canvas is too small to print)
  return {
    width: Math.max(width, 1000),
    height: Math.max(height, 640),
    background: overlay.background,
    nodes,
    edges,
    legend: overlay.legend,
    title: overlay.title,
    caption: overlay.caption,
    footnote: overlay.footnote,
    labelSize: sigma.getSetting('labelSize') ?? 12,
    fontFamily: sigma.getSetting('labelFont') ?? DEFAULT_FONT,
  };
}
