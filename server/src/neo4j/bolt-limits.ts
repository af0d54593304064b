/**
 * Size-bounded decoding of Neo4j's answers (issue 12), at the one place every answer passes through before it is
 * decoded: the driver's Bolt dechunker, which gathers the chunks of one message (a record, a summary) and hands
 * the whole message to the decoder.
 *
 * Why here. One Bolt RECORD is decoded synchronously, whole: `RETURN range(1, 10000000)` is one 50 MB message,
 * and decoding it blocked the event loop for 110 s and grew Node to 785 MiB (measured with neo4j-driver 6.3.0);
 * with 40,000,000 the server froze for over 9 minutes (the issue). No setting bounds it: the driver's `fetchSize`
 * bounds records per pull, not the size of one record; Neo4j's `db.memory.transaction.max` does not count a lazy
 * `range()` nor values built in a projection; a plan shows no answer sizes. So every message is metered while its
 * chunks arrive, and one that grows past its connection's limit is refused before a byte of it is decoded: the
 * connection is failed with `Parley.ResultTooLarge` (a 422 for the caller, not retried by the driver), the rest
 * of the message is dropped as it arrives, and the broken connection is closed when its session ends, which makes
 * Neo4j stop the query.
 *
 * Limits per connection, chosen by who opened it (an AsyncLocalStorage scope around the code that uses a driver):
 * - the console's connections (its own driver, neo4j/db.ts) take CONSOLE_MESSAGE_BYTES: a row of that size
 *   holding only one-byte values (`[x IN range(1, 500000) | 0]`), the slowest kind to decode and convert, held
 *   the event loop for 0.25 s at most here (1 MiB: 0.64 s). A larger row is refused with a message saying how to
 *   return less (many rows instead of one collected list: rows stream, and the answer's 4 MB cap cuts them);
 * - every other connection (Parley's own queries, the probe) takes DEFAULT_MESSAGE_BYTES: Parley's largest
 *   legitimate message is one string (a source's text, at most 10 MiB of text, or a snapshot's payload), and a
 *   string decodes in one native call; none of Parley's queries returns millions of small values.
 *
 * Also here: the driver reads a message that spans several chunks through a buffer that finds each byte by
 * walking the chunk list from the start (quadratic: 76 chunks, 1,000,000 integers, 1.5 s; 228 chunks, 16 s). The
 * walk now resumes where the previous read stopped (linear: 0.7 s and 1.1 s).
 *
 * Both are patches of the pinned driver's internals (neo4j-driver-bolt-connection 6.3.0), checked when installed:
 * a driver whose internals changed fails at start with a message naming this file, never silently unbounded.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { Neo4jError } from 'neo4j-driver';

/** Largest Bolt message a console connection decodes (one record: a row of the answer). */
export const CONSOLE_MESSAGE_BYTES = 512 * 1024;
/** Largest Bolt message any other connection decodes. */
export const DEFAULT_MESSAGE_BYTES = 64 * 1024 * 1024;

export const RESULT_TOO_LARGE = 'Parley.ResultTooLarge';

const scope = new AsyncLocalStorage<number>();

/** Runs `fn` so that every connection a driver opens while it runs decodes messages of at most `maxBytes`. */
export function withMessageLimit<T>(maxBytes: number, fn: () => T): T {
  return scope.run(maxBytes, fn);
}

const size = (n: number) => (n < 1024 * 1024 ? `${Math.round(n / 1024)} KiB` : `${Math.round(n / 1024 / 1024)} MiB`);

export function tooLargeError(limit: number): Neo4jError {
  return new Neo4jError(
    `One row of the answer is larger than ${size(limit)}; it was refused before being read. Return fewer or smaller values: project properties, use LIMIT, slice lists (list[0..100]) or aggregate (count, size).`,
    RESULT_TOO_LARGE,
    '50N42',
    'error: general processing exception - result too large',
  );
}

interface ByteBuffer {
  hasRemaining(): boolean;
  remaining(): number;
  readSlice(n: number): unknown;
  getUInt8(p: number): number;
  getInt8(p: number): number;
  length: number;
}
type State = (buf: ByteBuffer) => State;
interface DechunkerLike {
  _onHeader(header: number): State;
  _currentMessage: unknown[];
  onmessage?: (buf: unknown) => void;
  [LIMIT]?: number;
  [SIZE]?: number;
  [HANDLER]?: (buf: unknown) => void;
}
interface CombinedLike {
  _buffers: ByteBuffer[];
  [CURSOR]?: { index: number; start: number };
}

const LIMIT = Symbol('parley.messageLimit');
const SIZE = Symbol('parley.messageSize');
const HANDLER = Symbol('parley.onmessage');
const CURSOR = Symbol('parley.cursor');

let installed = false;

function fail(what: string): never {
  throw new Error(
    `neo4j/bolt-limits.ts: the Neo4j driver's internals are not what this file patches (${what}). It was written for neo4j-driver 6.3.0 (pinned in package.json); check the size limits against the driver in use before changing its version.`,
  );
}

/** Installs the meter and the linear read (idempotent). Db's constructor calls it. */
export function installBoltLimits(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const chunking = require('neo4j-driver-bolt-connection/lib/channel/chunking.js') as {
    Dechunker?: { prototype: DechunkerLike };
  };
  const combined = require('neo4j-driver-bolt-connection/lib/channel/combined-buf.js') as {
    default?: { prototype: CombinedLike & { getUInt8: unknown; getInt8: unknown } };
  };
  const dechunker = chunking.Dechunker?.prototype;
  const combinedProto = combined.default?.prototype;
  if (!dechunker || typeof dechunker._onHeader !== 'function') fail('Dechunker._onHeader');
  if (!combinedProto || typeof combinedProto.getUInt8 !== 'function') fail('CombinedBuffer.getUInt8');
  if (Object.getOwnPropertyDescriptor(dechunker, 'onmessage')) fail('Dechunker.onmessage is already defined');

  // The limit of a connection is fixed when the driver wires its dechunker to the decoder, which happens while
  // the connection is opened, in the scope of the code that asked for it.
  Object.defineProperty(dechunker, 'onmessage', {
    configurable: true,
    get(this: DechunkerLike) {
      return this[HANDLER];
    },
    set(this: DechunkerLike, fn: (buf: unknown) => void) {
      this[HANDLER] = fn;
      this[LIMIT] = scope.getStore() ?? DEFAULT_MESSAGE_BYTES;
    },
  });

  const discard: State = (buf) => {
    buf.readSlice(buf.remaining());
    return discard;
  };
  const onHeader = dechunker._onHeader;
  dechunker._onHeader = function (this: DechunkerLike, header: number): State {
    if (header === 0) {
      this[SIZE] = 0;
      return onHeader.call(this, header);
    }
    const size = (this[SIZE] ?? 0) + header;
    this[SIZE] = size;
    const limit = this[LIMIT] ?? DEFAULT_MESSAGE_BYTES;
    if (size <= limit) return onHeader.call(this, header);
    // Too large: drop what was gathered and everything still to come on this connection, and fail it. The
    // decoder's handler catches what reading the message throws and fails the connection with it (its fatal
    // error path), so every caller waiting on the connection gets this error.
    this._currentMessage = [];
    const err = tooLargeError(limit);
    const poisoned = new Proxy(
      {},
      {
        get() {
          throw err;
        },
      },
    );
    this[HANDLER]?.(poisoned);
    return discard;
  };

  // Linear reads of a message spread over several chunks: resume the walk where the previous read stopped.
  const locate = (self: CombinedLike, position: number): [ByteBuffer, number] => {
    const buffers = self._buffers;
    let cursor = self[CURSOR];
    if (!cursor || position < cursor.start) cursor = { index: 0, start: 0 };
    while (cursor.index < buffers.length && position >= cursor.start + (buffers[cursor.index]?.length ?? 0)) {
      cursor.start += buffers[cursor.index]?.length ?? 0;
      cursor.index++;
    }
    self[CURSOR] = cursor;
    const buffer = buffers[cursor.index];
    if (!buffer)
      throw new Neo4jError(
        'Read beyond end of CombinedBuffer',
        'ProtocolError',
        '50N00',
        'error: general processing exception',
      );
    return [buffer, position - cursor.start];
  };
  combinedProto.getUInt8 = function (this: CombinedLike, position: number) {
    const [b, at] = locate(this, position);
    return b.getUInt8(at);
  };
  combinedProto.getInt8 = function (this: CombinedLike, position: number) {
    const [b, at] = locate(this, position);
    return b.getInt8(at);
  };
  installed = true;
}
