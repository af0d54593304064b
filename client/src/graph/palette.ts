/**
 * Colours by node label. Parley's own labels keep fixed colours (colour-blind-friendly Tableau 10); any other
 * label (a database Parley did not create) gets the next unused colour of EXTRA, in the order labels are first
 * met, so no two labels share a colour while at most EXTRA.length (21) unknown labels have been seen; the 22nd
 * and later reuse EXTRA by hash. The fixed and extra colours are all pairwise apart (RGB distance >= 35, checked
 * by the unit test). `registerLabels` assigns a whole schema at once (sorted), so one database always gets one
 * set of colours whatever order the views ask in.
 */
const BY_LABEL: Record<string, string> = {
  Person: '#4e79a7',
  Agency: '#f28e2b',
  Meeting: '#59a14f',
  Issue: '#e15759',
  Place: '#76b7b2',
  Source: '#9c755f',
  Country: '#edc948',
  Organization: '#b07aa1',
  More: '#9aa0a6',
};
export const EXTRA = [
  '#ff9da7',
  '#d37295',
  '#a0cbe8',
  '#ffbe7d',
  '#8cd17d',
  '#499894',
  '#d4a6c8',
  '#17becf',
  '#bcbd22',
  '#7f3c8d',
  '#11a579',
  '#f2b701',
  '#008695',
  '#cf1c90',
  '#4b4b8f',
  '#6b4e16',
  '#a5d6a7',
  '#c49c94',
  '#b15928',
  '#637939',
  '#1f3a5f',
] as const;
export const FIXED_COLORS: Readonly<Record<string, string>> = BY_LABEL;

const assigned = new Map<string, string>();

function hashed(label: string): string {
  let h = 0;
  for (let i = 0; i < label.length; i++) h = (h * 31 + label.charCodeAt(i)) >>> 0;
  return EXTRA[h % EXTRA.length]!;
}

export function labelColor(label: string): string {
  const known = BY_LABEL[label];
  if (known) return known;
  const seen = assigned.get(label);
  if (seen) return seen;
  const color = assigned.size < EXTRA.length ? EXTRA[assigned.size]! : hashed(label);
  assigned.set(label, color);
  return color;
}

/** Gives colours to a database's labels in alphabetical order (call it with /api/schema's labels). */
export function registerLabels(labels: readonly string[]): void {
  for (const l of [...labels].sort()) labelColor(l);
}

/** Forgets the colours given to unknown labels (a new database; tests). */
export function resetLabelColors(): void {
  assigned.clear();
}

/**
 * Community colours (ColorBrewer Dark2, then darker Paired hues): none of them is a label colour, so a picture
 * coloured by community cannot be read as coloured by label.
 */
export const COMMUNITY = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#1f78b4',
  '#33a02c',
  '#6a3d9a',
];

export function communityColor(c: number): string {
  return COMMUNITY[c % COMMUNITY.length]!;
}

export const DIM_NODE = '#dde1e6';
export const DIM_EDGE = '#eef0f3';
export const EDGE_COLOR = '#b4bcc6';
export const INFERRED_EDGE_COLOR = '#e8a33d';
export const HIGHLIGHT_EDGE = '#1f2a37';
export const PATH_COLOR = '#d62728';
