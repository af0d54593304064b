import { useEffect, useState } from 'react';
import { useLatest } from '../utils/useLatest';
import { useRegisterEvents, useSigma } from '@react-sigma/core';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { edgeNear } from './pick';
import { EDGE_LABEL_RATIO } from './settings';
import {
  communityColor,
  DIM_EDGE,
  DIM_NODE,
  EDGE_COLOR,
  HIGHLIGHT_EDGE,
  INFERRED_EDGE_COLOR,
  labelColor,
  PATH_COLOR,
} from './palette';

export interface Appearance {
  sizes: Record<string, number>;
  /** community per node when colouring by community, else null (colour by label) */
  communities: Record<string, number> | null;
  selectedNode: string | null;
  selectedEdge: string | null;
  /** node and edge ids of a highlighted path; everything else is dimmed */
  path: { nodes: string[]; edges: string[] } | null;
  /** nodes picked with shift-click: highlighted and labelled */
  multi?: string[];
  /** what the style rules by property make of the nodes (colour, size, caption), or null when there are none */
  styles?: { colors: Record<string, string>; sizes: Record<string, number>; captions: Record<string, string> } | null;
}

/**
 * Colours, sizes, hover and path highlighting through sigma's reducers (the graph's data is never touched), and
 * edge labels when zoomed in. Renders nothing.
 */
export function ReducersController(appearance: Appearance) {
  const sigma = useSigma();
  const register = useRegisterEvents();
  const [hovered, setHovered] = useState<string | null>(null);
  const [hoveredEdge, setHoveredEdge] = useState<string | null>(null);
  const ref = useLatest({ appearance, hovered, hoveredEdge });

  useEffect(() => {
    // the hovered edge: the one within the pick tolerance of the pointer (the rule a click follows), found once per
    // animation frame however often the pointer moves, and not while a button is held (a pan)
    let frame = 0;
    let at: { x: number; y: number } | null = null;
    const pickHovered = () => {
      frame = 0;
      if (at) setHoveredEdge(ref.current.hovered ? null : edgeNear(sigma, at));
    };
    register({
      enterNode: (e) => setHovered(e.node),
      leaveNode: () => setHovered(null),
      mousemovebody: (e) => {
        if ((e.original as MouseEvent).buttons) return;
        at = { x: e.x, y: e.y };
        if (!frame) frame = requestAnimationFrame(pickHovered);
      },
      leaveStage: () => {
        at = null;
        setHoveredEdge(null);
      },
    });
    return () => cancelAnimationFrame(frame);
  }, [register, sigma, ref]);
  useEffect(() => {
    document.body.classList.toggle('pointer', hoveredEdge !== null);
  }, [hoveredEdge]);

  useEffect(() => {
    const camera = sigma.getCamera();
    const update = () => {
      const show = camera.ratio < EDGE_LABEL_RATIO;
      if (sigma.getSetting('renderEdgeLabels') !== show) sigma.setSetting('renderEdgeLabels', show);
    };
    update();
    camera.on('updated', update);
    return () => void camera.off('updated', update);
  }, [sigma]);

  useEffect(() => {
    const graph = sigma.getGraph();
    sigma.setSetting('nodeReducer', (node, data) => {
      const { appearance: a, hovered: h } = ref.current;
      const res: Partial<NodeDisplayData> = { ...data };
      const kind = String(data['kind'] ?? '');
      const community = a.communities?.[node];
      const st = a.styles;
      res.color =
        kind === 'More'
          ? labelColor('More')
          : community !== undefined
            ? communityColor(community)
            : (st?.colors[node] ?? labelColor(kind));
      res.size = kind === 'More' ? 5 : (st?.sizes[node] ?? a.sizes[node] ?? 6);
      const caption = st?.captions[node];
      if (caption !== undefined) res.label = caption;
      // the "+N more" handles and the selected node's neighbours are always labelled, whatever the zoom
      if (
        kind === 'More' ||
        (a.selectedNode &&
          graph.hasNode(a.selectedNode) &&
          (node === a.selectedNode || graph.areNeighbors(node, a.selectedNode)))
      )
        res.forceLabel = true;
      let focus: Set<string> | null = null;
      if (h && graph.hasNode(h)) focus = new Set([h, ...graph.neighbors(h)]);
      else if (a.path) focus = new Set(a.path.nodes);
      if (focus && !focus.has(node)) {
        res.color = DIM_NODE;
        res.label = '';
        res.zIndex = 0;
      } else if (focus) {
        res.zIndex = 1;
        if (a.path?.nodes.includes(node)) res.highlighted = true;
      }
      if (node === a.selectedNode || a.multi?.includes(node)) {
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 2;
      }
      return res;
    });
    sigma.setSetting('edgeReducer', (edge, data) => {
      const { appearance: a, hovered: h, hoveredEdge: he } = ref.current;
      const res: Partial<EdgeDisplayData> = { ...data };
      const weight = Number(data['weight'] ?? 1);
      res.size = Math.min(1 + weight, 6);
      res.color = data['inferred'] ? INFERRED_EDGE_COLOR : EDGE_COLOR;
      if (h) {
        const [s, t] = graph.extremities(edge);
        if (s === h || t === h) res.color = HIGHLIGHT_EDGE;
        else {
          res.color = DIM_EDGE;
          res.label = '';
        }
      } else if (a.path) {
        if (a.path.edges.includes(edge)) {
          res.color = PATH_COLOR;
          res.size = 3;
          res.zIndex = 1;
        } else {
          res.color = DIM_EDGE;
          res.label = '';
        }
      }
      if (edge === a.selectedEdge || edge === he) {
        res.color = HIGHLIGHT_EDGE;
        res.size = 4;
        res.zIndex = 2;
        res.forceLabel = true;
      }
      return res;
    });
  }, [sigma, ref]);

  useEffect(() => {
    sigma.refresh();
  }, [sigma, appearance]);
  useEffect(() => {
    sigma.refresh({ skipIndexation: true });
  }, [sigma, hovered, hoveredEdge]);
  return null;
}
