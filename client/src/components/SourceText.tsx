import type { SourceDetails } from '../../../contract';
import { sourceLine } from './Evidence';

/** Splits a text around the first occurrence of a quote: [before, quote, after], or null when it is not there. */
export function splitAtQuote(text: string, quote: string): [string, string, string] | null {
  const i = quote ? text.indexOf(quote) : -1;
  if (i < 0) return null;
  return [text.slice(0, i), quote, text.slice(i + quote.length)];
}

/** A source's text with the quote in a <mark>, built from text nodes only. */
export function SourceText({ source, quote }: { source: SourceDetails; quote: string }) {
  const parts = splitAtQuote(source.text, quote);
  return (
    <article className="source-text" aria-label={`Text of ${source.name}`}>
      <p className="muted">{sourceLine(source, source.id)}</p>
      {!parts && <p className="warning">The quote was not found in this text.</p>}
      <div className="source-body">
        {parts ? (
          <>
            {parts[0]}
            <mark ref={(el) => el?.scrollIntoView({ block: 'center' })}>{parts[1]}</mark>
            {parts[2]}
          </>
        ) : (
          source.text
        )}
      </div>
    </article>
  );
}
