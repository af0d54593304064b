/**
 * Extraction off the event loop: one worker thread (worker.ts) reads articles one at a time, so a second of
 * compromise never blocks the server's other requests; the worker warms itself up when it starts, so the cold
 * cost (1–3 s on a loaded machine) is paid once, at start, not by the first user.
 *
 * Decisions: one worker, because the machine Parley runs on may have two cores and Neo4j needs one; a bounded
 * queue (`maxQueue` articles waiting, default 4) beyond which `run` refuses at once with `ExtractBusyError`
 * (the route answers 503 with Retry-After); a deadline per article (`timeoutMs`, default 30 s) after which the
 * worker is ended and a fresh one started, so a pathological text cannot stall every later one. The worker is
 * a TypeScript file: it is started with tsx's loader (a dependency), the way `npm start` runs the server.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Proposals } from '../../../contract';
import type { ExtractInput } from './pipeline';

export class ExtractBusyError extends Error {
  constructor(
    readonly queued: number,
    readonly retryAfterS: number,
  ) {
    super(
      `Parley is already reading ${queued} article${queued === 1 ? '' : 's'}; try again in about ${retryAfterS} s.`,
    );
  }
}

export class ExtractTimeoutError extends Error {}

interface Job {
  id: number;
  input: ExtractInput;
  resolve: (p: Proposals) => void;
  reject: (e: Error) => void;
}

export interface ExtractPoolOptions {
  /** articles that may wait while one is read (default 4; 0 = one article at a time, none waiting) */
  maxQueue?: number;
  /** deadline of one article, in ms (default 30,000) */
  timeoutMs?: number;
}

/**
 * The worker's entry is TypeScript: a few lines of JavaScript register tsx's loader (tsx is a dependency, as
 * for `npm start`) inside the thread and then import it. (`execArgv: ['--import', 'tsx']` does not reach a
 * worker's own entry on Node 20.)
 */
const require = createRequire(import.meta.url);
const BOOT = `(async () => {
  const { register } = await import(${JSON.stringify(pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href)});
  register();
  await import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)});
})().catch((e) => { throw e; });`;

export class ExtractPool {
  private worker: Worker | undefined;
  private ready: Promise<number> | undefined;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | undefined;
  private nextId = 1;
  private closed = false;
  readonly maxQueue: number;
  timeoutMs: number;
  /** ms the worker took to read its warm-up article (the cold cost), once it is ready */
  warmUpMs: number | undefined;

  constructor(options: ExtractPoolOptions = {}) {
    this.maxQueue = options.maxQueue ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** starts the worker (if not started) and resolves when it has read its warm-up article */
  warm(): Promise<number> {
    if (this.closed) return Promise.reject(new Error('The extraction pool is closed.'));
    if (!this.ready) this.start();
    return this.ready!;
  }

  /** articles waiting, the one being read included */
  get load(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  run(input: ExtractInput): Promise<Proposals> {
    if (this.closed) return Promise.reject(new Error('The extraction pool is closed.'));
    if (this.load > this.maxQueue) {
      return Promise.reject(new ExtractBusyError(this.load, Math.max(2, this.load * 2)));
    }
    void this.warm().catch(() => {});
    return new Promise<Proposals>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('The server is shutting down.'));
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.reject(new Error('The server is shutting down.'));
      this.current = undefined;
    }
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): void {
    const worker = new Worker(BOOT, { eval: true });
    this.worker = worker;
    this.ready = new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.on(
        'message',
        (msg: { ready?: true; warmUpMs?: number; id?: number; proposals?: Proposals; error?: string }) => {
          if (msg.ready) {
            this.warmUpMs = msg.warmUpMs;
            resolve(msg.warmUpMs ?? 0);
            this.pump();
            return;
          }
          const cur = this.current;
          if (!cur || cur.job.id !== msg.id) return;
          clearTimeout(cur.timer);
          this.current = undefined;
          if (msg.error !== undefined) cur.job.reject(new Error(msg.error));
          else cur.job.resolve(msg.proposals!);
          this.pump();
        },
      );
    });
    this.ready.catch(() => {});
    worker.on('error', (e) => this.fail(worker, e));
    worker.on('exit', (code) => {
      if (this.worker === worker && !this.closed)
        this.fail(worker, new Error(`The extraction worker stopped (code ${code}).`));
    });
  }

  /** the worker died or errored: the article it was reading fails, a fresh worker takes the queue */
  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    void worker.terminate();
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.job.reject(e);
      this.current = undefined;
    }
    if (!this.closed && this.queue.length > 0) this.pump();
  }

  private pump(): void {
    if (this.closed || this.current || this.queue.length === 0) return;
    if (!this.worker) {
      this.start();
      return;
    }
    if (this.warmUpMs === undefined && this.ready) {
      // not ready yet: the ready message pumps
      return;
    }
    const job = this.queue.shift()!;
    const worker = this.worker;
    const timer = setTimeout(() => {
      this.fail(
        worker,
        new ExtractTimeoutError(
          `Reading the article took more than ${this.timeoutMs / 1000} s and was stopped; send a shorter text.`,
        ),
      );
    }, this.timeoutMs);
    this.current = { job, timer };
    worker.postMessage({ id: job.id, input: job.input });
  }
}
