/** Colours by node label (colour-blind-friendly Tableau 10), and for communities. */
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
const EXTRA = [
  '#ff9da7',
  '#bab0ac',
  '#86bcb6',
  '#d37295',
  '#a0cbe8',
  '#ffbe7d',
  '#8cd17d',
  '#f1ce63',
  '#499894',
  '#d4a6c8',
];

export function labelColor(label: string): string {
  const known = BY_LABEL[label];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < label.length; i++) h = (h * 31 + label.charCodeAt(i)) >>> 0;
  return EXTRA[h % EXTRA.length]!;
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
