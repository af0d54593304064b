import type { SnapshotLegendItem } from '../../../../contract';
import type { NodeStyles } from '../styles/types';

/** What a legend entry explains: a community, a colour rule's value, a label, or a kind of relationship. */
export type LegendGroup =
  | { kind: 'community'; title: string }
  | { kind: 'rule'; title: string; label: string }
  | { kind: 'label'; title: string; label: string }
  | { kind: 'edge'; title: string };

/** One entry of a picture's key: a snapshot legend item, with how many drawn nodes (or edges) it explains. */
export interface LegendItem extends SnapshotLegendItem {
  count: number;
  group: LegendGroup;
  /** a rule entry's value as shown ("no value" for nodes without the property) */
  value?: string;
}

export interface PictureLegendInput {
  /** the nodes drawn and not hidden (no "+N more" handles): id and primary label */
  nodes: readonly { id: string; kind: string }[];
  /** the relationships drawn and not hidden */
  edges?: readonly { inferred?: boolean; color?: string }[];
  /** the colour of a label (graph/palette's labelColor in the app; a stored picture's own colours) */
  labelColor: (label: string) => string;
  /** what the style rules made of the drawn nodes (state/styles styleNodes), or null without rules */
  styles?: Pick<NodeStyles, 'colorValues' | 'legend'> | null;
  /** the community of each node when colouring by community, else null */
  communities?: Record<string, number> | null;
  communityColor?: (community: number) => string;
  /** the colour inferred relationships are drawn in (default: the first inferred edge's own colour) */
  inferredColor?: string;
}
