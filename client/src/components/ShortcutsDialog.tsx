import { Modal } from './Modal';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: '/', what: 'Focus the search box' },
  { keys: 'Ctrl+Z', what: 'Undo (expand, collapse, hide, filter, layout)' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo' },
  { keys: 'E', what: 'Expand the selected node' },
  { keys: 'C', what: 'Collapse the selected node' },
  { keys: 'H', what: 'Hide the selected node' },
  { keys: '+ / -', what: 'Zoom in / out' },
  { keys: '0', what: 'Fit the graph (with room for its labels)' },
  { keys: 'T', what: 'Show or hide the data table' },
  { keys: 'Shift+click', what: 'Add a node to the selection (or take it out); right-click: Expand by' },
  { keys: 'Shift+drag', what: 'Add the nodes inside a box to the selection (Escape cancels; lasso: Select area)' },
  { keys: 'M', what: 'Switch the who-met-whom view' },
  { keys: 'L', what: 'Start or stop ForceAtlas2' },
  { keys: 'P', what: 'Presentation mode (Escape leaves it)' },
  { keys: 'Escape', what: 'Clear the selection and the path, close dialogs' },
  { keys: '?', what: 'Show this list' },
  { keys: 'Double-click a node', what: 'Expand it' },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
