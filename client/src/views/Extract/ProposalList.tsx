import { useEffect, useRef } from 'react';
import type { ExtractResponse, ProposedEntity } from '../../../../contract';
import { GROUPS, type Decision, type Edit, type ReviewItem } from './review';

const LABELS: ProposedEntity['label'][] = ['Person', 'Agency', 'Place', 'Issue'];

export interface ProposalListProps {
  proposals: ExtractResponse;
  items: ReviewItem[];
  current: number;
  decisions: Record<string, Decision>;
  edits: Record<string, Edit>;
  /** entity key → merged with its match (true by default when it has one) */
  merges: Record<string, boolean>;
  onSelect: (index: number) => void;
  onDecide: (id: string, decision: Decision) => void;
  onEdit: (key: string, edit: Edit) => void;
  onMerge: (key: string, merge: boolean) => void;
}

/** The proposals in groups, each with accept / reject; entities also with edit (name, label) and merge. */
export function ProposalList(props: ProposalListProps) {
  const { proposals: p, items, edits } = props;
  const nameOf = (key: string) => {
    const e = p.entities.find((x) => x.key === key);
    if (e) return edits[key]?.name ?? e.name;
    return p.meetings.find((m) => m.key === key)?.name ?? key;
  };
  const ref = useRef<HTMLOListElement>(null);
  const { current: currentIndex } = props;
  useEffect(() => {
    ref.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [currentIndex]);

  const row = (item: ReviewItem, index: number) => {
    const decision = props.decisions[item.id];
    const current = index === props.current;
    let title: string;
    let detail: string;
    let extra = null;
    if (item.kind === 'entity') {
      const e = p.entities.find((x) => `e:${x.key}` === item.id)!;
      const edit = edits[e.key] ?? { name: e.name, label: e.label };
      title = edit.name;
      detail = `${edit.label} · confidence ${e.confidence.toFixed(2)}`;
      extra = (
        <>
          {e.match && (
            <label className="extract-match">
              <input
                type="checkbox"
                checked={props.merges[e.key] ?? true}
                onChange={(ev) => props.onMerge(e.key, ev.target.checked)}
              />
              probably {e.match.name ?? e.match.id}, already in the graph ({e.match.reason}) — use it
            </label>
          )}
          {current && (
            <div className="extract-edit">
              <label>
                Name
                <input value={edit.name} onChange={(ev) => props.onEdit(e.key, { ...edit, name: ev.target.value })} />
              </label>
              <label>
                Label
                <select
                  value={edit.label}
                  onChange={(ev) => props.onEdit(e.key, { ...edit, label: ev.target.value as Edit['label'] })}
                >
                  {LABELS.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </>
      );
    } else if (item.kind === 'meeting') {
      const m = p.meetings.find((x) => `m:${x.key}` === item.id)!;
      title = m.name;
      detail = [
        m.status,
        m.date ?? m.dateText ?? 'no date',
        m.place && nameOf(m.place),
        `${m.attendees.length} attendees`,
      ]
        .filter(Boolean)
        .join(' · ');
      if (m.attendees.length) extra = <div className="extract-detail">{m.attendees.map(nameOf).join(', ')}</div>;
    } else {
      const r = p.relationships[Number(item.id.slice(2))]!;
      title = `${nameOf(r.source)} —${r.type}→ ${nameOf(r.target)}`;
      detail = `confidence ${r.confidence.toFixed(2)}${r.inferred ? ` · inferred: ${r.inferenceReason ?? ''}` : ''}`;
    }
    return (
      <li
        key={item.id}
        aria-current={current ? 'true' : undefined}
        aria-label={title}
        className={`extract-item ${decision ?? ''}`}
        onClick={() => props.onSelect(index)}
      >
        <div className="extract-item-head">
          <span className="extract-item-title">{title}</span>
          <span className="extract-item-state">{decision ?? ''}</span>
          <button
            type="button"
            aria-pressed={decision === 'accepted'}
            onClick={() => props.onDecide(item.id, 'accepted')}
          >
            Accept
          </button>
          <button
            type="button"
            aria-pressed={decision === 'rejected'}
            onClick={() => props.onDecide(item.id, 'rejected')}
          >
            Reject
          </button>
        </div>
        <div className="extract-detail">{detail}</div>
        {extra}
        {current && item.quotes[0] && <blockquote>“{item.quotes[0]}”</blockquote>}
      </li>
    );
  };

  return (
    <ol className="extract-list" ref={ref} aria-label="Proposals">
      {GROUPS.map((g) => {
        const inGroup = items.map((item, index) => ({ item, index })).filter((x) => x.item.group === g);
        if (inGroup.length === 0) return null;
        return (
          <li key={g} className="extract-group">
            <h3>
              {g} ({inGroup.length})
            </h3>
            <ol>{inGroup.map((x) => row(x.item, x.index))}</ol>
          </li>
        );
      })}
    </ol>
  );
}
