// neo4j/bolt-limits.ts patches two internals of the pinned driver: the linear read of a message spread over
// several chunks must read exactly what the driver's own walk read (forwards, backwards, across chunk ends), and
// the meter must be installed on the driver's dechunker (a driver whose internals changed fails here first).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installBoltLimits } from '../../server/src/neo4j/bolt-limits';

const require = createRequire(import.meta.url);
interface Buf {
  getUInt8(p: number): number;
  getInt8(p: number): number;
  readUInt8(): number;
  readInt32(): number;
  length: number;
}
const ChannelBuffer = (
  require('neo4j-driver-bolt-connection/lib/channel/channel-buf.js') as {
    default: new (b: Buffer) => Buf;
  }
).default;
const CombinedBuffer = (
  require('neo4j-driver-bolt-connection/lib/channel/combined-buf.js') as {
    default: new (parts: Buf[]) => Buf;
  }
).default;
const { Dechunker } = require('neo4j-driver-bolt-connection/lib/channel/chunking.js') as {
  Dechunker: { prototype: object };
};

describe('installBoltLimits', () => {
  installBoltLimits();

  it('reads a message over several chunks byte for byte, in any order', () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) % 256));
    const cuts = [0, 1, 7, 300, 301, 999, 1000];
    const parts = cuts.slice(1).map((end, i) => new ChannelBuffer(bytes.subarray(cuts[i], end)));
    const combined = new CombinedBuffer(parts);
    expect(combined.length).toBe(1000);
    const order = [0, 999, 5, 6, 7, 300, 299, 301, 1, 0, 500, 998, 2];
    for (const p of order) {
      expect(combined.getUInt8(p), `byte ${p}`).toBe(bytes[p]);
      expect(combined.getInt8(p), `signed byte ${p}`).toBe(bytes.readInt8(p));
    }
    for (let p = 0; p < 1000; p++) expect(combined.getUInt8(p)).toBe(bytes[p]);
    // sequential reads through the buffer's position, across a chunk end (bytes 298..301)
    const again = new CombinedBuffer(cuts.slice(1).map((end, i) => new ChannelBuffer(bytes.subarray(cuts[i], end))));
    for (let p = 0; p < 298; p++) again.readUInt8();
    expect(again.readInt32()).toBe(bytes.readInt32BE(298));
    expect(() => combined.getUInt8(1000)).toThrow(/beyond end/);
  });

  it("meters the driver's dechunker (its onmessage is ours) and is idempotent", () => {
    expect(Object.getOwnPropertyDescriptor(Dechunker.prototype, 'onmessage')?.set).toBeTypeOf('function');
    expect(() => installBoltLimits()).not.toThrow();
  });
});
