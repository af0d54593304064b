/**
 * The key of a picture, built from what is drawn: one producer for the explorer's legend, the presentation
 * overlay, the PNG / SVG exports and the snapshots (saved with the view, shown on the snapshot page).
 *
 * A drawn node is explained by what gave it its colour, in the order the canvas decides it
 * (graph/ReducersController): its Louvain community when colouring by community, else the colour rule that
 * coloured it (the property's value), else its label. Only what some drawn node needs is listed, with how many
 * drawn nodes it explains. Colours come from the rules and palettes, never from the drawn node (a node dimmed by
 * a hover or a path is still the colour of its key).
 */
import type { SnapshotLegendItem } from '../../../../contract';
import type { NodeStyles } from '../styles/types';
import { NO_VALUE } from '../styles';
import { humanKey } from '../../utils/words';
import type { LegendItem, PictureLegendInput } from './types';

export type { LegendGroup, LegendItem, PictureLegendInput } from './types';

/** A property's name in a sentence: "status", "identity inferred" (an acronym keeps its capitals). */
function propertyWords(property: string): string {
  const h = humanKey(property);
  return /^[A-Z]{2}/.test(h) ? h : h.charAt(0).toLowerCase() + h.slice(1);
}

/** The words of a colour rule's entry: "Meeting status: planned", "Meeting status: (none)". */
export function ruleEntryText(label: string, property: string, value: string): string {
  return `${label} ${propertyWords(property)}: ${value === NO_VALUE ? 'no value' : value}`;
}

/** The heading of a colour rule's entries: "Meeting by status". */
export function ruleHeading(label: string, property: string): string {
  return `${label} by ${propertyWords(property)}`;
}

/**
 * The legend of what is drawn: communities (largest first), then each colour rule's values (in the rule's
 * order, values as the rule sorted them, "no value" last), then the labels coloured by label (in order of first
 * appearance), then the inferred relationships when one is drawn.
 */
export function pictureLegend(input: PictureLegendInput): LegendItem[] {
  const communities = new Map<number, number>();
  const ruled = new Map<string, number>();
  const labels = new Map<string, number>();
  const styles: Pick<NodeStyles, 'colorValues' | 'legend'> | null = input.styles ?? null;
  const ruleKey = (label: string, property: string, value: string) => JSON.stringify([label, property, value]);
  for (const n of input.nodes) {
    const c = input.communities?.[n.id];
    const v = styles?.colorValues[n.id];
    if (c !== undefined) communities.set(c, (communities.get(c) ?? 0) + 1);
    else if (v)
      ruled.set(ruleKey(v.label, v.property, v.value), (ruled.get(ruleKey(v.label, v.property, v.value)) ?? 0) + 1);
    else if (n.kind) labels.set(n.kind, (labels.get(n.kind) ?? 0) + 1);
  }
  const items: LegendItem[] = [];
  const communityColor = input.communityColor ?? (() => '#999999');
  for (const [community, count] of [...communities].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    items.push({
      label: `Community ${community + 1}`,
      color: communityColor(community),
      shape: 'circle',
      count,
      group: { kind: 'community', title: 'Communities (Louvain)' },
    });
  }
  for (const rule of styles?.legend ?? []) {
    for (const e of rule.entries) {
      const count = ruled.get(ruleKey(rule.label, rule.property, e.value));
      if (!count) continue;
      items.push({
        label: ruleEntryText(rule.label, rule.property, e.value),
        color: e.color,
        shape: 'circle',
        count,
        group: { kind: 'rule', title: ruleHeading(rule.label, rule.property), label: rule.label },
        value: e.value === NO_VALUE ? 'no value' : e.value,
      });
    }
  }
  for (const [label, count] of labels) {
    items.push({
      label,
      color: input.labelColor(label),
      shape: 'circle',
      count,
      group: { kind: 'label', title: 'Labels', label },
    });
  }
  const inferred = (input.edges ?? []).find((e) => e.inferred);
  if (inferred) {
    items.push({
      label: 'inferred relationship',
      color: input.inferredColor ?? inferred.color ?? '#999999',
      shape: 'line',
      count: (input.edges ?? []).filter((e) => e.inferred).length,
      group: { kind: 'edge', title: 'Relationships' },
    });
  }
  return items;
}

/** The legend as a snapshot and an export keep it (label, colour, shape). */
export function legendForSnapshot(items: readonly LegendItem[]): SnapshotLegendItem[] {
  return items.map(({ label, color, shape }) => ({ label, color, shape }));
}

/** The items grouped under their headings, in order (for a legend drawn as sections). */
export function legendGroups(items: readonly LegendItem[]): { title: string; kind: string; items: LegendItem[] }[] {
  const out: { title: string; kind: string; items: LegendItem[] }[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last.title === item.group.title) last.items.push(item);
    else out.push({ title: item.group.title, kind: item.group.kind, items: [item] });
  }
  return out;
}
