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
  /** called with the saved snapshot's id and path (/s/<id>) */
  onSaved?: (saved: { id: string; url: string }) => void;
}

/** "Save snapshot": asks for a title and caption, stores the current view, and links to it. */
export function SaveSnapshotButton({ sigma, getView, defaultTitle, visibleOptions, onSaved }: SaveSnapshotButtonProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<{ id: string; url: string } | null>(null);
  return (
    <>
      <button type="button" disabled={!sigma} onClick={() => setOpen(true)}>
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
          onCancel={() => setOpen(false)}
          onSave={async ({ title, caption, token }) => {
            const doc = captureSnapshot(sigma, getView(), { title, caption }, visibleOptions);
            const res = await snapshotsApi.create(doc, token ?? snapshotToken.get());
            if (token) snapshotToken.set(token);
            setSaved({ id: res.id, url: res.url });
            setOpen(false);
            onSaved?.({ id: res.id, url: res.url });
          }}
        />
      )}
    </>
  );
}

export default SaveSnapshotButton;
