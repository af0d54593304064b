import { useCallback } from 'react';
import { ExportMenu } from '../../../components/export/ExportMenu';
import { exportAttributes } from '../../../utils/export/data';
import { count } from '../../../utils/words';
import {
  applyLayout,
  dataOf,
  getExplorer,
  redo,
  setAreaMode,
  setSettings,
  toggleLayoutRunning,
  toggleTable,
  undo,
  useCounts,
  useExplorer,
  useExportTitle,
  useView,
} from '../../../core/explorer';
import { LAYOUTS, runSyncLayout } from '../../../layouts';
import { canRedo, canUndo, redoLabel, undoLabel } from '../../../state/history';
import { SaveSnapshotButton } from '../../Snapshots/SaveSnapshotButton';
import { SharePanel } from './SharePanel';
import { useSnapshotLegend } from './legend';
import { snapshotViewNow, useVisibleSources } from './snapshotView';

/** Properties, dates and evidence of every fetched node and relationship, for GEXF and GraphML. */
function exportedAttributes() {
  const data = dataOf(getExplorer());
  return exportAttributes(Object.values(data.nodes), Object.values(data.edges));
}

/** Layouts, undo / redo, export, snapshot, presentation, shortcuts, and what is drawn. */
export function Toolbar() {
  const layoutRunning = useExplorer((s) => s.layoutRunning);
  const history = useExplorer((s) => s.session?.history);
  const sigma = useExplorer((s) => s.sigma);
  const presenting = useExplorer((s) => s.presenting);
  const tableOpen = useExplorer((s) => s.tableOpen);
  const area = useExplorer((s) => s.area);
  const mode = useView().mode;
  const counts = useCounts();
  const loading = useExplorer((s) => s.session === null && s.loadError === null);
  const title = useExportTitle();
  const sources = useVisibleSources();
  const legend = useSnapshotLegend();
  const getView = useCallback(() => snapshotViewNow(sources), [sources]);
  const runLayout = (id: string) => {
    if (sigma) applyLayout(id, runSyncLayout(id as 'circular' | 'noverlap', sigma.getGraph()));
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Graph tools">
      <button type="button" className="button" aria-pressed={layoutRunning} onClick={toggleLayoutRunning}>
        {layoutRunning ? '■ Stop ForceAtlas2' : '▶ Run ForceAtlas2'}
      </button>
      {LAYOUTS.filter((l) => l.type === 'sync').map((l) => (
        <button key={l.id} type="button" className="button" disabled={layoutRunning} onClick={() => runLayout(l.id)}>
          {l.name}
        </button>
      ))}
      <span className="toolbar-sep" />
      <button
        type="button"
        className="button"
        onClick={undo}
        disabled={!history || !canUndo(history)}
        aria-label={history && undoLabel(history) ? `Undo ${undoLabel(history)}` : 'Undo'}
        title="Ctrl+Z"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="button"
        onClick={redo}
        disabled={!history || !canRedo(history)}
        aria-label={history && redoLabel(history) ? `Redo ${redoLabel(history)}` : 'Redo'}
        title="Ctrl+Shift+Z"
      >
        ↷ Redo
      </button>
      <span className="toolbar-sep" />
      <ExportMenu
        sigma={sigma}
        title={title}
        caption=""
        legend={legend}
        sources={sources}
        attributes={exportedAttributes}
      />
      <SaveSnapshotButton sigma={sigma} getView={getView} defaultTitle={title} buttonClassName="button" />
      <SharePanel />
      <button
        type="button"
        className="button"
        aria-pressed={presenting}
        onClick={() => setSettings({ presenting: true })}
        title="P"
      >
        Present
      </button>
      <button type="button" className="button" aria-pressed={tableOpen} onClick={toggleTable} title="T">
        Table
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={area !== null}
        onClick={() => setAreaMode(area ? null : 'box')}
        title="Drag on the graph to select the nodes inside a box or a lasso (or Shift+drag at any time)"
      >
        Select area
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        className="button subtle"
        onClick={() => setSettings({ shortcutsOpen: true })}
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      <span className="toolbar-status" role="status" aria-live="polite">
        {loading ? 'Loading…' : `${count(counts.shownNodes, 'node')} · ${count(counts.shownEdges, 'edge')}`}
        {mode === 'met' ? ' · who met whom' : ''}
      </span>
    </div>
  );
}
