/**
 * The researcher's Cypher console: an editor with Cypher highlighting and completion from the live schema
 * (@neo4j-cypher/react-codemirror), Ctrl+Enter to run, a JSON parameters editor, history in localStorage, the
 * query library, and results as a graph (the explorer's sigma settings and colours), a table or raw JSON.
 * Graph data is shown as React text only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CypherEditor } from '@neo4j-cypher/react-codemirror';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import type { CypherResponse, CypherSchemaResponse, LibraryQuery } from '../../../../contract';
import { cypherApi, CypherRequestError } from '../../api/cypher';
import { navigate } from '../../app/router';
import {
  addToHistory,
  copyAsCurl,
  copyForBrowser,
  decodeHistory,
  HISTORY_KEY,
  inlineParams,
  parseParams,
  type HistoryEntry,
} from '../../state/console';
import { explorerHref } from '../../state/console';
import { errorHeading } from '../../utils/words';
import { ResultGraph } from './ResultGraph';
import { ResultTable } from './ResultTable';
import './console.css';

type Tab = 'graph' | 'table' | 'json';

interface ErrorState {
  code: string;
  message: string;
  position: { line: number; column: number; offset: number } | null;
  /** the query the error is about (positions refer to it) */
  query: string;
}

const DEFAULT_QUERY = 'MATCH (p:Person)-[r:ATTENDED]->(m:Meeting)\nRETURN p, r, m\nLIMIT 25';

function loadHistory(): HistoryEntry[] {
  try {
    return decodeHistory(window.localStorage.getItem(HISTORY_KEY));
  } catch {
    return [];
  }
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The last query run and its result, kept as long as the page (like the explorer's store): leaving the console
 * ("Open in explorer", another page) and coming back with Back shows the same result, next to the history.
 */
let kept: { query: string; params: string; result: CypherResponse; tab: Tab } | null = null;

export default function ConsoleView() {
  const [history, setHistory] = useState<HistoryEntry[]>(loadHistory);
  const [query, setQuery] = useState<string>(() => kept?.query ?? history[0]?.query ?? DEFAULT_QUERY);
  const [paramsText, setParamsText] = useState<string>(() => kept?.params ?? history[0]?.params ?? '{}');
  const [result, setResult] = useState<CypherResponse | null>(() => kept?.result ?? null);
  const [error, setError] = useState<ErrorState | null>(null);
  const [running, setRunning] = useState(false);
  const [tab, setTab] = useState<Tab>(() => kept?.tab ?? 'table');
  const [library, setLibrary] = useState<LibraryQuery[]>([]);
  const [schema, setSchema] = useState<CypherSchemaResponse | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => {
    if (kept) kept = { ...kept, tab };
  }, [tab]);
  const stateRef = useRef({ query, paramsText });
  useEffect(() => {
    stateRef.current = { query, paramsText };
  }, [query, paramsText]);

  useEffect(() => {
    const ac = new AbortController();
    cypherApi
      .library(ac.signal)
      .then((r) => setLibrary(r.queries))
      .catch(() => setLibrary([]));
    cypherApi
      .schema(ac.signal)
      .then(setSchema)
      .catch(() => setSchema(null));
    return () => ac.abort();
  }, []);

  useEffect(() => {
    try {
      window.localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch {
      /* storage full or disabled: history stays in memory */
    }
  }, [history]);

  const run = useCallback(async (q?: string, p?: string) => {
    const text = q ?? stateRef.current.query;
    const ptext = p ?? stateRef.current.paramsText;
    const parsed = parseParams(ptext);
    if (!parsed.ok) {
      setError({ code: 'bad_params', message: parsed.message, position: null, query: text });
      return;
    }
    abortRef.current?.abort();
    const ac = new AbortController();
    abortRef.current = ac;
    setRunning(true);
    setError(null);
    setNotice(null);
    setHistory((h) => addToHistory(h, { query: text, params: ptext, at: Date.now() }));
    try {
      const res = await cypherApi.run(text, parsed.params, ac.signal);
      setResult(res);
      kept = { query: text, params: ptext, result: res, tab: 'table' };
      setTab((t) => (t === 'graph' && res.graph.nodes.length === 0 ? 'table' : t));
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      const e = err instanceof CypherRequestError ? err : null;
      setResult(null);
      setError({
        code: e?.code ?? 'error',
        message: (err as Error).message,
        position: e?.position ?? null,
        query: text,
      });
    } finally {
      if (abortRef.current === ac) {
        abortRef.current = null;
        setRunning(false);
      }
    }
  }, []);

  const cancel = () => {
    abortRef.current?.abort();
    abortRef.current = null;
    setRunning(false);
    setNotice('Cancelled: the server rolls the query back.');
  };

  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      void run();
    }
  };

  const pickLibrary = (q: LibraryQuery) => {
    const p = JSON.stringify(q.params, null, 2);
    setQuery(q.text);
    setParamsText(p);
    void run(q.text, p);
  };

  const copyAs = async (kind: string) => {
    const parsed = parseParams(paramsText);
    const params = parsed.ok ? parsed.params : {};
    const text =
      kind === 'browser'
        ? copyForBrowser(query, params)
        : kind === 'inline'
          ? inlineParams(query, params)
          : copyAsCurl(window.location.origin, query, params);
    const ok = await copy(text);
    setNotice(ok ? 'Copied to the clipboard.' : text);
  };

  const editorSchema = useMemo(
    () =>
      schema
        ? {
            labels: schema.labels.map((l) => `:${l}`),
            relationshipTypes: schema.relationshipTypes.map((t) => `:${t}`),
            propertyKeys: schema.propertyKeys,
          }
        : undefined,
    [schema],
  );

  const nodeIds = result?.graph.nodes.map((n) => n.id) ?? [];
  const examples = library.filter((q) => q.expect.length > 0);
  const internal = library.filter((q) => q.expect.length === 0);

  return (
    <main className="console" aria-label="Cypher console">
      <aside className="console-side">
        <section>
          <h2 className="section-title">Query library</h2>
          <LibraryList queries={examples} onPick={pickLibrary} testId="console-library" />
          {internal.length > 0 && (
            <details>
              <summary className="muted small">Queries the server uses ({internal.length})</summary>
              <LibraryList queries={internal} onPick={pickLibrary} />
            </details>
          )}
        </section>
        <section>
          <h2 className="section-title">History</h2>
          {history.length === 0 && <p className="muted small">Queries you run appear here.</p>}
          <ul className="console-list" data-testid="console-history">
            {history.map((h) => (
              <li key={`${h.at}-${h.query}`}>
                <button
                  type="button"
                  className="link-button console-history-item"
                  title={new Date(h.at).toLocaleString()}
                  onClick={() => {
                    setQuery(h.query);
                    setParamsText(h.params);
                  }}
                >
                  {h.query.length > 80 ? `${h.query.slice(0, 79)}…` : h.query}
                </button>
              </li>
            ))}
          </ul>
          {history.length > 0 && (
            <button type="button" className="link-button small" onClick={() => setHistory([])}>
              Clear history
            </button>
          )}
        </section>
      </aside>

      <section className="console-main">
        <div className="console-inputs">
          <div className="console-editor" onKeyDownCapture={onKeyDownCapture} data-testid="console-editor">
            <CypherEditor
              value={query}
              onValueChanged={(v: string) => setQuery(v)}
              {...(editorSchema ? { schema: editorSchema } : {})}
              lineNumbers
              lineWrapping
              // the editor's own parser flags queries the server runs (e.g. `type(r)` in "Meetings by issue"):
              // the server is the judge, and its errors come back with their line and column (ErrorBox)
              lint={false}
              autofocus
              placeholder="MATCH (n) RETURN n LIMIT 25"
              theme="light"
            />
          </div>
          <label className="console-params">
            <span className="field-label">Parameters (JSON)</span>
            <textarea
              value={paramsText}
              spellCheck={false}
              onChange={(e) => setParamsText(e.target.value)}
              onKeyDownCapture={onKeyDownCapture}
              aria-label="Parameters as JSON"
              data-testid="console-params"
            />
          </label>
        </div>
        <div className="console-toolbar">
          <button
            type="button"
            className="button"
            onClick={() => void run()}
            disabled={running}
            data-testid="console-run"
          >
            {running ? 'Running…' : 'Run'} <span className="muted small">Ctrl+Enter</span>
          </button>
          {running && (
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          )}
          <select
            aria-label="Copy as"
            value=""
            onChange={(e) => {
              if (e.target.value) void copyAs(e.target.value);
            }}
          >
            <option value="">Copy as…</option>
            <option value="browser">Cypher with :param lines (Neo4j Browser)</option>
            <option value="inline">Cypher with parameters inlined</option>
            <option value="curl">curl call of the API</option>
          </select>
          {result && nodeIds.length > 0 && (
            <a
              className="button"
              href={explorerHref(nodeIds)}
              onClick={(e) => {
                e.preventDefault();
                navigate(explorerHref(nodeIds));
              }}
            >
              Open in explorer
            </a>
          )}
        </div>
        {notice && <pre className="console-notice small">{notice}</pre>}
        {error && <ErrorBox error={error} />}
        {result && (
          <div className="console-results">
            <div className="console-tabs segmented" role="tablist">
              {(['graph', 'table', 'json'] as Tab[]).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  className={tab === t ? 'active' : ''}
                  onClick={() => setTab(t)}
                  data-testid={`console-tab-${t}`}
                >
                  {t === 'graph' ? `Graph (${result.graph.nodes.length})` : t === 'table' ? 'Table' : 'JSON'}
                </button>
              ))}
              <span className="muted small console-summary" data-testid="console-summary">
                {result.summary.rowCount} row{result.summary.rowCount === 1 ? '' : 's'}
                {result.summary.truncated ? ` (cut at ${result.summary.maxRows})` : ''} ·{' '}
                {result.summary.resultAvailableAfterMs} ms
              </span>
            </div>
            <div className="console-result-body">
              {tab === 'graph' && <ResultGraph graph={result.graph} />}
              {tab === 'table' && <ResultTable columns={result.columns} rows={result.rows} />}
              {tab === 'json' && (
                <pre className="console-json" data-testid="console-json">
                  {JSON.stringify(result, null, 2)}
                </pre>
              )}
            </div>
          </div>
        )}
      </section>
    </main>
  );
}

function ErrorBox({ error }: { error: ErrorState }) {
  const pos = error.position;
  const line = pos ? (error.query.split('\n')[pos.line - 1] ?? '') : null;
  return (
    <div className="console-error" role="alert" data-testid="console-error">
      <strong>{errorHeading(error.code)}</strong>
      <pre>{error.message}</pre>
      {pos && line !== null && (
        <pre className="console-error-at" aria-label={`line ${pos.line}, column ${pos.column}`}>
          {`line ${pos.line}, column ${pos.column}:\n${line}\n${' '.repeat(Math.max(0, pos.column - 1))}^`}
        </pre>
      )}
    </div>
  );
}

/** A list of library queries, each a button that puts it in the editor. */
function LibraryList(p: { queries: LibraryQuery[]; onPick: (q: LibraryQuery) => void; testId?: string }) {
  return (
    <ul className="console-list" data-testid={p.testId}>
      {p.queries.map((q) => (
        <li key={q.name}>
          <button type="button" className="link-button" title={q.description} onClick={() => p.onPick(q)}>
            {q.title}
          </button>
        </li>
      ))}
    </ul>
  );
}
