import { useEffect, useRef } from 'react';
import type { ExtractResponse, ProposedEntity, SearchHit } from '../../../../contract';
import {
  GROUPS,
  meetingName,
  mergeTarget,
  type Decision,
  type Edit,
  type MeetingEdit,
  type MergeChoice,
  type ReviewItem,
} from '../../state/extract/review';

const LABELS: ProposedEntity['label'][] = ['Person', 'Agency', 'Place', 'Issue'];

export interface ProposalListProps {
  proposals: ExtractResponse;
  items: ReviewItem[];
  current: number;
  decisions: Record<string, Decision>;
  edits: Record<string, Edit>;
  meetingEdits: Record<string, MeetingEdit>;
  /** entity key → what it is merged with (see MergeChoice) */
  merges: Record<string, MergeChoice>;
  /** the search for a node to merge the current entity with */
  search: { key: string; query: string; hits: SearchHit[]; loading: boolean; error: string | null } | null;
  onSelect: (index: number) => void;
  onDecide: (id: string, decision: Decision) => void;
  onEdit: (key: string, edit: Edit) => void;
  onEditMeeting: (key: string, edit: MeetingEdit) => void;
  onMerge: (key: string, merge: MergeChoice) => void;
  onSearch: (key: string, query: string) => void;
  onChooseHit: (key: string, hit: SearchHit) => void;
}

/**
 * The proposals in groups, each with accept / reject; the current entity also with edit (name, label) and merge
 * (with the proposed match, or any node found by searching the graph); the current meeting with its date and
 * attendees.
 */
export function ProposalList(props: ProposalListProps) {
  const { proposals: p, items, edits } = props;
  const nameOf = (key: string) => {
    const e = p.entities.find((x) => x.key === key);
    if (e) {
      const name = edits[key]?.name ?? e.name;
      const target = mergeTarget(e, props.merges);
      return target && target.name !== name ? `${name} (→ ${target.name})` : name;
    }
    const m = p.meetings.find((x) => x.key === key);
    return m ? meetingName(m, props.meetingEdits[key]?.date ?? m.date) : key;
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
      const target = mergeTarget(e, props.merges);
      const search = props.search?.key === e.key ? props.search : null;
      title = edit.name;
      detail = `${edit.label} · confidence ${e.confidence.toFixed(2)}${target ? ` · merged into ${target.name}` : ''}`;
      extra = (
        <>
          {e.match && !target?.chosen && (
            <label className="extract-match">
              <input
                type="checkbox"
                checked={target !== null}
                onChange={(ev) => props.onMerge(e.key, ev.target.checked ? undefined : false)}
              />
              probably {e.match.name ?? e.match.id}, already in the graph ({e.match.reason}) — use it
            </label>
          )}
          {target?.chosen && (
            <div className="extract-match">
              merged with {target.name}, already in the graph (your choice){' '}
              <button type="button" onClick={() => props.onMerge(e.key, e.match ? undefined : false)}>
                Undo merge
              </button>
            </div>
          )}
          {current && (
            <div className="extract-merge-search">
              <label>
                Merge with a node in the graph
                <input
                  type="search"
                  placeholder="search by name…"
                  value={search?.query ?? ''}
                  onChange={(ev) => props.onSearch(e.key, ev.target.value)}
                />
              </label>
              {search?.loading && <span className="extract-detail">searching…</span>}
              {search?.error && <span className="extract-error">{search.error}</span>}
              {search && !search.loading && search.query.trim().length >= 2 && search.hits.length === 0 && (
                <span className="extract-detail">no node matches “{search.query}”</span>
              )}
              {search && search.hits.length > 0 && (
                <ul className="extract-hits" aria-label="Nodes to merge with">
                  {search.hits.map((h) => (
                    <li key={h.id}>
                      <button type="button" onClick={() => props.onChooseHit(e.key, h)}>
                        {h.name} <span className="extract-detail">{h.labels.join(', ')}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
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
      const medit = props.meetingEdits[m.key] ?? { date: m.date, attendees: m.attendees };
      title = meetingName(m, medit.date);
      detail = [
        m.status,
        medit.date ?? m.dateText ?? 'no date',
        medit.date !== m.date ? '(date edited)' : '',
        m.place && nameOf(m.place),
        `${medit.attendees.length} attendee${medit.attendees.length === 1 ? '' : 's'}`,
      ]
        .filter(Boolean)
        .join(' · ');
      const parties = p.entities.filter((x) => ['Person', 'Agency'].includes(edits[x.key]?.label ?? x.label));
      extra = current ? (
        <div className="extract-edit extract-meeting-edit">
          <label>
            Date
            <input
              type="date"
              value={medit.date ?? ''}
              onChange={(ev) => props.onEditMeeting(m.key, { ...medit, date: ev.target.value || null })}
            />
          </label>
          <fieldset>
            <legend>Attendees</legend>
            {parties.map((x) => (
              <label key={x.key}>
                <input
                  type="checkbox"
                  checked={medit.attendees.includes(x.key)}
                  onChange={(ev) =>
                    props.onEditMeeting(m.key, {
                      ...medit,
                      attendees: ev.target.checked
                        ? [...medit.attendees, x.key]
                        : medit.attendees.filter((k) => k !== x.key),
                    })
                  }
                />
                {nameOf(x.key)}
              </label>
            ))}
          </fieldset>
        </div>
      ) : medit.attendees.length ? (
        <div className="extract-detail">{medit.attendees.map(nameOf).join(', ')}</div>
      ) : null;
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
