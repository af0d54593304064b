import type { StyleRule } from '../../../../contract';

export type { StyleRule };
export type StyleKind = StyleRule['kind'];

/** One colour rule's key: which value got which colour, and how many nodes in view carry it. */
export interface StyleLegend {
  label: string;
  property: string;
  entries: { value: string; color: string; count: number }[];
}

/** What the rules make of the nodes in view (only the nodes a rule touches are listed). */
export interface NodeStyles {
  colors: Record<string, string>;
  /** which colour rule's value coloured each node (the same nodes as `colors`), for the legend */
  colorValues: Record<string, { label: string; property: string; value: string }>;
  sizes: Record<string, number>;
  captions: Record<string, string>;
  legend: StyleLegend[];
}
