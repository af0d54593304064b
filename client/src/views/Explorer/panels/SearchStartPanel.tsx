import type { RefObject } from 'react';
import { SearchBox } from '../../../components/SearchBox';
import { moveInGroup } from '../../../components/roving';
import { chooseHit, focusCanvas, restart, search, useExplorer } from '../../../core/explorer';

// a hit chosen: the keyboard goes to the graph, so E, P, ? work at once
const onChoose = (h: Parameters<typeof chooseHit>[0]) => {
  focusCanvas();
  void chooseHit(h);
};

/** The main search box (the `/` key focuses it) and the "Start from" choice. */
export function SearchStartPanel({ searchRef }: { searchRef: RefObject<HTMLDivElement | null> }) {
  const start = useExplorer((s) => s.session?.start);
  return (
    <>
      <div ref={searchRef}>
        <SearchBox label="Search" placeholder="Name or alias…" search={search} onChoose={onChoose} />
      </div>
      <section className="panel-section" aria-labelledby="start-h">
        <h2 id="start-h" className="section-title">
          Start from
        </h2>
        {/* a radio group: one Tab stop, arrows choose (ARIA radio pattern), a visible focus ring (app.css) */}
        <div
          className="segmented"
          role="radiogroup"
          aria-label="Start from"
          onKeyDown={(e) => {
            const i = moveInGroup(e, '[role="radio"]');
            if (i !== null) restart(i === 0 ? 'all' : 'empty');
          }}
        >
          <button
            type="button"
            role="radio"
            aria-checked={start === 'all'}
            tabIndex={start === 'empty' ? -1 : 0}
            onClick={() => restart('all')}
          >
            Whole graph
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={start === 'empty'}
            tabIndex={start === 'empty' ? 0 : -1}
            onClick={() => restart('empty')}
          >
            Empty canvas
          </button>
        </div>
      </section>
    </>
  );
}
