/** Props-only pieces of the Import page: the progress bar and the list of recorded imports. */
import type { ImportRecordBody } from '../../../../contract';
import type { ImportProgress } from '../../api/imports';

const seconds = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`);

export function ProgressBar({ progress }: { progress: ImportProgress | null }) {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <div className="imp-progress" aria-label="Import progress" role="group">
      <progress
        max={total || 1}
        value={total ? done : undefined}
        aria-valuetext={total ? `${done} of ${total} rows` : 'starting'}
      />
      <span role="status">
        {progress
          ? `${progress.phase}: ${done.toLocaleString()} of ${total.toLocaleString()} rows · ${Math.round(progress.rate).toLocaleString()} rows/s · ${
              progress.etaMs === null ? 'time left unknown' : `${seconds(progress.etaMs)} left`
            }`
          : 'Uploading and checking the files…'}
      </span>
    </div>
  );
}

function countsText(counts: unknown): string {
  if (!counts || typeof counts !== 'object') return '';
  const c = counts as {
    nodes?: unknown;
    relationships?: unknown;
    totals?: { nodes?: unknown; relationships?: unknown };
  };
  const nodes = c.totals?.nodes ?? c.nodes;
  const rels = c.totals?.relationships ?? c.relationships;
  return typeof nodes === 'number' && typeof rels === 'number' ? `${nodes} nodes, ${rels} relationships · ` : '';
}

export function ImportsList({
  imports,
  busy,
  onUndo,
}: {
  imports: ImportRecordBody[];
  busy: boolean;
  onUndo: (id: string) => void;
}) {
  return (
    <section aria-label="Recent imports" className="imp-records">
      <h2>Recent imports</h2>
      {imports.length === 0 && <p className="muted">No imports yet.</p>}
      <ul>
        {imports.slice(0, 20).map((r) => (
          <li key={r.id}>
            <span className={`imp-status imp-status-${r.status}`}>{r.status}</span> {r.files.join(', ')} ·{' '}
            {countsText(r.counts)}
            {new Date(r.startedAt).toLocaleString()} · rule {r.rule}
            {r.error ? ` · ${r.error}` : ''}{' '}
            {r.status === 'committed' && (
              <button
                type="button"
                disabled={busy}
                onClick={() => onUndo(r.id)}
                aria-label={`Undo import of ${r.files.join(', ')}`}
              >
                Undo
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
