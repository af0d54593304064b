import { Modal } from '../../../components/Modal';
import { ShortcutsDialog } from '../../../components/ShortcutsDialog';
import { SourceText } from '../../../components/SourceText';
import { closeSourceDialog, setSettings, useExplorer } from '../../../core/explorer';

/** The source text (with the quote highlighted) and the keyboard shortcuts. */
export function Dialogs() {
  const dialog = useExplorer((s) => s.sourceDialog);
  const shortcutsOpen = useExplorer((s) => s.shortcutsOpen);
  return (
    <>
      <Modal title="Source" open={dialog !== null} onClose={closeSourceDialog} wide>
        {dialog?.error && <p className="error">{dialog.error}</p>}
        {!dialog?.source && !dialog?.error && <p className="muted">Loading…</p>}
        {dialog?.source && <SourceText source={dialog.source} quote={dialog.quote} />}
      </Modal>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setSettings({ shortcutsOpen: false })} />
    </>
  );
}
