import { useEffect, useMemo } from 'react';
import { SigmaContainer } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import { MultiDirectedGraph } from 'graphology';
import type Sigma from 'sigma';
import { testHooks } from '../../../app/testhooks';
import { AreaSelectBar } from '../../../components/AreaSelectBar';
import { PresentationOverlay, presentationSettings } from '../../../components/export/PresentationOverlay';
import { ZoomControls } from '../../../components/ZoomControls';
import {
  applyLayout,
  expandNode,
  fitView,
  openExpandMenu,
  select,
  selectArea,
  selectNode,
  setAreaMode,
  setExplorer,
  setSettings,
  useCommunities,
  useExplorer,
  useExportTitle,
  useModel,
  useNodeStyles,
  useSizes,
  toggleMulti,
  zoomBy,
} from '../../../core/explorer';
import { AreaSelectController, type AreaShape } from '../../../graph/AreaSelectController';
import { CameraController } from '../../../graph/CameraController';
import { DataController } from '../../../graph/DataController';
import { EventsController } from '../../../graph/EventsController';
import { LayoutController } from '../../../graph/LayoutController';
import { ReducersController } from '../../../graph/ReducersController';
import { SIGMA_SETTINGS } from '../../../graph/settings';
import { avoidNodes } from '../../../graph/labels';
import { moreHandleAnchor } from '../../../state/render';
import { sourcesFootnote } from '../../../utils/export';
import { useSnapshotLegend } from './legend';
import { useVisibleSources } from './snapshotView';

// canvas events: a click on a "+N more" handle loads the next page of its anchor; a double-click expands
const onClickNode = (id: string, shift: boolean) => {
  const anchor = moreHandleAnchor(id);
  if (anchor) void expandNode(anchor);
  else if (shift) toggleMulti(id);
  else selectNode(id);
};
const onRightClickNode = (id: string, x: number, y: number) => {
  if (!moreHandleAnchor(id)) openExpandMenu(id, x, y);
};
const onDoubleClickNode = (id: string) => void expandNode(moreHandleAnchor(id) ?? id);
const onClickEdge = (id: string) => {
  if (!id.endsWith('#edge')) select({ kind: 'edge', id });
};
const onClickStage = () => select(null);
const onLayoutStopped = (positions: Parameters<typeof applyLayout>[1]) => applyLayout('ForceAtlas2', positions);
const setSigma = (sigma: Sigma | null) => {
  // labels keep off the other nodes' discs too (graph/labels.ts)
  if (sigma) avoidNodes(sigma);
  setExplorer({ sigma });
};
const zoomIn = () => zoomBy(1.5);
const zoomOut = () => zoomBy(1 / 1.5);
const leavePresentation = () => setSettings({ presenting: false });
const leaveArea = () => setAreaMode(null);
const setAreaShape = (shape: AreaShape) => setAreaMode(shape);

/** The sigma canvas with its render-nothing controllers, and the presentation overlay. */
export function GraphCanvas() {
  const graph = useMemo(() => new MultiDirectedGraph(), []);
  const model = useModel();
  const sizes = useSizes();
  const comms = useCommunities();
  const selection = useExplorer((s) => s.selection);
  const path = useExplorer((s) => s.path);
  const among = useExplorer((s) => s.among);
  const multi = useExplorer((s) => s.multi);
  const styles = useNodeStyles();
  const layoutRunning = useExplorer((s) => s.layoutRunning);
  const camera = useExplorer((s) => s.camera);
  const presenting = useExplorer((s) => s.presenting);
  const sigma = useExplorer((s) => s.sigma);
  const area = useExplorer((s) => s.area);
  const title = useExportTitle();
  const sources = useVisibleSources();
  const appearance = useMemo(
    () => ({
      sizes,
      communities: comms,
      selectedNode: selection?.kind === 'node' ? selection.id : null,
      selectedEdge: selection?.kind === 'edge' ? selection.id : null,
      path: path ?? among,
      multi,
      styles,
    }),
    [sizes, comms, selection, path, among, multi, styles],
  );

  // presentation: bigger labels through sigma's settings (SIGMA_SETTINGS stays as it is: a new settings object
  // would make @react-sigma build a new sigma), and a little more room around the graph for the overlay's boxes
  // (the camera comes back on leaving)
  useEffect(() => {
    if (!sigma) return;
    const big = presentationSettings({ labelSize: SIGMA_SETTINGS.labelSize ?? 12 }, window.innerWidth);
    sigma.setSetting('labelSize', presenting ? big.labelSize : (SIGMA_SETTINGS.labelSize ?? 12));
    sigma.setSetting(
      'labelRenderedSizeThreshold',
      presenting ? big.labelRenderedSizeThreshold : (SIGMA_SETTINGS.labelRenderedSizeThreshold ?? 4),
    );
    sigma.refresh();
    if (!presenting) return;
    // the canvas shrinks into the room the overlay's title, legend and footnote leave (screens.css): once the
    // page has laid it out, sigma takes the new size and the camera frames the picture with its labels
    const camera = sigma.getCamera();
    const before = camera.getState();
    const frame = requestAnimationFrame(() => {
      sigma.resize();
      fitView();
    });
    return () => {
      cancelAnimationFrame(frame);
      requestAnimationFrame(() => {
        sigma.resize();
        camera.setState(before);
      });
    };
  }, [sigma, presenting]);
  // the select-area bar comes and goes over the canvas: the labels are placed again, out from under it
  useEffect(() => {
    sigma?.refresh();
  }, [sigma, area]);
  // the legend of what is drawn (communities, colour rules' values, labels), as the exports have it
  const presentationLegend = useSnapshotLegend();

  const Hook = testHooks()?.Explorer;
  return (
    <>
      {/* the canvas takes focus (Tab, or the skip link) and then the explorer's keys: E, C, H, P, M, L, ? */}
      <div
        id="graph-canvas"
        className="graph-focus"
        tabIndex={0}
        role="application"
        aria-label="Graph canvas. Keys: E expand, C collapse, H hide, P present, M who met whom, ? all shortcuts"
      >
        <SigmaContainer
          ref={setSigma}
          graph={graph}
          settings={SIGMA_SETTINGS}
          className="sigma"
          style={{ width: '100%', height: '100%' }}
        >
          <DataController model={model} syncPositions={!layoutRunning} />
          <ReducersController {...appearance} />
          <EventsController
            onClickNode={onClickNode}
            onRightClickNode={onRightClickNode}
            onDoubleClickNode={onDoubleClickNode}
            onClickEdge={onClickEdge}
            onClickStage={onClickStage}
          />
          <LayoutController running={layoutRunning} onStopped={onLayoutStopped} />
          <CameraController request={camera} />
          <AreaSelectController mode={presenting ? null : area} onSelect={selectArea} onLeave={leaveArea} />
          {Hook && <Hook />}
        </SigmaContainer>
        <ZoomControls onZoomIn={zoomIn} onZoomOut={zoomOut} onFit={fitView} />
        {area && !presenting && <AreaSelectBar shape={area} onShape={setAreaShape} onDone={leaveArea} />}
      </div>
      {presenting && (
        <PresentationOverlay
          title={title}
          caption=""
          legend={presentationLegend}
          footnote={sourcesFootnote(sources)}
          onExit={leavePresentation}
        />
      )}
    </>
  );
}
