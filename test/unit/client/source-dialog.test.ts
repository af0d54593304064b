import { describe, expect, it } from 'vitest';
import type { SourceDetails } from '../../../contract';
import { openSourceDialog, type SourceDialog } from '../../../client/src/utils/sourceDialog';

/** a dialog held as a store would hold it, and a fetch the test answers when it likes */
function harness() {
  let shown: SourceDialog | null = null;
  const pending: { resolve: (s: SourceDetails) => void; reject: (e: Error) => void }[] = [];
  const open = (quote: string) =>
    openSourceDialog(
      quote,
      () => new Promise<SourceDetails>((resolve, reject) => pending.push({ resolve, reject })),
      (next, ifStill) => {
        if (!ifStill || shown === ifStill) shown = next;
      },
    );
  return { open, pending, get: () => shown, close: () => (shown = null) };
}

const text = { id: 'source:x', text: 'The whole text.' } as unknown as SourceDetails;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('openSourceDialog', () => {
  it('shows the dialog loading, then the text', async () => {
    const h = harness();
    h.open('quote');
    expect(h.get()).toEqual({ source: null, quote: 'quote', error: null });
    h.pending[0]!.resolve(text);
    await settle();
    expect(h.get()).toEqual({ source: text, quote: 'quote', error: null });
  });

  it('drops an answer that arrives after the dialog closed or another quote opened', async () => {
    const h = harness();
    h.open('first');
    h.close();
    h.pending[0]!.resolve(text);
    await settle();
    expect(h.get()).toBeNull();
    h.open('second');
    h.open('third');
    h.pending[1]!.reject(new Error('late'));
    await settle();
    expect(h.get()).toEqual({ source: null, quote: 'third', error: null });
    h.pending[2]!.reject(new Error('Not found'));
    await settle();
    expect(h.get()).toEqual({ source: null, quote: 'third', error: 'Not found' });
  });
});
