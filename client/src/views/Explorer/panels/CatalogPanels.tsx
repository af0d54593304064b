/**
 * Any Neo4j database in the explorer (store: core/catalog): the controller that loads what Parley knows about
 * the database, the note beside search when it runs as a bounded scan (with the offer to create a full-text
 * index, on the user's consent), the reason who-met-whom is empty, and the Captions panel (the caption property
 * per label, saved as this database's default).
 */
import { useEffect, useState } from 'react';
import './catalog.css';
import { captionProperty } from '../../../../../contract';
import { useExplorer, useView } from '../../../core/explorer';
import {
  createSearchIndex,
  dismissCatalogMessage,
  loadCatalog,
  loadMetReason,
  saveCaptions,
  useCatalog,
} from '../../../core/catalog/store';

/** Render-nothing: loads the catalog once, and the server's reason when who-met-whom is switched on. */
export function CatalogController() {
  const mode = useView().mode;
  const person = useExplorer((s) => {
    const nodes = s.session ? Object.values(s.session.data.nodes) : [];
    return nodes.find((n) => n.labels.includes('Person'))?.id ?? null;
  });
  const lacksModel = useCatalog((s) => s.schema?.model.parley === false);
  useEffect(() => {
    const ctl = new AbortController();
    void loadCatalog(ctl.signal);
    return () => ctl.abort();
  }, []);
  useEffect(() => {
    if (mode !== 'met' || !lacksModel) return;
    const ctl = new AbortController();
    void loadMetReason(person, ctl.signal);
    return () => ctl.abort();
  }, [mode, lacksModel, person]);
  return null;
}

/** Beside the search results: search is a bounded scan until a full-text index covers every label. */
export function SearchIndexNote() {
  const index = useCatalog((s) => s.index);
  const indexing = useCatalog((s) => s.indexing);
  const message = useCatalog((s) => s.message);
  const [asking, setAsking] = useState(false);
  if (!index) return null;
  const note =
    message && /index/.test(message.text) ? (
      <p role={message.error ? 'alert' : 'status'} className={message.error ? 'catalog-note error' : 'catalog-note'}>
        {message.text}{' '}
        <button type="button" className="link-button" onClick={dismissCatalogMessage}>
          Dismiss
        </button>
      </p>
    ) : null;
  if (index.covers) return note;
  const what = index.missing.labels.length > 0 ? index.missing.labels.join(', ') : 'some properties';
  return (
    <div className="catalog-note" role="note" aria-label="Search coverage">
      <p>
        No full-text index covers {what}: search <strong>scans</strong> them (at most 20,000 nodes, every word in the
        caption, case ignored), so results may be incomplete and slower.
      </p>
      {!asking ? (
        <button
          type="button"
          className="button subtle"
          onClick={() => setAsking(true)}
          disabled={indexing === 'creating'}
        >
          Create a full-text index…
        </button>
      ) : (
        <div className="catalog-consent" role="group" aria-label="Create the index?">
          <p>
            {index.owned ? 'Parley will run' : 'This database is not Parley’s: with your consent, Parley will run'}:
          </p>
          <pre>{index.statement}</pre>
          <button
            type="button"
            className="button"
            disabled={indexing === 'creating'}
            onClick={() => void createSearchIndex().then(() => setAsking(false))}
          >
            {indexing === 'creating' ? 'Creating…' : 'Create the index'}
          </button>{' '}
          <button type="button" className="button subtle" onClick={() => setAsking(false)}>
            Not now
          </button>
        </div>
      )}
      {note}
    </div>
  );
}

/** Over the canvas in who-met-whom: why it is empty on a database without Parley's model. */
export function MetReasonBanner() {
  const mode = useView().mode;
  const reason = useCatalog((s) => s.metReason);
  if (mode !== 'met' || !reason) return null;
  return (
    <div className="banner" role="status" aria-label="Why who met whom is empty">
      {reason}
    </div>
  );
}

/** Captions: the property shown as the name of each label's nodes, this database's default (saved in it). */
export function CaptionsPanel() {
  const schema = useCatalog((s) => s.schema);
  const saved = useCatalog((s) => s.captions);
  const message = useCatalog((s) => s.message);
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [applied, setApplied] = useState(false);
  const labels = (schema?.labels ?? []).filter((l) => l.stringProperties.length > 1);
  if (labels.length === 0) return null;
  const current = draft ?? saved;
  const changed = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  return (
    <details className="panel-section captions-panel">
      <summary className="section-title">Captions</summary>
      <p className="muted">The property shown as each label’s name, for everyone using this database.</p>
      <ul>
        {labels.map((l) => (
          <li key={l.label}>
            <label>
              <span>{l.label}</span>{' '}
              <select
                value={current[l.label] ?? ''}
                onChange={(e) => {
                  const next = { ...current };
                  if (e.target.value === '') delete next[l.label];
                  else next[l.label] = e.target.value;
                  setDraft(next);
                }}
              >
                <option value="">by the rule ({captionProperty(l.stringProperties) ?? '—'})</option>
                {l.stringProperties.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        disabled={!changed}
        onClick={() =>
          void saveCaptions(current).then((ok) => {
            if (ok) {
              setDraft(null);
              setApplied(true);
            }
          })
        }
      >
        Save captions
      </button>
      {applied && (
        <p role="status">
          Saved for this database.{' '}
          <button type="button" className="link-button" onClick={() => window.location.reload()}>
            Reload to apply
          </button>
        </p>
      )}
      {message?.error && /Captions/.test(message.text) && (
        <p role="alert" className="catalog-note error">
          {message.text}
        </p>
      )}
    </details>
  );
}
