import { useState, type FormEvent } from 'react';
import './export.css';

export interface SaveSnapshotDialogProps {
  defaultTitle?: string;
  defaultCaption?: string;
  /** saves; rejects with an error whose `status` is 401 when the server wants a token */
  onSave: (values: { title: string; caption: string; token: string | null }) => Promise<void>;
  onCancel: () => void;
  /** once saved: the snapshot's full address, shown to copy or open (the dialog then only offers Close) */
  saved?: { url: string } | null;
}

/** Asks for a title and a caption (and the server's token, once it has asked for one), then saves. */
export function SaveSnapshotDialog({
  defaultTitle = '',
  defaultCaption = '',
  onSave,
  onCancel,
  saved = null,
}: SaveSnapshotDialogProps) {
  const [title, setTitle] = useState(defaultTitle);
  const [caption, setCaption] = useState(defaultCaption);
  const [token, setToken] = useState('');
  const [needsToken, setNeedsToken] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function copyLink(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      setCopied('Copying was not allowed: select the link and copy it.');
    }
  }

  if (saved) {
    return (
      <div className="save-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <div className="save-dialog" role="dialog" aria-modal="true" aria-label="Snapshot saved">
          <strong>Snapshot saved</strong>
          <label>
            Link to this snapshot
            <input
              readOnly
              autoFocus
              value={saved.url}
              aria-label="Snapshot link"
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          {copied && (
            <p className="muted" role="status">
              {copied}
            </p>
          )}
          <div className="actions">
            <a href={saved.url} target="_blank" rel="noopener noreferrer">
              Open
            </a>
            <button type="button" onClick={() => void copyLink(saved.url)}>
              Copy link
            </button>
            <button type="button" onClick={onCancel}>
              Close
            </button>
          </div>
        </div>
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give the snapshot a title.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave({ title: title.trim(), caption: caption.trim(), token: needsToken ? token : null });
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 401 && (err as { code?: unknown }).code !== 'sign_in_required') setNeedsToken(true);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="save-dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form
        className="save-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Save snapshot"
        onSubmit={(e) => void submit(e)}
      >
        <strong>Save snapshot</strong>
        <label>
          Title
          <input autoFocus value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Caption
          <textarea rows={3} value={caption} maxLength={5000} onChange={(e) => setCaption(e.target.value)} />
        </label>
        {needsToken && (
          <label>
            Token (PARLEY_TOKEN)
            <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  );
}

export default SaveSnapshotDialog;
