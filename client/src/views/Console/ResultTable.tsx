/** A console result as a table: sortable by clicking a header, copyable as tab-separated text. Text only. */
import { useMemo, useState } from 'react';
import type { CypherValue } from '../../../../contract';
import { cellText, nextSort, rowsAsTsv, sortRows, type SortState } from '../../state/console';

export function ResultTable({ columns, rows }: { columns: string[]; rows: Record<string, CypherValue>[] }) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [copied, setCopied] = useState(false);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(rowsAsTsv(columns, sorted));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  if (columns.length === 0) return <p className="muted console-empty">The query returned no columns.</p>;
  return (
    <div className="console-table-wrap">
      <button type="button" className="link-button small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy table (TSV)'}
      </button>
      <table className="console-table" data-testid="console-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} aria-sort={sort?.column === c ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="link-button" onClick={() => setSort((s) => nextSort(s, c))}>
                  {c}
                  {sort?.column === c ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{cellText(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">No rows.</p>}
    </div>
  );
}
