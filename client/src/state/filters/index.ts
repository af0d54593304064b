import type { Filters } from './types';

export type { Filters, HistogramBin } from './types';
export * from './utils';

export const emptyFilters: Filters = { hiddenLabels: [], hiddenTypes: [], from: null, to: null };

function toggle(list: string[], item: string): string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item].sort();
}

export function toggleLabel(f: Filters, label: string): Filters {
  return { ...f, hiddenLabels: toggle(f.hiddenLabels, label) };
}

export function toggleType(f: Filters, type: string): Filters {
  return { ...f, hiddenTypes: toggle(f.hiddenTypes, type) };
}

/** Sets the time range; a reversed range is put in order. */
export function setTimeRange(f: Filters, from: string | null, to: string | null): Filters {
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return { ...f, from, to };
}

export function isFiltering(f: Filters): boolean {
  return f.hiddenLabels.length > 0 || f.hiddenTypes.length > 0 || f.from !== null || f.to !== null;
}
