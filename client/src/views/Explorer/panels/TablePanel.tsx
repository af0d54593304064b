import { useMemo, useState } from 'react';
import { DataTable, type DataColumn } from '../../../components/DataTable';
import { selectEdge, selectNode, toggleMulti, toggleTable, useExplorer, useTableRows } from '../../../core/explorer';
import {
  cellValue,
  filterRows,
  nextSort,
  propertyColumns,
  sortRows,
  TABLE_ROW_CAP,
  type EdgeRow,
  type NodeRow,
  type TableSort,
} from '../../../state/table';
import { humanKey } from '../../../utils/words';

const NO_FILTERS: Record<string, string> = {};
const NODE_COLUMNS: DataColumn[] = [
  { key: 'label', title: 'Label' },
  { key: 'name', title: 'Name' },
  { key: 'degree', title: 'Degree', numeric: true },
];
const EDGE_COLUMNS: DataColumn[] = [
  { key: 'type', title: 'Type' },
  { key: 'sourceName', title: 'From' },
  { key: 'targetName', title: 'To' },
  { key: 'basis', title: 'Basis' },
];

/** The data table beside the canvas: rows of what is drawn, linked to the selection both ways. */
export function TablePanel() {
  const rows = useTableRows();
  const multi = useExplorer((s) => s.multi);
  const selection = useExplorer((s) => s.selection);
  const [tab, setTab] = useState<'nodes' | 'edges'>('nodes');
  const [sorts, setSorts] = useState<Record<string, TableSort | null>>({ nodes: null, edges: null });
  const [filters, setFilters] = useState<Record<string, Record<string, string>>>({ nodes: {}, edges: {} });
  const sort = sorts[tab] ?? null;
  const tabFilters = filters[tab] ?? NO_FILTERS;

  const table = useMemo(() => {
    const all: (NodeRow | EdgeRow)[] = tab === 'nodes' ? rows.nodes : rows.edges;
    const fixed = tab === 'nodes' ? NODE_COLUMNS : EDGE_COLUMNS;
    const columns = [
      ...fixed,
      ...propertyColumns(all).map((k) => ({ key: `prop:${k}`, title: humanKey(k), numeric: false })),
    ];
    const kept = filterRows(all, tabFilters);
    const sorted = sort ? sortRows(kept, sort) : kept;
    const shown = sorted.slice(0, TABLE_ROW_CAP).map((r) => ({
      id: r.id,
      cells: columns.map((c) => String(cellValue(r, c.key) ?? '')),
    }));
    return { columns, rows: shown, matching: kept.length };
  }, [rows, tab, sort, tabFilters]);

  const selected = useMemo(() => {
    const ids = new Set(multi);
    if (selection) ids.add(selection.id);
    return ids;
  }, [multi, selection]);

  return (
    <DataTable
      tab={tab}
      counts={{ nodes: rows.nodes.length, edges: rows.edges.length }}
      columns={table.columns}
      rows={table.rows}
      matching={table.matching}
      sort={sort}
      filters={tabFilters}
      selected={selected}
      onTab={setTab}
      onSort={(key) => setSorts((s) => ({ ...s, [tab]: nextSort(s[tab] ?? null, key) }))}
      onFilter={(key, text) => setFilters((f) => ({ ...f, [tab]: { ...f[tab], [key]: text } }))}
      onRow={(id, shift) => {
        if (tab === 'edges') selectEdge(id);
        else if (shift) toggleMulti(id);
        else selectNode(id);
      }}
      onClose={toggleTable}
    />
  );
}
