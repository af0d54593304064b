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

/**
 * The relationship keys of a streamed import met more than once (stream.ts), so that a first load can write
 * every other relationship without first reading whether it is stored (repositories/imports.ts,
 * `newRelationshipsIn`). Every key goes into a Bloom filter; a key the filter may already hold goes into `repeated`
 * (hashes, as IdTable). No key met twice is ever missed (a Bloom filter has no false negatives); a key met
 * once is sometimes taken for a repeat, which only costs it the read: 16 bits and 11 probes a key in each link
 * of the chain below, measured 0.06% of keys at 100,000 and 0.3% at 5 million (the error of the links adds up).
 * The filter grows as a chain, each link twice the last (the number of keys is not known before the end):
 * 2–4 bytes a key (the last link may be half empty), 16 MiB at 5 million relationships with the repeats; adding
 * the 5 million took 4.2 s here. It is filled on every streamed check, since a first load is known only after it.
 */
export class RepeatedKeys {
  private links: { bits: Uint32Array; m: number; keys: number; capacity: number }[] = [];
  private readonly repeats = new IdTable(16);

  constructor(private firstCapacity = 1 << 14) {}

  /** bytes held */
  get bytes(): number {
    return this.links.reduce((s, l) => s + l.bits.byteLength, 0) + this.repeats.bytes;
  }

  /** keys met more than once (and the few taken for one) */
  get size(): number {
    return this.repeats.size;
  }

  add(key: string): void {
    hash64(key);
    const [a, b] = [h1, h2 | 1];
    if (this.links.some((l) => probe(l, a, b, false))) {
      this.repeats.add(key, 0);
      return;
    }
    let last = this.links[this.links.length - 1];
    if (!last || last.keys >= last.capacity) {
      const capacity = last ? last.capacity * 2 : this.firstCapacity;
      const m = capacity * BITS_PER_KEY;
      last = { bits: new Uint32Array(Math.ceil(m / 32)), m, keys: 0, capacity };
      this.links.push(last);
    }
    probe(last, a, b, true);
    last.keys++;
  }

  /** Whether `key` was met more than once (or may have been). */
  repeated(key: string): boolean {
    return this.repeats.has(key);
  }
}

const BITS_PER_KEY = 16;
const PROBES = 11;

/** Bit positions by double hashing (a + i·b); `set`: sets them, else answers whether all are set. */
function probe(l: { bits: Uint32Array; m: number }, a: number, b: number, set: boolean): boolean {
  for (let i = 0; i < PROBES; i++) {
    const bit = (a + Math.imul(i, b)) >>> 0;
    const at = bit % l.m;
    const word = at >>> 5;
    const mask = 1 << (at & 31);
    if (set) l.bits[word] = l.bits[word]! | mask;
    else if ((l.bits[word]! & mask) === 0) return false;
  }
  return true;
}
