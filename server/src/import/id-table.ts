/**
 * The node ids of a streamed import (stream.ts), kept compact: each id as a 64-bit hash of its text with the
 * index of its place (file and first label), in three typed arrays (open addressing, linear probing, at most
 * three quarters full): 12 bytes a slot, 16–32 bytes a node, against ~100–150 bytes for the id string, its boxed
 * value and its entry in a `Map`, and nothing for the garbage collector to trace. At 1,000,000 nodes: 25 MiB (about
 * 36 MiB for a moment while the table grows, old and new arrays both held).
 *
 * Decision: hashes, not the ids. Two different ids with the same 64 bits (about one chance in 4·10^7 among a
 * million ids) are taken for one. What the check pass does with a hit is then safe either way:
 * - a relationship end found here is taken to be a node of the files, with that node's label; if it is in fact
 *   missing, the relationship write finds no end (ends are matched by label and `id` in the database), the batch
 *   fails, and the import is undone as a whole: never a wrong write, only a refused import. The same goes for a
 *   valid import whose ids collide: the second id is not stored, so a relationship to it is looked for under the
 *   first id's label and the import is refused (undone, nothing kept), and the node count shown is one short;
 *   keeping the cleared suspects with their own place would mend it (not done: one chance in 4·10^7);
 * - a node id or source id found here again is only a suspect duplicate: the check pass re-reads the node files
 *   for the suspects and reports a duplicate only when the ids are equal (stream.ts, `confirmDuplicates`).
 */

/** the hash of the last `hash64` call, in two halves (no allocation per id) */
let h1 = 0;
let h2 = 0;

/** cyrb53's two 32-bit lanes, both kept (64 bits): fast, well mixed, deterministic (no seed from the process). */
function hash64(s: string): void {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507);
  a ^= Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  h1 = a >>> 0;
  h2 = b >>> 0;
}

export class IdTable {
  private lo: Uint32Array;
  private hi: Uint32Array;
  /** place + 1; 0 = an empty slot */
  private at: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.at = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  /** bytes held by the table */
  get bytes(): number {
    return this.lo.byteLength * 3;
  }

  /** the slot of the last hashed id, or of the empty slot where it would go */
  private slot(): number {
    let i = h1 & this.mask;
    while (this.at[i] !== 0 && (this.lo[i] !== h1 || this.hi[i] !== h2)) i = (i + 1) & this.mask;
    return i;
  }

  /** The place of `id` (or of an id with the same hash), if any. */
  place(id: string): number | undefined {
    hash64(id);
    const v = this.at[this.slot()]!;
    return v === 0 ? undefined : v - 1;
  }

  has(id: string): boolean {
    return this.place(id) !== undefined;
  }

  /** Adds `id` at `place`; when it (or an id with the same hash) is already there, answers its place instead. */
  add(id: string, place: number): number | undefined {
    if (!Number.isInteger(place) || place < 0 || place >= 0xffffffff) throw new RangeError(`bad place ${place}`);
    hash64(id);
    const i = this.slot();
    const v = this.at[i]!;
    if (v !== 0) return v - 1;
    this.lo[i] = h1;
    this.hi[i] = h2;
    this.at[i] = place + 1;
    this.size++;
    if (this.size * 4 > this.at.length * 3) this.grow();
    return undefined;
  }

  private grow(): void {
    const { lo, hi, at } = this;
    const cap = at.length * 2;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.at = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < at.length; j++) {
      if (at[j] === 0) continue;
      h1 = lo[j]!;
      h2 = hi[j]!;
      const i = this.slot();
      this.lo[i] = h1;
      this.hi[i] = h2;
      this.at[i] = at[j]!;
    }
  }
}
