/**
 * A sign of life below Cypher: the Bolt handshake on a fresh connection (four magic bytes and four version
 * proposals; the server answers with the four bytes of the version it picked, or zeros). Neo4j's network threads
 * answer it, not the query workers, so a database busy with heavy queries still answers it at once while a frozen
 * JVM, a partition or a dead server does not. The breaker asks it only when its `RETURN 1` probe is late
 * (breaker.ts, "Busy is not down"). Nothing is sent after the handshake: no login, no query, the socket is closed.
 */
import net from 'node:net';
import tls from 'node:tls';

/** magic preamble, then proposals: 5.4 down to 5.0, 4.4, and two empty slots */
const HANDSHAKE = Buffer.from([
  0x60, 0x60, 0xb0, 0x17, 0x00, 0x04, 0x04, 0x05, 0x00, 0x00, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00,
]);

/** host, port and TLS of a bolt:// / neo4j:// URI (`+s`: TLS with a verified certificate; `+ssc`: any certificate) */
export function boltAddress(uri: string): { host: string; port: number; tls: false | 'verify' | 'any' } {
  const u = new URL(uri);
  const scheme = u.protocol.replace(/:$/, '');
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const secure = scheme.endsWith('+ssc') ? 'any' : scheme.endsWith('+s') ? 'verify' : false;
  return { host, port: Number(u.port || 7687), tls: secure };
}

/** `true` when the server at `uri` answers a Bolt handshake within `timeoutMs`; never throws. */
export function boltHandshake(uri: string, timeoutMs: number): Promise<boolean> {
  let address: ReturnType<typeof boltAddress>;
  try {
    address = boltAddress(uri);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const { host, port } = address;
    const socket: net.Socket =
      address.tls === false
        ? net.connect({ host, port })
        : tls.connect({ host, port, servername: host, rejectUnauthorized: address.tls === 'verify' });
    let received = 0;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once(address.tls === false ? 'connect' : 'secureConnect', () => socket.write(HANDSHAKE));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= 4) finish(true);
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
