import { useEffect } from 'react';
import { TimeBar } from '../../../components/TimeBar';
import { UNDATED_RULE } from '../../../state/filters';
import { playTick, resetTime, setTime, togglePlay, useExplorer, useTimeStats, useView } from '../../../core/explorer';

/** The time bar over the meeting dates in view; while playing, the range grows one date every 1.2 s. */
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
        note={filters.from || filters.to ? UNDATED_RULE : undefined}
      />
    </footer>
  );
}
