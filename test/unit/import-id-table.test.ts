// The streamed import's compact id set (server/src/import/id-table.ts): every id added is found with its place
// through the table's growth, ids never added are not found, and adding an id again answers the first place. Its
// Bloom filter of relationship keys never misses a key met twice, and takes few keys met once for one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdTable, RepeatedKeys } from '../../server/src/import/id-table';

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

describe('the repeated relationship keys of the streamed import', () => {
  it('says every key met twice is repeated, through the growth of its chain, and few others', () => {
    const k = new RepeatedKeys(1024);
    const n = 100_000;
    for (let i = 0; i < n; i++) k.add(`p${i}|KNOWS|p${i + 1}`);
    // met again long after the chain grew (first link 1,024 keys, the last 65,536)
    for (let i = 0; i < n; i += 997) k.add(`p${i}|KNOWS|p${i + 1}`);
    for (let i = 0; i < n; i += 997) expect(k.repeated(`p${i}|KNOWS|p${i + 1}`)).toBe(true);
    let taken = 0;
    for (let i = 0; i < n; i++) if (i % 997 !== 0 && k.repeated(`p${i}|KNOWS|p${i + 1}`)) taken++;
    // a key met once is taken for a repeat now and then (0.24% here, with seven links): at most 0.5%
    expect(taken).toBeLessThan(n / 200);
    expect(k.size).toBe(Math.ceil(n / 997) + taken);
    // 16 bits a key in links of 1,024 … 65,536 keys (127 links' worth of 1,024), and the repeats' table
    expect(k.bytes).toBeLessThan(((127 * 1024 * 16) / 8) * 1.01 + 16 * 12 * 1024);
  });

  it('never misses a repeat (any keys, any order)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
        const k = new RepeatedKeys(16);
        for (const key of keys) k.add(key);
        const seen = new Map<string, number>();
        for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
        for (const [key, times] of seen) if (times > 1 && !k.repeated(key)) return false;
        return true;
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});
