import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { EdgeArrowProgram, EdgeLineProgram } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import { drawPlacedHover, drawPlacedLabel } from './labels';

/** Sigma settings of the explorer canvas (constant: @react-sigma recreates sigma when settings change). */
export const SIGMA_SETTINGS: Partial<Settings> = {
  allowInvalidContainer: true,
  renderEdgeLabels: false,
  // off: sigma's edge picking draws every edge again, into a framebuffer, on every frame (issue 13); Parley picks
  // edges itself (graph/pick.ts)
  enableEdgeEvents: false,
  defaultEdgeType: 'arrow',
  edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeLineProgram, curved: EdgeCurvedArrowProgram },
  labelRenderedSizeThreshold: 4,
  labelFont: 'Inter, system-ui, sans-serif',
  labelSize: 12,
  // labels clear of each other and inside the canvas (labels.ts)
  defaultDrawNodeLabel: drawPlacedLabel,
  defaultDrawNodeHover: drawPlacedHover,
  edgeLabelFont: 'Inter, system-ui, sans-serif',
  edgeLabelSize: 10,
  edgeLabelColor: { color: '#52606d' },
  zIndex: true,
  minCameraRatio: 0.02,
  maxCameraRatio: 20,
};

/** Edge labels (relationship types) are drawn once the camera is zoomed in past this ratio. */
export const EDGE_LABEL_RATIO = 0.6;
