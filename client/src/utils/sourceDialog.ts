/**
 * The source-text dialog (a quote's whole source), opened from the explorer's details and from a snapshot's:
 * shown loading at once, then the text or the error; an answer that arrives after the dialog was closed, or
 * after another quote was opened, is dropped rather than reopening it. Pure but for the fetch it is given.
 */
import type { SourceDetails } from '../../../contract';

export interface SourceDialog {
  source: SourceDetails | null;
  quote: string;
  error: string | null;
}

/**
 * Opens the dialog through `show(next, ifStill)`: `show` sets `next`, but when `ifStill` is given only while the
 * dialog shown is still that one (the caller's store or React state holds it).
 */
export function openSourceDialog(
  quote: string,
  fetchSource: () => Promise<SourceDetails>,
  show: (next: SourceDialog, ifStill?: SourceDialog) => void,
  errorText: (err: unknown) => string = (err) => (err as Error).message,
): void {
  const opened: SourceDialog = { source: null, quote, error: null };
  show(opened);
  fetchSource().then(
    (source) => show({ source, quote, error: null }, opened),
    (err: unknown) => show({ source: null, quote, error: errorText(err) }, opened),
  );
}
