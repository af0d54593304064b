import { useEffect, useMemo, useRef } from 'react';
import { highlight } from '../../state/extract/review';

/** `text` with every occurrence of a term in <strong> (React elements, never HTML). */
function emphasise(text: string, terms: string[]) {
  const words = terms.filter((t) => t.trim().length > 1).sort((a, b) => b.length - a.length);
  if (words.length === 0) return text;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text
    .split(new RegExp(`(${escaped.join('|')})`, 'g'))
    .map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : part));
}

/** The article with every proposal's quote in a <mark> (React text, never HTML); the current one's marked apart. */
export function ArticleText(props: {
  title: string;
  text: string;
  quotes: string[];
  activeQuotes: string[];
  /** the current entity's name and aliases, set in bold inside its quotes */
  terms: string[];
}) {
  const pieces = useMemo(
    () => highlight(props.text, props.quotes, props.activeQuotes),
    [props.text, props.quotes, props.activeQuotes],
  );
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('mark.active')?.scrollIntoView({ block: 'nearest' });
  }, [pieces]);
  return (
    <section className="extract-article" aria-label="Article">
      <h2>{props.title}</h2>
      <div className="extract-article-text" ref={ref}>
        {pieces.map((p, i) =>
          p.mark ? (
            <mark key={i} className={p.active ? 'active' : undefined}>
              {p.active ? emphasise(p.text, props.terms) : p.text}
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </div>
    </section>
  );
}
