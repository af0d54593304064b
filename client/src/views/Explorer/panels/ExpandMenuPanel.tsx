import { ExpandMenu } from '../../../components/ExpandMenu';
import { closeExpandMenu, expandBy, expandNode, useData, useExplorer } from '../../../core/explorer';

/** The "Expand by" menu of the node it was opened on (right-click, or the details panel's "Expand by…"). */
export function ExpandMenuPanel() {
  const menu = useExplorer((s) => s.menu);
  const data = useData();
  if (!menu) return null;
  const id = menu.id;
  return (
    <ExpandMenu
      nodeName={data.nodes[id]?.name ?? id}
      x={menu.x}
      y={menu.y}
      choices={menu.choices}
      error={menu.error}
      onExpandAll={() => {
        closeExpandMenu();
        void expandNode(id);
      }}
      onChoose={(filter) => void expandBy(id, filter)}
      onClose={closeExpandMenu}
    />
  );
}
