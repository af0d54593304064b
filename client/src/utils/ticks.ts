/**
 * Which bins of a histogram get a label when the labels are wider than the bins (a time bar over decades: a
 * year label is wider than a year's bar). Pure: the caller measures the track and the text.
 */

/** Round steps: years go 1, 2, 5, 10, 20, 50…; months 1, 2, 3, 6, 12, 24… */
export const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
export const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];

export interface TickInput {
  /** each bin's value in its unit (a year, or a month counted as year × 12 + month − 1), in order, one apart */
  values: number[];
  /** the track's width in pixels (the bins share it with `gap` between them) */
  width: number;
  gap: number;
  /** the widest label's width in pixels */
  labelWidth: number;
  /** room kept between two labels */
  spacing?: number;
  steps: number[];
}

/**
 * The indices of the bins to label: every `step`-th value (the smallest round step at which labels centred under
 * their bins do not touch), aligned on round values (1980, 1990… not 1983, 1993…), and none that would stick out
 * of the track. Every bin is labelled when they all fit; none when the width is not known yet.
 */
export function labelledBins(p: TickInput): number[] {
  const n = p.values.length;
  if (n === 0 || !(p.width > 0) || !(p.labelWidth >= 0)) return [];
  const binWidth = (p.width - p.gap * (n - 1)) / n;
  const pitch = binWidth + p.gap;
  const need = (p.labelWidth + (p.spacing ?? 4)) / pitch;
  const last = p.steps[p.steps.length - 1] ?? 1;
  const step = p.steps.find((s) => s >= need) ?? Math.ceil(need / last) * last;
  const out: number[] = [];
  p.values.forEach((v, i) => {
    if (((v % step) + step) % step !== 0) return;
    const centre = i * pitch + binWidth / 2;
    if (centre - p.labelWidth / 2 < -0.5 || centre + p.labelWidth / 2 > p.width + 0.5) return;
    out.push(i);
  });
  return out;
}
