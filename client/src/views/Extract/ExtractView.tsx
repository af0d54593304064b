import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExtractResponse } from '../../../../contract';
import { extractApi } from '../../api/extract';
import { navigate } from '../../app/router';
import { ArticleForm, type ArticleFields } from './ArticleForm';
import { ArticleText } from './ArticleText';
import { ProposalList } from './ProposalList';
import { reviewItems, type Decision, type Edit } from './review';
import './extract.css';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const EMPTY: ArticleFields = { text: '', title: '', outlet: '', published: '' };

/** The proposals with the analyst's edits and choices → the request of POST /api/extract/dataset. */
function datasetRequest(
  p: ExtractResponse,
  decisions: Record<string, Decision>,
  edits: Record<string, Edit>,
  merges: Record<string, boolean>,
) {
  const ok = (id: string) => decisions[id] === 'accepted';
  const entities = p.entities.map((e) => ({ ...e, ...(edits[e.key] ?? {}) }));
  const acceptedEntities = entities.filter((e) => ok(`e:${e.key}`));
  return {
    proposals: { ...p, entities },
    accepted: {
      entities: acceptedEntities.map((e) => e.key),
      meetings: p.meetings.filter((m) => ok(`m:${m.key}`)).map((m) => m.key),
      relationships: p.relationships.flatMap((_r, i) => (ok(`r:${i}`) ? [i] : [])),
    },
    merges: Object.fromEntries(
      acceptedEntities.flatMap((e) => (e.match && merges[e.key] !== false ? [[e.key, e.match.id]] : [])),
    ) as Record<string, string>,
  };
}

/**
 * /extract: paste an article, get proposals (nothing written), review them beside the highlighted text
 * (j/k move, a accept, r reject, shift+A accept all), and "Add to graph": the accepted part becomes one data set
 * imported all or nothing, then the explorer opens on the new nodes.
 */
export default function ExtractView() {
  const [fields, setFields] = useState<ArticleFields>(EMPTY);
  const [proposals, setProposals] = useState<ExtractResponse | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [merges, setMerges] = useState<Record<string, boolean>>({});
  const [current, setCurrent] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const items = useMemo(() => (proposals ? reviewItems(proposals, edits) : []), [proposals, edits]);
  const allQuotes = useMemo(() => items.flatMap((i) => i.quotes), [items]);
  const activeQuotes = useMemo(() => items[current]?.quotes ?? [], [items, current]);
  const terms = useMemo(() => {
    const id = items[current]?.id ?? '';
    const e = proposals?.entities.find((x) => `e:${x.key}` === id);
    if (!e) return [];
    const surname = e.label === 'Person' ? e.name.split(' ').slice(-1) : [];
    return [e.name, ...e.aliases, ...surname];
  }, [proposals, items, current]);
  const accepted = Object.values(decisions).filter((d) => d === 'accepted').length;
  /** accepted relationships whose end is not accepted: the data set leaves them out */
  const orphans = proposals
    ? proposals.relationships.filter(
        (r, i) =>
          decisions[`r:${i}`] === 'accepted' &&
          [r.source, r.target].some((k) => decisions[`e:${k}`] !== 'accepted' && decisions[`m:${k}`] !== 'accepted'),
      ).length
    : 0;

  const propose = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const p = await extractApi.propose({
        text: fields.text,
        ...(fields.title.trim() ? { title: fields.title.trim() } : {}),
        ...(fields.outlet.trim() ? { outlet: fields.outlet.trim() } : {}),
        ...(fields.published ? { published: fields.published } : {}),
      });
      setProposals(p);
      setDecisions({});
      setEdits({});
      setMerges({});
      setCurrent(0);
      const n = p.entities.length + p.meetings.length + p.relationships.length;
      setMessage({ text: [`${n} proposals.`, ...p.warnings].join(' '), error: n === 0 });
    } catch (err) {
      setMessage({ text: `Could not read the article: ${errorText(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const decide = useCallback((id: string, d: Decision) => setDecisions((prev) => ({ ...prev, [id]: d })), []);

  const addToGraph = async () => {
    if (!proposals) return;
    setBusy(true);
    setMessage(null);
    try {
      const { dataset, dropped } = await extractApi.dataset(datasetRequest(proposals, decisions, edits, merges));
      const result = await extractApi.importDataset(dataset, `${proposals.source.key.replace(/\W+/g, '-')}.json`);
      const ids = dataset.nodes.map((n) => n.id);
      const first = dataset.nodes.find((n) => n['label'] === 'Person') ?? dataset.nodes[0];
      setMessage({
        text: `Added in import ${result.id}${dropped.length ? `; left out: ${dropped.join('; ')}` : ''}.`,
        error: false,
      });
      const q = new URLSearchParams({ start: 'empty', show: ids.slice(0, 50).join(',') });
      if (first) q.set('node', first.id);
      navigate(`/?${q.toString()}`);
    } catch (err) {
      setMessage({ text: `Nothing was added: ${errorText(err)}`, error: true });
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!proposals) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const item = items[current];
      if (e.key === 'j') setCurrent((c) => Math.min(items.length - 1, c + 1));
      else if (e.key === 'k') setCurrent((c) => Math.max(0, c - 1));
      else if (e.key === 'A') setDecisions(Object.fromEntries(items.map((i) => [i.id, 'accepted' as const])));
      else if ((e.key === 'a' || e.key === 'r') && item) {
        decide(item.id, e.key === 'a' ? 'accepted' : 'rejected');
        setCurrent((c) => Math.min(items.length - 1, c + 1));
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [proposals, items, current, decide]);

  return (
    <main className="extract-view">
      <header className="extract-head">
        <h1>Article → graph</h1>
        {proposals && (
          <div className="extract-actions">
            <span className="extract-keys">j/k move · a accept · r reject · shift+A accept all</span>
            {orphans > 0 && (
              <span className="extract-warn">
                {orphans} accepted relationship{orphans === 1 ? '' : 's'} will be left out: an end is not accepted
              </span>
            )}
            <button type="button" onClick={() => setProposals(null)} disabled={busy}>
              Edit article
            </button>
            <button
              type="button"
              onClick={() => setDecisions(Object.fromEntries(items.map((i) => [i.id, 'accepted' as const])))}
            >
              Accept all
            </button>
            <button type="button" className="primary" onClick={() => void addToGraph()} disabled={busy || !accepted}>
              Add to graph ({accepted})
            </button>
          </div>
        )}
      </header>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'extract-error' : 'extract-status'}>
          {message.text}
        </p>
      )}
      {!proposals ? (
        <ArticleForm fields={fields} busy={busy} onChange={setFields} onPropose={() => void propose()} />
      ) : (
        <div className="extract-review">
          <ArticleText
            title={proposals.source.name}
            text={proposals.source.text}
            quotes={allQuotes}
            activeQuotes={activeQuotes}
            terms={terms}
          />
          <ProposalList
            proposals={proposals}
            items={items}
            current={current}
            decisions={decisions}
            edits={edits}
            merges={merges}
            onSelect={setCurrent}
            onDecide={decide}
            onEdit={(key, edit) => setEdits((prev) => ({ ...prev, [key]: edit }))}
            onMerge={(key, m) => setMerges((prev) => ({ ...prev, [key]: m }))}
          />
        </div>
      )}
    </main>
  );
}
