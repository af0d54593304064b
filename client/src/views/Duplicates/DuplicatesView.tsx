import { useEffect, useState } from 'react';
import type { NodeDetails } from '../../../../contract';
import { api } from '../../api/client';
import type { DuplicateCandidate, MergeRecord } from '../../../../contract';
import { duplicatesApi } from '../../api/duplicates';
import { NodeCard } from './NodeCard';
import './duplicates.css';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * /duplicates: the review queue. Candidate pairs (best first, with their reasons); the chosen pair side by side
 * with relationships and evidence; Merge either way or "Not the same"; the merges, each with Undo.
 */
export default function DuplicatesView() {
  const [labels, setLabels] = useState<string[]>([]);
  const [label, setLabel] = useState<string>('');
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [merges, setMerges] = useState<MergeRecord[]>([]);
  const [chosen, setChosen] = useState<DuplicateCandidate | null>(null);
  const [sides, setSides] = useState<{ key: string; a: NodeDetails | null; b: NodeDetails | null }>({
    key: '',
    a: null,
    b: null,
  });
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.schema().then(
      (s) => setLabels(s.labels.map((l) => l.label).filter((l) => l !== 'Source')),
      () => setLabels([]),
    );
  }, []);

  /** bumped after each write, so the queue and the merges are read again */
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([duplicatesApi.candidates(label || null), duplicatesApi.merges()]).then(
      ([c, m]) => {
        if (!live) return;
        setCandidates(c.candidates);
        setMerges(m.merges);
        setChosen(
          (prev) => c.candidates.find((x) => x.a.id === prev?.a.id && x.b.id === prev?.b.id) ?? c.candidates[0] ?? null,
        );
      },
      (err: unknown) => live && setMessage({ text: `Could not load duplicates: ${errorText(err)}`, error: true }),
    );
    return () => {
      live = false;
    };
  }, [label, version]);

  const pairKey = chosen ? `${chosen.a.id}\u0000${chosen.b.id}` : '';
  useEffect(() => {
    if (!chosen) return;
    let live = true;
    Promise.all([api.node(chosen.a.id), api.node(chosen.b.id)]).then(
      ([a, b]) => live && setSides({ key: pairKey, a, b }),
      (err: unknown) => live && setMessage({ text: errorText(err), error: true }),
    );
    return () => {
      live = false;
    };
  }, [chosen, pairKey]);

  /** a pair's choices: merge either way, or "Not the same"; each writes, then says what it did (`act`) */
  const pairActions = (c: DuplicateCandidate) => [
    ...(
      [
        [c.a, c.b],
        [c.b, c.a],
      ] as const
    ).map(([keep, merge]) => ({
      key: `merge-into-${keep.id}`,
      label: `Merge into ${keep.name}`,
      run: () => duplicatesApi.merge(keep.id, merge.id),
      done: `Merged “${merge.name}” into “${keep.name}”.`,
    })),
    {
      key: 'dismiss',
      label: 'Not the same',
      run: () => duplicatesApi.dismiss(c.a.id, c.b.id),
      done: `“${c.a.name}” and “${c.b.name}” will not be proposed again.`,
    },
  ];

  async function act(what: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await what();
      setMessage({ text: done, error: false });
      setVersion((v) => v + 1);
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const shown = sides.key === pairKey ? sides : { a: null, b: null };
  return (
    <main className="dups" aria-label="Duplicates">
      <header className="dups-head">
        <h1>Duplicates</h1>
        <label>
          Label{' '}
          <select value={label} onChange={(e) => setLabel(e.target.value)} aria-label="Label">
            <option value="">all labels</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Proposals only: nothing is merged until you choose.</span>
      </header>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'dups-error' : 'dups-ok'}>
          {message.text}
        </p>
      )}
      <div className="dups-body">
        <nav className="dups-queue" aria-label="Candidate pairs">
          {candidates === null && <p className="muted">Loading…</p>}
          {candidates?.length === 0 && <p className="muted">No candidate duplicates.</p>}
          <ul>
            {candidates?.map((c) => (
              <li key={`${c.a.id}|${c.b.id}`}>
                <button
                  type="button"
                  aria-pressed={chosen?.a.id === c.a.id && chosen?.b.id === c.b.id}
                  onClick={() => setChosen(c)}
                >
                  <span className="dups-score">{c.score.toFixed(2)}</span> {c.a.name} / {c.b.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {chosen && (
          <section className="dups-pair" aria-label="Candidate pair">
            <ul className="dups-reasons" aria-label="Reasons">
              {chosen.reasons.map((r, i) => (
                <li key={i}>{r.text}</li>
              ))}
            </ul>
            <div className="dups-actions">
              {pairActions(chosen).map((x) => (
                <button key={x.key} type="button" disabled={busy} onClick={() => void act(x.run, x.done)}>
                  {x.label}
                </button>
              ))}
            </div>
            <div className="dups-sides">
              <NodeCard details={shown.a} title="first" />
              <NodeCard details={shown.b} title="second" />
            </div>
          </section>
        )}
      </div>
      <section aria-label="Merges" className="dups-merges">
        <h2>Merges</h2>
        {merges.length === 0 && <p className="muted">No merges yet.</p>}
        <ul>
          {merges.map((m) => (
            <li key={m.id}>
              “{m.merge.name}” into “{m.keep.name}” · {new Date(m.at).toLocaleString()} · {m.moved} moved, {m.folded}{' '}
              folded · <span className={`dups-status-${m.status}`}>{m.status}</span>{' '}
              {m.status === 'merged' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(() => duplicatesApi.undo(m.id), `Undid the merge of “${m.merge.name}”.`)}
                >
                  Undo
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
