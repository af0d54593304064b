/** Progress of a long import: rows done, rate and time left, from a clock the caller gives. Pure. */
export interface Progress {
  phase: 'checking' | 'writing' | 'rolling-back' | 'done';
  done: number;
  total: number;
  /** rows per second since writing began */
  rate: number;
  /** estimated milliseconds left, null until a rate is known */
  etaMs: number | null;
  elapsedMs: number;
}

export function progressAt(
  phase: Progress['phase'],
  done: number,
  total: number,
  startedMs: number,
  nowMs: number,
): Progress {
  const elapsedMs = Math.max(0, nowMs - startedMs);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const etaMs = rate > 0 ? Math.round(((total - done) / rate) * 1000) : null;
  return { phase, done, total, rate: Math.round(rate * 10) / 10, etaMs, elapsedMs: Math.round(elapsedMs) };
}

export function formatProgress(p: Progress): string {
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`;
  return `${p.phase}: ${p.done}/${p.total} rows (${pct}%), ${p.rate} rows/s${eta}`;
}
