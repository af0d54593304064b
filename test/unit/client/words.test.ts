// What people read instead of machine values: dates, counts, property keys, error codes.
import { describe, expect, it } from 'vitest';
import { humanDate } from '../../../client/src/state/snapshots';

describe('humanDate', () => {
  it('writes a timestamp in words, in UTC', () => {
    expect(humanDate('2026-12-02T05:46:31.123Z')).toBe('2 December 2026, 05:46 UTC');
    expect(humanDate('2024-04-10T23:05:00+02:00')).toBe('10 April 2024, 21:05 UTC');
  });
  it('keeps a date alone a date, and leaves what it cannot read as it is', () => {
    expect(humanDate('2024-04-10')).toBe('10 April 2024');
    expect(humanDate('soon')).toBe('soon');
  });
});
