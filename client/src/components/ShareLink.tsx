import { useState, type ReactNode } from 'react';

/**
 * "Share": copies the link of the view; when the view is too big for a link, says why and offers what `tooBig`
 * holds instead (the explorer puts its Save snapshot button there). Props only.
 */
export function ShareLink({
  link,
  fits,
  limit,
  tooBig,
}: {
  link: string;
  fits: boolean;
  limit: number;
  tooBig: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const share = () => {
    setOpen((o) => !o);
    setCopied(null);
    if (!fits) return;
    void navigator.clipboard?.writeText(link).then(
      () => setCopied('Link copied.'),
      () => setCopied('Copy the link below.'),
    );
  };
  return (
    <span className="share">
      <button type="button" className="button" aria-expanded={open} onClick={share}>
        Share
      </button>
      {open && (
        <div className="share-pop" role="dialog" aria-label="Share this view">
          {fits ? (
            <>
              <p role="status">{copied ?? 'The link reopens this view: layout, sizes, colours, nodes, path.'}</p>
              <input
                className="share-link"
                readOnly
                value={link}
                aria-label="Link to this view"
                onFocus={(e) => e.target.select()}
              />
            </>
          ) : (
            <>
              <p role="status">
                This view is too big for a link: its address would be {link.length.toLocaleString('en')} characters, and
                links over {limit.toLocaleString('en')} are cut by mail, chat and some servers. Save a snapshot instead;
                its link is short and reopens the same picture.
              </p>
              {tooBig}
            </>
          )}
        </div>
      )}
    </span>
  );
}
