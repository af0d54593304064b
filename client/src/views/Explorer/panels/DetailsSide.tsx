import { useMemo } from 'react';
import { EdgePanel, MetEdgePanel, NodePanel } from '../../../components/DetailsPanel';
import { MultiSelectPanel } from '../../../components/MultiSelectPanel';
import {
  clearSelectionAndPath,
  collapseNode,
  expandNode,
  expandSelected,
  hideSelected,
  openExpandMenu,
  showAmongSelected,
  hideNode,
  openSourceText,
  selectEdge,
  selectNode,
  setPathEnd,
  showNode,
  useData,
  useExplorer,
  useProjection,
  useView,
} from '../../../core/explorer';
import { useSourceCache, useSourceSummaries } from '../../../core/sources';
import { expansionOf, remaining } from '../../../state/expansion';
import { isMetEdgeId } from '../../../state/met';
import { keepVisible } from '../../../state/multiselect';

const NO_IDS: string[] = [];

/** What the server said about a who-met-whom pair, next to what this view counts. */
function checkText(count: number, weight: number): string {
  return count === weight
    ? `Checked with the server: ${count} shared meeting${count === 1 ? '' : 's'} in the whole graph.`
    : `The server counts ${count} shared meeting${count === 1 ? '' : 's'} in the whole graph (this view counts what is in view and in the time range).`;
}

/** The right panel: the selected node, relationship or who-met-whom pair, with the evidence and its sources. */
export function DetailsSide() {
  const selection = useExplorer((s) => s.selection);
  const details = useExplorer((s) => s.details);
  const busy = useExplorer((s) => s.busy);
  const metCheck = useExplorer((s) => s.metCheck);
  const data = useData();
  const view = useView();
  const projection = useProjection();
  const sources = useSourceCache();
  const multi = useExplorer((s) => s.multi);
  const among = useExplorer((s) => s.among);
  const picked = useMemo(
    () => keepVisible(multi, view.visible).map((id) => ({ id, name: data.nodes[id]?.name ?? id })),
    [multi, view.visible, data.nodes],
  );

  const selectedNodeId = selection?.kind === 'node' ? selection.id : null;
  const selectedEdge = selection?.kind === 'edge' && !isMetEdgeId(selection.id) ? data.edges[selection.id] : undefined;
  const selectedMetEdge =
    selection?.kind === 'edge' && isMetEdgeId(selection.id)
      ? projection?.edges.find((e) => e.id === selection.id)
      : undefined;
  // the sources of the evidence shown (outlet and date), fetched in one request
  const evidence = selectedEdge?.evidence ?? selectedMetEdge?.meetings.flatMap((m) => m.evidence);
  useSourceSummaries(evidence ? [...new Set(evidence.map((e) => e.sourceId))].sort() : NO_IDS);
  const names = useMemo(() => Object.fromEntries((projection?.nodes ?? []).map((n) => [n.id, n.name])), [projection]);

  const selectedNode = selectedNodeId
    ? ((details?.id === selectedNodeId ? details.details?.node : undefined) ?? data.nodes[selectedNodeId])
    : undefined;

  return (
    <aside className="panel right" aria-label="Details">
      {picked.length > 0 ? (
        <MultiSelectPanel
          nodes={picked}
          amongMessage={among?.message ?? null}
          busy={busy}
          onAmong={() => void showAmongSelected()}
          onHide={hideSelected}
          onExpand={() => void expandSelected()}
          onClear={clearSelectionAndPath}
          onSelectNode={selectNode}
        />
      ) : selection?.kind === 'node' && selectedNode ? (
        <NodePanel
          node={selectedNode}
          details={details?.id === selectedNode.id ? details.details : null}
          loading={details?.id === selectedNode.id && !details.details && !details.error}
          error={details?.id === selectedNode.id ? details.error : null}
          sources={sources}
          inView={view.visible.includes(selectedNode.id)}
          expanded={!!expansionOf(view, selectedNode.id)}
          remaining={remaining(view, selectedNode.id)}
          busy={busy}
          onExpand={() => void expandNode(selectedNode.id)}
          onExpandBy={(at) => openExpandMenu(selectedNode.id, at.x, at.y)}
          onMore={() => void expandNode(selectedNode.id)}
          onCollapse={() => collapseNode(selectedNode.id)}
          onHide={() => hideNode(selectedNode.id)}
          onShow={() => showNode(selectedNode)}
          onPathFrom={() => setPathEnd('from', { id: selectedNode.id, name: selectedNode.name })}
          onPathTo={() => setPathEnd('to', { id: selectedNode.id, name: selectedNode.name })}
          onSelectNode={selectNode}
          onSelectEdge={selectEdge}
          onOpenSource={openSourceText}
        />
      ) : selectedEdge ? (
        <EdgePanel
          edge={selectedEdge}
          source={data.nodes[selectedEdge.source]}
          target={data.nodes[selectedEdge.target]}
          sources={sources}
          onSelectNode={selectNode}
          onOpenSource={openSourceText}
        />
      ) : selectedMetEdge ? (
        <MetEdgePanel
          edge={selectedMetEdge}
          names={names}
          sources={sources}
          onSelectNode={selectNode}
          onOpenSource={openSourceText}
          serverCheck={metCheck?.id === selectedMetEdge.id ? checkText(metCheck.count, selectedMetEdge.weight) : null}
        />
      ) : (
        <div className="details empty">
          <h2 className="details-title">Details</h2>
          <p className="muted">
            Select a node or a relationship to see its properties and the quotes behind it. Double-click a node to
            expand it.
          </p>
        </div>
      )}
    </aside>
  );
}
