// contract/params.ts and contract/dates.ts: shared route parameters.
import { describe, expect, it } from 'vitest';
import { isoDateSchema as isoDate } from '../../contract';

describe('isoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isoDate.safeParse('2025-04-10').success).toBe(true);
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    for (const bad of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-04-31', '2025-4-10', 'April 10']) {
      expect(isoDate.safeParse(bad).success, bad).toBe(false);
    }
  });
});
