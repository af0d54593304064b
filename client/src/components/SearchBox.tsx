import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useLatest } from '../utils/useLatest';
import type { SearchHit } from '../../../contract';

export interface SearchBoxProps {
  /** the accessible name and visible label */
  label: string;
  placeholder?: string;
  /** runs a search; the box debounces keystrokes and drops stale answers */
  search: (q: string, signal: AbortSignal) => Promise<SearchHit[]>;
  onChoose: (hit: SearchHit) => void;
  /** clear the box after a choice (the main search) or show the chosen name (path ends) */
  clearOnChoose?: boolean;
}

/** A type-ahead combobox (ARIA 1.2 pattern): arrows move, Enter chooses, Escape closes. */
export function SearchBox({ label, placeholder, search, onChoose, clearOnChoose = true }: SearchBoxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ term: string; hits: SearchHit[]; status: string; failed?: boolean }>({
    term: '',
    hits: [],
    status: '',
  });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const searchRef = useLatest(search);
  const term = q.trim();
  const current = term.length >= 2 && result.term === term;
  const hits = current ? result.hits : [];
  const status = current ? result.status : '';

  useEffect(() => {
    if (term.length < 2) return;
    const ctl = new AbortController();
    const t = window.setTimeout(() => {
      searchRef
        .current(term, ctl.signal)
        .then((h) => {
          setResult({
            term,
            hits: h,
            status: h.length === 0 ? `No match for “${term}”.` : `${h.length} result${h.length === 1 ? '' : 's'}.`,
          });
          setActive(h.length > 0 ? 0 : -1);
        })
        .catch((err: unknown) => {
          if ((err as Error).name !== 'AbortError')
            setResult({ term, hits: [], status: `Search failed: ${(err as Error).message}`, failed: true });
        });
    }, 150);
    return () => {
      ctl.abort();
      window.clearTimeout(t);
    };
  }, [term, searchRef]);

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onChoose(hit);
    setOpen(false);
    setQ(clearOnChoose ? '' : hit.name);
    setResult({ term: '', hits: [], status: '' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (hits.length ? (a + 1) % hits.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (hits.length ? (a - 1 + hits.length) % hits.length : -1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0) {
        e.preventDefault();
        choose(hits[active]);
      }
    } else if (e.key === 'Escape') {
      if (open) e.stopPropagation();
      setOpen(false);
    }
  };

  const expanded = open && hits.length > 0;
  return (
    <div className="search">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={`${label} results`} className="search-results" hidden={!expanded}>
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(h)}
          >
            <span className="hit-name">{h.name}</span>
            <span className="hit-meta">
              {h.labels.join(', ')}
              {h.aliases.length > 0 ? ` · a.k.a. ${h.aliases.join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <span className="sr-only" role="status" aria-live="polite">
        {status}
      </span>
      {/* no match, or the server down: said on screen too, not only to screen readers */}
      {current && hits.length === 0 && status && (
        <p className={result.failed ? 'search-message error' : 'search-message'} data-testid="search-message">
          {status}
        </p>
      )}
    </div>
  );
}
