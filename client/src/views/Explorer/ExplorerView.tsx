/**
 * The explorer screen: a composition of panels over the explorer store (client/src/core/explorer/). The store
 * holds the data, the undoable view and the rest; its actions do the work; the panels read it and call them.
 */
import { useRef, useState } from 'react';
import { load, openExplorer, setSettings, useExplorer } from '../../core/explorer';
import { decodeUrlState } from '../../state/url';
import { CaptionsPanel, CatalogController, MetReasonBanner, SearchIndexNote } from './panels/CatalogPanels';
import { DetailsSide } from './panels/DetailsSide';
import { ExpandMenuPanel } from './panels/ExpandMenuPanel';
import { StylePanel } from './panels/StylePanel';
import { TablePanel } from './panels/TablePanel';
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
  const loading = useExplorer((s) => s.session === null && s.loadError === null);
  // a large database opened on its overview: how much of it is in view, and how to see more
  const total = useExplorer((s) => s.session?.total ?? null);
  const shown = useExplorer((s) => s.session?.history.present.visible.length ?? 0);
  return (
    <>
      {total !== null && shown > 0 && (
        <div className="banner overview-note" role="status">
          <strong>
            {shown.toLocaleString('en')} of {total.toLocaleString('en')} shown
          </strong>{' '}
          ({shown < total ? 'the most connected' : 'all'}). Search, or double-click a node to expand it, to see more.
        </div>
      )}
      {loading && (
        <div className="loading-hint" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the graph…
        </div>
      )}
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
  const tableOpen = useExplorer((s) => s.tableOpen);
  // below the breakpoint (app.css) the side panels are drawers; choosing a node opens the details drawer
  const [drawer, setDrawer] = useState<'left' | 'right' | null>(null);
  const selection = useExplorer((s) => s.selection);
  const [seen, setSeen] = useState(selection);
  if (seen !== selection) {
    // a new selection on the canvas: its details drawer opens (state adjusted while rendering, not in an effect)
    setSeen(selection);
    // (chosen from the search drawer: that drawer closes to show the graph)
    if (selection) setDrawer(drawer === 'left' ? null : 'right');
  }
  const toggle = (side: 'left' | 'right') => setDrawer((d) => (d === side ? null : side));
  const classes = ['explorer', presenting ? 'presenting' : '', drawer ? `drawer-${drawer}` : ''].filter(Boolean);

  return (
    <main className={classes.join(' ')} aria-label="Explorer">
      <a className="skip-link" href="#graph-canvas">
        Skip to the graph
      </a>
      <aside className="panel left" aria-label="Search and filters">
        <button type="button" className="link-button drawer-close" onClick={() => setDrawer(null)}>
          Close ✕
        </button>
        <SearchStartPanel searchRef={searchRef} />
        <SearchIndexNote />
        <ViewOptionsPanel />
        <StylePanel />
        <PathPanel />
        <LegendPanel />
        <CaptionsPanel />
      </aside>

      <section className="canvas-wrap" aria-label="Graph">
        <div className="drawer-bar">
          <button type="button" className="button" aria-expanded={drawer === 'left'} onClick={() => toggle('left')}>
            ☰ Search and filters
          </button>
          <button type="button" className="button" aria-expanded={drawer === 'right'} onClick={() => toggle('right')}>
            Details
          </button>
        </div>
        <Toolbar />
        <Banners onRetry={() => void load(url.start, url.show)} />
        <MetReasonBanner />
        <GraphCanvas />
        {tableOpen && !presenting && <TablePanel />}
      </section>

      <DetailsSide />
      <TimePanel />
      <Dialogs />
      <ExpandMenuPanel />
      <CatalogController />
    </main>
  );
}
