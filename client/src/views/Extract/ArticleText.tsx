import { useEffect, useMemo, useRef } from 'react';
import { highlight } from './review';

/** The article with every proposal's quote in a <mark> (React text, never HTML); the current one's marked apart. */
export function ArticleText(props: { title: string; text: string; quotes: string[]; activeQuotes: string[] }) {
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
              {p.text}
            </mark>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </div>
    </section>
  );
}
