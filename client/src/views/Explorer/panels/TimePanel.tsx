import { useEffect } from 'react';
import { TimeBar } from '../../../components/TimeBar';
import { UNDATED_RULE } from '../../../state/filters';
import {
  playTick,
  resetTime,
  setDateProperty,
  setTime,
  togglePlay,
  useExplorer,
  useTimeStats,
  useView,
} from '../../../core/explorer';
import { dateProperties, useCatalog } from '../../../core/catalog/store';

/** Which dates the time bar reads: meeting dates, or any date-like property the server found (any database). */
function DatePicker({ value }: { value: string | null }) {
  const schema = useCatalog((s) => s.schema);
  // a choice is a filter step of the loaded graph: not before it is there
  const ready = useExplorer((s) => s.session !== null);
  // Meeting.date is the default choice itself, not listed twice
  const props = dateProperties(schema).filter((p) => !(p.property === 'date' && p.labels.join() === 'Meeting'));
  if (props.length === 0 && value === null) return null;
  const hasMeetings = schema?.labels.some((l) => l.label === 'Meeting') ?? true;
  return (
    <label className="date-picker">
      <span>Dates from</span>{' '}
      <select
        aria-label="Dates from"
        disabled={!ready}
        value={value ?? ''}
        onChange={(e) => setDateProperty(e.target.value || null)}
      >
        <option value="">{hasMeetings ? 'meetings (date)' : 'no date chosen'}</option>
        {props.map((p) => (
          <option key={p.property} value={p.property}>
            {p.property} ({p.labels.join(', ')})
          </option>
        ))}
        {value !== null && !props.some((p) => p.property === value) && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}

/**
 * The time bar over the meeting dates in view (or the chosen date-like property's); while playing, the range grows
 * one date every 1.2 s.
 */
export function TimePanel() {
  const { filters } = useView();
  const t = useTimeStats();
  const playing = useExplorer((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => playTick(t.dates), 1200);
    return () => window.clearInterval(timer);
  }, [playing, t.dates]);
  return (
    <footer className="bottom">
      <DatePicker value={filters.dateProperty ?? null} />
      <TimeBar
        bins={t.bins}
        days={t.days}
        from={filters.from}
        to={filters.to}
        onChange={setTime}
        playing={playing}
        onTogglePlay={() => togglePlay(t.dates)}
        onReset={resetTime}
        shown={t.shown}
        total={t.total}
        unit={filters.dateProperty ? 'dated node' : undefined}
        note={
          filters.from || filters.to
            ? filters.dateProperty
              ? `Nodes without ${filters.dateProperty} are not filtered by the range; a year covers its whole year.`
              : UNDATED_RULE
            : undefined
        }
      />
    </footer>
  );
}
