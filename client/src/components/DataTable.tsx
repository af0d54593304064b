import type { KeyboardEvent, MouseEvent } from 'react';
import { count } from '../utils/words';

export interface DataColumn {
  key: string;
  title: string;
  numeric?: boolean;
}

export interface DataRow {
  id: string;
  cells: string[];
}

export interface DataTableProps {
  tab: 'nodes' | 'edges';
  counts: { nodes: number; edges: number };
  columns: DataColumn[];
  /** the rows to draw (already filtered, sorted and capped) */
  rows: DataRow[];
  /** how many rows pass the filters (more than drawn when capped) */
  matching: number;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
  filters: Record<string, string>;
  selected: ReadonlySet<string>;
  onTab: (tab: 'nodes' | 'edges') => void;
  onSort: (key: string) => void;
  onFilter: (key: string, text: string) => void;
  /** a row chosen: click or Enter; `shift` adds it to the selection (nodes) */
  onRow: (id: string, shift: boolean) => void;
  onClose: () => void;
}

/**
 * The data table (as Gephi Lite's): the nodes in view or the relationships drawn, one tab each; a click on a
 * header sorts by it (again: the other way), a text box under it keeps the rows containing that text; a row
 * click selects (shift adds), and the selection is highlighted. Values are drawn as text, never as HTML.
 */
export function DataTable(p: DataTableProps) {
  const rowKey = (id: string) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      p.onRow(id, e.shiftKey);
    }
  };
  const rowClick = (id: string) => (e: MouseEvent) => p.onRow(id, e.shiftKey);
  const what = p.tab === 'nodes' ? 'nodes' : 'relationships';
  return (
    <section className="data-table" aria-label="Data table">
      <div className="data-table-bar">
        <div role="tablist" aria-label="Table of">
          {(['nodes', 'edges'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={p.tab === t}
              className={p.tab === t ? 'tab active' : 'tab'}
              onClick={() => p.onTab(t)}
            >
              {t === 'nodes' ? `Nodes (${p.counts.nodes})` : `Relationships (${p.counts.edges})`}
            </button>
          ))}
        </div>
        <span className="muted small" role="status">
          {p.rows.length < p.matching
            ? `Showing the first ${p.rows.length} of ${p.matching} ${what}: filter to narrow them`
            : count(p.matching, what.slice(0, -1), what)}
        </span>
        <button type="button" className="link-button" onClick={p.onClose}>
          Close table ✕
        </button>
      </div>
      <div className="data-table-scroll">
        <table>
          <thead>
            <tr>
              {p.columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={p.sort?.key === c.key ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" className="th-sort" onClick={() => p.onSort(c.key)}>
                    {c.title}
                    <span aria-hidden="true">{p.sort?.key === c.key ? (p.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
            <tr className="filters">
              {p.columns.map((c) => (
                <th key={c.key} scope="col">
                  <input
                    type="search"
                    value={p.filters[c.key] ?? ''}
                    placeholder="filter"
                    aria-label={`Filter ${c.title}`}
                    onChange={(e) => p.onFilter(c.key, e.target.value)}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr
                key={r.id}
                tabIndex={0}
                aria-selected={p.selected.has(r.id)}
                className={p.selected.has(r.id) ? 'selected' : undefined}
                onClick={rowClick(r.id)}
                onKeyDown={rowKey(r.id)}
              >
                {r.cells.map((cell, i) => (
                  <td key={p.columns[i]!.key} className={p.columns[i]!.numeric ? 'num' : undefined} title={cell}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {p.rows.length === 0 && <p className="muted small data-table-empty">No {what} match the filters.</p>}
      </div>
    </section>
  );
}
