import { describe, expect, it } from 'vitest';
import { MONTH_STEPS, YEAR_STEPS, labelledBins } from '../../../client/src/utils/ticks';

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('labelledBins (the time bar labels that fit)', () => {
  it('labels every bin when the labels fit', () => {
    const values = years(2020, 2024);
    expect(labelledBins({ values, width: 500, gap: 2, labelWidth: 22, steps: YEAR_STEPS })).toEqual([0, 1, 2, 3, 4]);
  });

  it('over decades, labels round years only, whole and apart', () => {
    // the movies graph: 1975 to 2012, a 740 px track, "1975" about 22 px wide at 10 px
    const values = years(1975, 2012);
    const width = 740;
    const labelWidth = 22;
    const shown = labelledBins({ values, width, gap: 2, labelWidth, steps: YEAR_STEPS });
    expect(shown.map((i) => values[i])).toEqual([
      1976, 1978, 1980, 1982, 1984, 1986, 1988, 1990, 1992, 1994, 1996, 1998, 2000, 2002, 2004, 2006, 2008, 2010,
    ]);
    const pitch = (width - 2 * (values.length - 1)) / values.length + 2;
    for (let k = 1; k < shown.length; k++) expect((shown[k]! - shown[k - 1]!) * pitch).toBeGreaterThan(labelWidth);
  });

  it('on a phone, fewer and rounder years; never a label sticking out of the track', () => {
    const values = years(1975, 2012);
    const shown = labelledBins({ values, width: 340, gap: 2, labelWidth: 22, steps: YEAR_STEPS });
    expect(shown.map((i) => values[i])).toEqual([1980, 1985, 1990, 1995, 2000, 2005, 2010]);
    // a track narrower than one label holds none
    expect(labelledBins({ values, width: 20, gap: 2, labelWidth: 22, steps: YEAR_STEPS })).toEqual([]);
  });

  it('months step by 1, 2, 3, 6 or 12 on round months (January’s label would stick out on the left)', () => {
    // 2023-01 .. 2024-12 as year × 12 + month − 1
    const values = Array.from({ length: 24 }, (_, i) => 2023 * 12 + i);
    const shown = labelledBins({ values, width: 400, gap: 2, labelWidth: 34, steps: MONTH_STEPS });
    expect(shown.map((i) => i % 12)).toEqual([3, 6, 9, 0, 3, 6, 9]);
  });

  it('labels nothing before the track is measured', () => {
    expect(labelledBins({ values: [1, 2], width: 0, gap: 2, labelWidth: 10, steps: YEAR_STEPS })).toEqual([]);
    expect(labelledBins({ values: [], width: 100, gap: 2, labelWidth: 10, steps: YEAR_STEPS })).toEqual([]);
  });
});
