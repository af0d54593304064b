/**
 * Style rules by property (as in Bloom and Gephi Lite): colour the nodes of a label by a property's value, size
 * them by a numeric property, caption them by a chosen property. Pure producers: set and remove rules, write
 * and read them in the address, and derive the colours, sizes and captions of the nodes in view.
 */
import type { GraphNode, JsonValue } from '../../../../contract';
import { STYLE_RULES_MAX } from '../../../../contract';
import type { NodeStyles, StyleKind, StyleLegend, StyleRule } from './types';

export type { NodeStyles, StyleKind, StyleLegend, StyleRule } from './types';

/** Colours of the values of a colour rule, in the order of the sorted values (colour-blind-friendly, Okabe–Ito). */
export const VALUE_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];
/** The colour of the nodes that lack the property, and of the values past the palette's end. */
export const NO_VALUE_COLOR = '#b0b0b0';
export const NO_VALUE = '(none)';
/** The sizes a size rule maps its smallest and largest values to (sigma radius). */
export const SIZE_RANGE = [4, 18] as const;

const NAME = /^[\p{L}_][\p{L}\p{N}_]{0,63}$/u;
const KINDS: StyleKind[] = ['color', 'size', 'caption'];

/** Sets a rule (replacing the rule of the same label and kind, which keeps its place). */
export function setRule(rules: readonly StyleRule[], rule: StyleRule): StyleRule[] {
  const i = rules.findIndex((r) => r.label === rule.label && r.kind === rule.kind);
  if (i >= 0) return rules.map((r, j) => (j === i ? rule : r));
  return [...rules, rule].slice(0, STYLE_RULES_MAX);
}

export function removeRule(rules: readonly StyleRule[], label: string, kind: StyleKind): StyleRule[] {
  return rules.filter((r) => !(r.label === label && r.kind === kind));
}

/** The rule of a label and kind, if any. */
export function ruleFor(rules: readonly StyleRule[], label: string, kind: StyleKind): StyleRule | undefined {
  return rules.find((r) => r.label === label && r.kind === kind);
}

/**
 * The address form: `Label.kind.property` joined by commas (names are letters, digits and _, so neither `.`
 * nor `,` can occur in them). Stable: the rules' order.
 */
export function encodeStyleRules(rules: readonly StyleRule[]): string {
  return rules.map((r) => `${r.label}.${r.kind}.${r.property}`).join(',');
}

/** Reads the address form; a malformed piece is skipped, a later rule of the same label and kind wins. */
export function decodeStyleRules(text: string | null): StyleRule[] {
  let rules: StyleRule[] = [];
  for (const piece of (text ?? '').split(',')) {
    const [label, kind, property, ...rest] = piece.split('.');
    if (rest.length || !label || !property || !NAME.test(label) || !NAME.test(property)) continue;
    const k = KINDS.find((x) => x === kind);
    if (k) rules = setRule(rules, { label, kind: k, property });
  }
  return rules;
}

/** A property value as one text (lists joined), or null when absent or empty. */
export function valueText(v: JsonValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x) ?? '').join(', ') : null;
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.trim() === '' ? null : s;
}

/** A property value as a number (numbers, and strings that are numbers), else null. */
export function valueNumber(v: JsonValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The properties the nodes of a label carry (sorted), and those that are numbers on every node carrying them. */
export function propertyChoices(nodes: readonly GraphNode[], label: string): { all: string[]; numeric: string[] } {
  const all = new Set<string>();
  const notNumeric = new Set<string>();
  for (const n of nodes) {
    if (!n.labels.includes(label)) continue;
    for (const [k, v] of Object.entries(n.properties)) {
      if (v === null) continue;
      all.add(k);
      if (valueNumber(v) === null) notNumeric.add(k);
    }
  }
  const sorted = [...all].sort();
  return { all: sorted, numeric: sorted.filter((k) => !notNumeric.has(k)) };
}

/**
 * What the rules make of these nodes. Colour: the distinct values among the label's nodes in view, sorted, take
 * VALUE_COLORS in turn (beyond 8 values, and nodes without the property, are grey); the legend lists them.
 * Size: a linear scale from the smallest to the largest value in view onto SIZE_RANGE (all equal: the middle);
 * nodes without a number keep the size the view gives them. Caption: the property's text, else the name.
 * A node with several labels follows the first rule (in the rules' order) whose label it carries.
 */
export function styleNodes(nodes: readonly GraphNode[], rules: readonly StyleRule[]): NodeStyles {
  const out: NodeStyles = { colors: {}, colorValues: {}, sizes: {}, captions: {}, legend: [] };
  for (const rule of rules) {
    const members = nodes.filter((n) => n.labels.includes(rule.label));
    const value = (n: GraphNode) => n.properties[rule.property];
    if (rule.kind === 'caption') {
      for (const n of members) if (!(n.id in out.captions)) out.captions[n.id] = valueText(value(n)) ?? n.name;
    } else if (rule.kind === 'color') {
      const counts = new Map<string, number>();
      for (const n of members) {
        const t = valueText(value(n)) ?? NO_VALUE;
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      const values = [...counts.keys()].filter((v) => v !== NO_VALUE).sort((a, b) => a.localeCompare(b));
      const color = (v: string) =>
        v === NO_VALUE ? NO_VALUE_COLOR : (VALUE_COLORS[values.indexOf(v)] ?? NO_VALUE_COLOR);
      for (const n of members) {
        if (n.id in out.colors) continue;
        const v = valueText(value(n)) ?? NO_VALUE;
        out.colors[n.id] = color(v);
        out.colorValues[n.id] = { label: rule.label, property: rule.property, value: v };
      }
      const entries = [...values, ...(counts.has(NO_VALUE) ? [NO_VALUE] : [])].map((v) => ({
        value: v,
        color: color(v),
        count: counts.get(v) ?? 0,
      }));
      const legend: StyleLegend = { label: rule.label, property: rule.property, entries };
      out.legend.push(legend);
    } else {
      const nums = members.map((n) => [n, valueNumber(value(n))] as const).filter(([, x]) => x !== null);
      if (nums.length === 0) continue;
      const xs = nums.map(([, x]) => x!);
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      const [a, b] = SIZE_RANGE;
      for (const [n, x] of nums) {
        if (n.id in out.sizes) continue;
        out.sizes[n.id] = hi === lo ? (a + b) / 2 : a + ((x! - lo) / (hi - lo)) * (b - a);
      }
    }
  }
  return out;
}
