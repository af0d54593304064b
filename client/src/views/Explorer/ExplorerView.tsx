/**
 * The explorer screen: a composition of panels over the explorer store (client/src/core/explorer/). The store
 * holds the data, the undoable view and the rest; its actions do the work; the panels read it and call them.
 */
import { useRef, useState } from 'react';
import { load, openExplorer, setSettings, useExplorer } from '../../core/explorer';
import { decodeUrlState } from '../../state/url';
import { DetailsSide } from './panels/DetailsSide';
import { Dialogs } from './panels/Dialogs';
import { GraphCanvas } from './panels/GraphCanvas';
import { LegendPanel } from './panels/LegendPanel';
import { PathPanel } from './panels/PathPanel';
import { SearchStartPanel } from './panels/SearchStartPanel';
import { TimePanel } from './panels/TimePanel';
import { Toolbar } from './panels/Toolbar';
import { ViewOptionsPanel } from './panels/ViewOptionsPanel';
import { useExplorerKeys } from './useExplorerKeys';
import { useUrlSync } from './useUrlSync';

/** Load errors (with a retry), notices, and the hint on an empty canvas. */
function Banners({ onRetry }: { onRetry: () => void }) {
  const loadError = useExplorer((s) => s.loadError);
  const notice = useExplorer((s) => s.notice);
  const empty = useExplorer((s) => s.session !== null && s.session.history.present.visible.length === 0);
  return (
    <>
      {loadError && (
        <div className="banner error" role="alert">
          {loadError}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {notice && (
        <div className="banner" role="status">
          {notice}{' '}
          <button type="button" className="link-button" onClick={() => setSettings({ notice: null })}>
            Dismiss
          </button>
        </div>
      )}
      {empty && (
        <div className="empty-hint">
          <p>The canvas is empty. Search for a person, an agency or a meeting to start.</p>
        </div>
      )}
    </>
  );
}

export default function ExplorerView() {
  // the address is read once, when the screen opens: it reopens the kept session or says what to load
  const [url] = useState(() => {
    const u = decodeUrlState(window.location.search);
    openExplorer(u);
    return u;
  });
  const searchRef = useRef<HTMLDivElement>(null);
  useUrlSync();
  useExplorerKeys(searchRef);
  const presenting = useExplorer((s) => s.presenting);

  return (
    <main className={presenting ? 'explorer presenting' : 'explorer'} aria-label="Explorer">
      <aside className="panel left" aria-label="Search and filters">
        <SearchStartPanel searchRef={searchRef} />
        <ViewOptionsPanel />
        <PathPanel />
        <LegendPanel />
      </aside>

      <section className="canvas-wrap" aria-label="Graph">
        <Toolbar />
        <Banners onRetry={() => void load(url.start, url.show)} />
        <GraphCanvas />
      </section>

      <DetailsSide />
      <TimePanel />
      <Dialogs />
    </main>
  );
}
