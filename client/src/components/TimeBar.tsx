import { useLayoutEffect, useRef, useState } from 'react';
import { canvasMeasure } from '../utils/export/png';
import { MONTH_STEPS, YEAR_STEPS, labelledBins } from '../utils/ticks';
import { count } from '../utils/words';
import type { HistogramBin } from '../state/filters/types';

export interface TimeBarProps {
  bins: HistogramBin[];
  /** the rule for undated meetings, said while a range is set */
  note?: string | undefined;
  /** every day from the first meeting to the last (YYYY-MM-DD), the slider's steps */
  days: string[];
  from: string | null;
  to: string | null;
  onChange: (from: string | null, to: string | null) => void;
  playing: boolean;
  onTogglePlay: () => void;
  onReset: () => void;
  /** meetings inside the range / all dated meetings */
  shown: number;
  total: number;
  /** what is counted (default "meeting"; "dated node" when the dates come from another property) */
  unit?: string | undefined;
}

const yearly = (b: HistogramBin) => b.start.endsWith('-01-01') && b.end.endsWith('-12-31');
/** A bin's label: its year when it covers a whole year (long spans), else its month. */
const binLabel = (b: HistogramBin) => (yearly(b) ? b.start.slice(0, 4) : b.start.slice(0, 7));

/** A bin as a number in its unit: the year, or the month counted from year 0 (for round label steps). */
const binValue = (b: HistogramBin) =>
  yearly(b) ? Number(b.start.slice(0, 4)) : Number(b.start.slice(0, 4)) * 12 + Number(b.start.slice(5, 7)) - 1;
const HISTOGRAM_GAP = 2; // px, as .histogram's gap in explorer.css

/**
 * The bins whose label is drawn: as many whole labels as the track's measured width holds (a span of decades
 * has more years than room for their labels), re-measured when the track is resized.
 */
function useLabelled(bins: HistogramBin[], drawn: boolean) {
  const track = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [labelWidth, setLabelWidth] = useState(0);
  const labels = bins.map(binLabel).join('\n');
  useLayoutEffect(() => {
    const el = track.current;
    if (!el) return;
    const style = getComputedStyle(el.querySelector('.bin-label') ?? el);
    const measure = canvasMeasure(style.fontFamily || 'sans-serif');
    const size = parseFloat(style.fontSize) || 10;
    setLabelWidth(Math.max(0, ...labels.split('\n').map((l) => measure(l, size))));
    setWidth(el.clientWidth);
    const seen = new ResizeObserver(() => setWidth(el.clientWidth));
    seen.observe(el);
    return () => seen.disconnect();
  }, [labels, drawn]);
  const shown = new Set(
    labelledBins({
      values: bins.map(binValue),
      width,
      gap: HISTOGRAM_GAP,
      labelWidth,
      steps: bins.length > 0 && yearly(bins[0]!) ? YEAR_STEPS : MONTH_STEPS,
    }),
  );
  return { track, shown };
}

/** Meetings over time: a histogram and a two-thumb range (two native sliders), with play and reset. */
export function TimeBar(p: TimeBarProps) {
  const { track, shown } = useLabelled(p.bins, p.days.length > 0);
  if (p.days.length === 0) {
    return (
      <section className="timebar empty" aria-label="Time bar">
        <span className="muted">No dated {p.unit ?? 'meeting'}s in view: the time bar has nothing to filter.</span>
      </section>
    );
  }
  const last = p.days.length - 1;
  const fromIdx = p.from
    ? Math.max(
        0,
        p.days.findIndex((d) => d >= p.from!),
      )
    : 0;
  const toIdxRaw = p.to ? p.days.findLastIndex((d) => d <= p.to!) : last;
  const toIdx = toIdxRaw < 0 ? 0 : toIdxRaw;
  const max = Math.max(1, ...p.bins.map((b) => b.count));
  const set = (f: number, t: number) => {
    const [a, b] = f <= t ? [f, t] : [t, f];
    p.onChange(a === 0 ? null : p.days[a]!, b === last ? null : p.days[b]!);
  };
  const fromDay = p.days[fromIdx]!;
  const toDay = p.days[toIdx]!;
  return (
    <section className="timebar" aria-label="Time bar">
      <div className="timebar-controls">
        <button
          type="button"
          className="button"
          aria-label={p.playing ? 'Pause' : 'Play through time'}
          onClick={p.onTogglePlay}
        >
          {p.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" className="button subtle" onClick={p.onReset} disabled={!p.from && !p.to}>
          All dates
        </button>
        <span className="timebar-range" aria-live="polite">
          {fromDay} → {toDay} · {p.shown} of {count(p.total, p.unit ?? 'meeting')}
        </span>
        {p.note && <span className="timebar-note muted">{p.note}</span>}
      </div>
      <div className="timebar-track">
        <div className="histogram" aria-hidden="true" ref={track}>
          {p.bins.map((b, i) => {
            // coloured when some of its meetings are shown, grey when none is (whatever the slider covers)
            return (
              <div key={b.start} className="bin" title={`${binLabel(b)}: ${b.shown} of ${b.count} shown`}>
                <div
                  className={b.shown > 0 ? 'bar in' : 'bar'}
                  data-shown={b.shown}
                  style={{ height: `${(b.count / max) * 100}%` }}
                />
                <span className="bin-label">{shown.has(i) ? binLabel(b) : ''}</span>
              </div>
            );
          })}
        </div>
        <div className="range">
          <input
            type="range"
            aria-label="Start date"
            min={0}
            max={last}
            step={1}
            value={fromIdx}
            aria-valuetext={fromDay}
            onChange={(e) => set(Math.min(Number(e.target.value), toIdx), toIdx)}
          />
          <input
            type="range"
            aria-label="End date"
            min={0}
            max={last}
            step={1}
            value={toIdx}
            aria-valuetext={toDay}
            onChange={(e) => set(fromIdx, Math.max(Number(e.target.value), fromIdx))}
          />
        </div>
      </div>
    </section>
  );
}
