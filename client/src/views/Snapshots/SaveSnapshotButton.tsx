import { useState } from 'react';
import type Sigma from 'sigma';
import { SaveSnapshotDialog } from '../../components/export/SaveSnapshotDialog';
import { snapshotToken, snapshotsApi } from '../../api/snapshots';
import type { ViewStateForSnapshot } from '../../state/snapshots';
import type { VisibleOptions } from '../../utils/export';
import { captureSnapshot } from './capture';

export interface SaveSnapshotButtonProps {
  sigma: Sigma | null;
  /** the explorer's view state at the moment of saving */
  getView: () => ViewStateForSnapshot;
  defaultTitle?: string;
  visibleOptions?: VisibleOptions;
  /** class of the button (to match the toolbar it sits in) */
  buttonClassName?: string;
  /** called with the saved snapshot's id and path (/s/<id>) */
  onSaved?: (saved: { id: string; url: string }) => void;
}

/**
 * "Save snapshot": asks for a title and caption, stores the current view, then shows the snapshot's address in
 * the dialog (to copy or open) and keeps a link to it next to the button.
 */
export function SaveSnapshotButton({
  sigma,
  getView,
  defaultTitle,
  visibleOptions,
  buttonClassName,
  onSaved,
}: SaveSnapshotButtonProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<{ id: string; url: string } | null>(null);
  const [justSaved, setJustSaved] = useState<{ id: string; url: string } | null>(null);
  const close = () => {
    setOpen(false);
    setJustSaved(null);
  };
  return (
    <>
      <button type="button" className={buttonClassName} disabled={!sigma} onClick={() => setOpen(true)}>
        Save snapshot
      </button>
      {saved && (
        <a className="snapshot-saved-link" href={saved.url}>
          Saved: {saved.url}
        </a>
      )}
      {open && sigma && (
        <SaveSnapshotDialog
          {...(defaultTitle ? { defaultTitle } : {})}
          saved={justSaved ? { url: new URL(justSaved.url, window.location.origin).href } : null}
          onCancel={close}
          onSave={async ({ title, caption, token }) => {
            const doc = captureSnapshot(sigma, getView(), { title, caption }, visibleOptions);
            const res = await snapshotsApi.create(doc, token ?? snapshotToken.get());
            if (token) snapshotToken.set(token);
            setSaved({ id: res.id, url: res.url });
            setJustSaved({ id: res.id, url: res.url });
            onSaved?.({ id: res.id, url: res.url });
          }}
        />
      )}
    </>
  );
}

export default SaveSnapshotButton;
