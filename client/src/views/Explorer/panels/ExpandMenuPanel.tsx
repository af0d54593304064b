import { ExpandMenu } from '../../../components/ExpandMenu';
import { closeExpandMenu, expandBy, expandNode, useData, useExplorer } from '../../../core/explorer';
import { nodeLabelRect } from '../../../graph/labelRect';
import { overlaps, placeMenu } from '../../../state/menu';

/**
 * The "Expand by" menu of the node it was opened on (right-click, or the details panel's "Expand by…"), placed
 * beside the node and its label as drawn (never over them), or beside the point it was opened at.
 */
export function ExpandMenuPanel() {
  const menu = useExplorer((s) => s.menu);
  const sigma = useExplorer((s) => s.sigma);
  const data = useData();
  if (!menu) return null;
  const id = menu.id;
  const drawn = sigma && nodeLabelRect(sigma, id);
  const screen = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
  // (a node scrolled off the canvas: beside the point it was opened at)
  const avoid = drawn && overlaps(drawn, screen) ? drawn : { left: menu.x, top: menu.y, right: menu.x, bottom: menu.y };
  return (
    <ExpandMenu
      nodeName={data.nodes[id]?.name ?? id}
      avoid={avoid}
      place={placeMenu}
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
