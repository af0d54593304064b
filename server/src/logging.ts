/**
 * The request log and where it goes (issue 12: "log one line per request, sample or aggregate under load,
 * rotate, never log query parameters or tokens").
 *
 * Decision — aggregate, do not sample: every error (4xx, 5xx) and every slow request (1 s or more) always gets
 * its own line, so nothing a reader of the log needs is dropped at random. Other requests get their own line up
 * to PARLEY_LOG_PER_SECOND a second; beyond that they are counted per route pattern and status (`/api/nodes/:id`,
 * not the id, so the counts stay few) and written as one `requests aggregated` line every 10 s with the count,
 * mean and longest time of each. Under a load of 1,000 requests a second the log grows by the budget plus a
 * summary line instead of 1,000 lines a second. `PARLEY_LOG_PER_SECOND=0` logs every request on its own line.
 *
 * Where: stdout (the default, for a supervisor: journald, Docker), or PARLEY_LOG_FILE through pino-roll, a pino
 * transport that rotates by size (PARLEY_LOG_MAX_SIZE, default 10m) and keeps PARLEY_LOG_FILES rotated files
 * (default 5) besides the one being written: `logs/parley.log` becomes `logs/parley.1.log`, `parley.2.log`, …
 * so the disk used is bounded by about (files + 1) × size. The transport writes in a worker thread.
 */
import path from 'node:path';
import type { Config } from './config';

/** A request this slow (ms) always gets its own line. */
export const SLOW_MS = 1_000;
/** How often aggregated requests are written as one line. */
export const SUMMARY_EVERY_MS = 10_000;

export interface RequestEntry {
  method: string;
  /** the path without its query string */
  path: string;
  /** the route's pattern (`/api/nodes/:id`), or null when no route matched */
  route: string | null;
  status: number;
  ms: number;
}

export interface AggregatedRoute {
  method: string;
  route: string;
  status: number;
  count: number;
  meanMs: number;
  maxMs: number;
}

/** Decides which requests get their own line and aggregates the rest (see the top of this file). */
export class RequestLogBudget {
  private second = -1;
  private used = 0;
  private counts = new Map<
    string,
    { method: string; route: string; status: number; n: number; sum: number; max: number }
  >();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** true: log this request on its own line; false: it was counted for the next summary. */
  admit(e: RequestEntry): boolean {
    if (this.perSecond <= 0 || e.status >= 400 || e.ms >= SLOW_MS) return true;
    const second = Math.floor(this.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.used = 0;
    }
    if (this.used < this.perSecond) {
      this.used++;
      return true;
    }
    const route = e.route ?? '(no route)';
    const key = `${e.method} ${route} ${e.status}`;
    const c = this.counts.get(key) ?? { method: e.method, route, status: e.status, n: 0, sum: 0, max: 0 };
    c.n++;
    c.sum += e.ms;
    c.max = Math.max(c.max, e.ms);
    this.counts.set(key, c);
    return false;
  }

  /** What was aggregated since the last call (null when nothing was), most frequent first; then starts afresh. */
  takeSummary(): { aggregated: number; routes: AggregatedRoute[] } | null {
    if (this.counts.size === 0) return null;
    const routes = [...this.counts.values()]
      .sort((a, b) => b.n - a.n)
      .map((c) => ({
        method: c.method,
        route: c.route,
        status: c.status,
        count: c.n,
        meanMs: Math.round(c.sum / c.n),
        maxMs: c.max,
      }));
    this.counts.clear();
    return { aggregated: routes.reduce((s, r) => s + r.count, 0), routes };
  }
}

export type LogConfig = Pick<
  Config,
  'PARLEY_LOG_LEVEL' | 'PARLEY_LOG_FILE' | 'PARLEY_LOG_MAX_SIZE' | 'PARLEY_LOG_FILES'
>;

export interface LoggerOptions {
  level: string;
  stream?: { write(line: string): void };
  transport?: { target: string; options: Record<string, unknown> };
}

/** The Fastify logger option for this configuration: off, stdout, or a size-rotated file (pino-roll). */
export function loggerOptions(config: LogConfig): false | LoggerOptions {
  if (config.PARLEY_LOG_LEVEL === 'silent') return false;
  if (!config.PARLEY_LOG_FILE) return { level: config.PARLEY_LOG_LEVEL };
  return {
    level: config.PARLEY_LOG_LEVEL,
    transport: {
      target: 'pino-roll',
      options: {
        file: path.resolve(config.PARLEY_LOG_FILE),
        size: config.PARLEY_LOG_MAX_SIZE,
        limit: { count: config.PARLEY_LOG_FILES },
        mkdir: true,
      },
    },
  };
}
