import { useEffect, useMemo } from 'react';
import { navigate } from '../../app/router';
import {
  acceptAll,
  addToGraph,
  chooseMerge,
  decide,
  decideCurrent,
  editArticle,
  editEntity,
  editMeeting,
  move,
  orphanCount,
  propose,
  searchMerge,
  select,
  setFields,
  setMerge,
  useExtract,
} from '../../core/extract/store';
import { previewGraph } from '../../state/extract/review';
import { ArticleForm } from './ArticleForm';
import { ArticleText } from './ArticleText';
import { MiniGraph } from './MiniGraph';
import { ProposalList } from './ProposalList';
import './extract.css';

/**
 * /extract: paste an article, get proposals (nothing written), review them beside the highlighted text
 * (j/k move, a accept, r reject, shift+A accept all), edit names, labels, meeting dates and attendees, merge with
 * any node of the graph, watch the small graph of what will be added, and "Add to graph": the accepted part
 * becomes one data set imported all or nothing, then the explorer opens on the new nodes. The state and the
 * actions are the store's (core/extract/store.ts); this view composes props-only pieces.
 */
export default function ExtractView() {
  const fields = useExtract((s) => s.fields);
  const proposals = useExtract((s) => s.proposals);
  const items = useExtract((s) => s.items);
  const decisions = useExtract((s) => s.decisions);
  const edits = useExtract((s) => s.edits);
  const meetingEdits = useExtract((s) => s.meetingEdits);
  const merges = useExtract((s) => s.merges);
  const current = useExtract((s) => s.current);
  const busy = useExtract((s) => s.busy);
  const message = useExtract((s) => s.message);
  const search = useExtract((s) => s.search);
  const orphans = useExtract(orphanCount);

  const allQuotes = useMemo(() => items.flatMap((i) => i.quotes), [items]);
  const activeQuotes = useMemo(() => items[current]?.quotes ?? [], [items, current]);
  const terms = useMemo(() => {
    const id = items[current]?.id ?? '';
    const e = proposals?.entities.find((x) => `e:${x.key}` === id);
    if (!e) return [];
    const surname = e.label === 'Person' ? e.name.split(' ').slice(-1) : [];
    return [e.name, ...e.aliases, ...surname];
  }, [proposals, items, current]);
  const preview = useMemo(
    () => (proposals ? previewGraph(proposals, { decisions, edits, meetingEdits, merges }) : { nodes: [], edges: [] }),
    [proposals, decisions, edits, meetingEdits, merges],
  );
  const accepted = Object.values(decisions).filter((d) => d === 'accepted').length;

  useEffect(() => {
    if (!proposals) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j') move(1);
      else if (e.key === 'k') move(-1);
      else if (e.key === 'A') acceptAll();
      else if (e.key === 'a') decideCurrent('accepted');
      else if (e.key === 'r') decideCurrent('rejected');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [proposals]);

  const add = async () => {
    const href = await addToGraph();
    if (href) navigate(href);
  };

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
            <button type="button" onClick={editArticle} disabled={busy}>
              Edit article
            </button>
            <button type="button" onClick={acceptAll}>
              Accept all
            </button>
            <button type="button" className="primary" onClick={() => void add()} disabled={busy || !accepted}>
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
          <div className="extract-side">
            <MiniGraph nodes={preview.nodes} edges={preview.edges} />
            <ProposalList
              proposals={proposals}
              items={items}
              current={current}
              decisions={decisions}
              edits={edits}
              meetingEdits={meetingEdits}
              merges={merges}
              search={search}
              onSelect={select}
              onDecide={decide}
              onEdit={editEntity}
              onEditMeeting={editMeeting}
              onMerge={setMerge}
              onSearch={(key, q) => void searchMerge(key, q)}
              onChooseHit={chooseMerge}
            />
          </div>
        </div>
      )}
    </main>
  );
}
