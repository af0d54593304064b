/**
 * A small TCP proxy in front of Bolt that a test controls, to fault Neo4j from outside as a bad night would:
 *
 * - `forward`  — pass bytes both ways (optionally each chunk `delayMs` late; a late chunk whose time comes while
 *                frozen waits for the thaw, so nothing moves while frozen);
 * - `freeze`   — accept and never answer: existing connections stop moving bytes both ways (as when the JVM
 *                is stopped with SIGSTOP: the kernel keeps accepting, nothing reads or answers) and new ones
 *                are accepted but never connected upstream; going back to `forward` delivers what waited;
 * - `refuse`   — Neo4j down: open connections are reset and new ones get ECONNREFUSED;
 * - `dropAll()`— reset every open connection (a partition, a restart of Neo4j).
 */
import net from 'node:net';

export type FaultMode = 'forward' | 'freeze' | 'refuse';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
}

export class FaultProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<Pair>();
  private mode: FaultMode = 'forward';
  port = 0;
  delayMs = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get uri(): string {
    return `bolt://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.pairs.size;
  }

  async start(port = 0): Promise<this> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    this.server = server;
    return this;
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: null };
    this.pairs.add(pair);
    client.on('error', () => {});
    client.on('close', () => this.forget(pair));
    if (this.mode === 'freeze') client.pause();
    else this.connect(pair);
  }

  private connect(pair: Pair): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    pair.upstream = upstream;
    upstream.on('error', () => {});
    upstream.on('close', () => this.forget(pair));
    this.pipe(pair.client, upstream);
    this.pipe(upstream, pair.client);
    if (this.mode === 'freeze') upstream.pause();
    else pair.client.resume();
  }

  /** late chunks whose time came while frozen, in order, written at the thaw */
  private held: (() => void)[] = [];

  private pipe(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk: Buffer) => {
      const write = () => {
        if (this.mode === 'freeze') this.held.push(() => to.write(chunk));
        else to.write(chunk);
      };
      if (this.delayMs > 0) setTimeout(write, this.delayMs);
      else to.write(chunk);
    });
  }

  private forget(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }

  async setMode(mode: FaultMode): Promise<void> {
    const was = this.mode;
    this.mode = mode;
    if (mode === 'refuse') {
      this.dropAll();
      await this.stopListening();
      return;
    }
    if (was === 'refuse') await this.start(this.port);
    if (mode !== 'freeze') for (const write of this.held.splice(0)) write();
    for (const pair of this.pairs) {
      if (mode === 'freeze') {
        pair.client.pause();
        pair.upstream?.pause();
      } else if (pair.upstream) {
        pair.client.resume();
        pair.upstream.resume();
      } else {
        this.connect(pair);
      }
    }
  }

  /** Resets every open connection (both sides). */
  dropAll(): void {
    for (const pair of [...this.pairs]) {
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
      this.forget(pair);
    }
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    this.dropAll();
    await this.stopListening();
  }
}

/** host and port of a bolt:// URI */
export function boltTarget(uri: string): { host: string; port: number } {
  const u = new URL(uri.replace(/^bolt/, 'http'));
  return { host: u.hostname, port: Number(u.port || 7687) };
}
