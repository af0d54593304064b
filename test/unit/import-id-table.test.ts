// The streamed import's compact id set (server/src/import/id-table.ts): every id added is found with its place
// through the table's growth, ids never added are not found, and adding an id again answers the first place.
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../server/src/import/id-table';

describe('the id table of the streamed import', () => {
  it('finds every id added, with its place, after growing from 16 slots to 262,144', () => {
    const t = new IdTable(16);
    const n = 150_000;
    for (let i = 0; i < n; i++) expect(t.add(`person:p${i}`, i % 7)).toBeUndefined();
    expect(t.size).toBe(n);
    expect(t.bytes).toBe(262_144 * 12);
    for (let i = 0; i < n; i++) if (t.place(`person:p${i}`) !== i % 7) throw new Error(`person:p${i} lost its place`);
    let found = 0;
    for (let i = n; i < 2 * n; i++) if (t.has(`person:p${i}`)) found++;
    for (let i = 0; i < 10_000; i++) if (t.has(`Person:p${i}`) || t.has(`person:p${i} `)) found++;
    expect(found).toBe(0);
  });

  it('answers the first place when an id is added again, and keeps it', () => {
    const t = new IdTable();
    expect(t.add('a', 3)).toBeUndefined();
    expect(t.add('a', 5)).toBe(3);
    expect(t.place('a')).toBe(3);
    expect(t.size).toBe(1);
    expect(t.add('', 0)).toBeUndefined();
    expect(t.has('')).toBe(true);
    expect(() => t.add('b', -1)).toThrow(RangeError);
  });
});
