/**
 * CSV in the shape of `neo4j-admin database import`, as Neo4j users export it: nodes with `:ID` (optionally
 * named, `personId:ID`, and in an id space, `:ID(Person)`) and `:LABEL` (`;`-separated); relationships with
 * `:START_ID`, `:END_ID` (same id spaces) and `:TYPE`; typed columns `born:int`, `released:date`,
 * `tags:string[]` (lists split on `;`); `:IGNORE` columns skipped. As in neo4j-admin, a column without a type is
 * a string. One file per label or type works: without a `:LABEL` column the label is the id space, else the
 * file name; without `:TYPE` the type is the file name.
 *
 * Decision: a node's Parley `id` is `<id space>:<id>` when the file names an id space (so `Person` 1 and
 * `Movie` 1 stay apart, as in neo4j-admin), else the id itself; a named id column also keeps the raw id as that
 * property. A `name` column is the node's name. Pure.
 */
import path from 'node:path';
import { castCell, describeType, parseTypeName, type ColumnType } from './columns';
import type { CsvTable } from './csv';
import type { ColumnMapping, ImportNode, ImportRelationship, Problem, Properties } from './model';
import { setOwn } from './model';
import { idProblem, keyProblem, labelProblem, RESERVED_KEYS, typeProblem } from './names';

type Column =
  | { kind: 'id'; key: string | null; space: string | null }
  | { kind: 'start' | 'end'; space: string | null }
  | { kind: 'label' | 'type' | 'ignore' }
  | { kind: 'property'; key: string; type: ColumnType };

const SPECIAL = /^(.*?):(ID|START_ID|END_ID|LABEL|TYPE|IGNORE)(?:\((.*)\))?$/i;

function readHeader(file: string, header: readonly string[], problems: Problem[]): Column[] {
  return header.map((h, i): Column => {
    const at = { file, line: 1, column: i + 1 };
    const m = SPECIAL.exec(h);
    if (m) {
      const key = m[1]!.trim();
      const kind = m[2]!.toUpperCase();
      const space = m[3]?.trim() || null;
      if (kind === 'ID') {
        const bad = key ? (keyProblem(key) ?? (key === 'id' ? null : null)) : null;
        if (bad) problems.push({ ...at, message: bad });
        return { kind: 'id', key: key && key !== 'id' ? key : null, space };
      }
      if (kind === 'START_ID') return { kind: 'start', space };
      if (kind === 'END_ID') return { kind: 'end', space };
      return { kind: kind === 'LABEL' ? 'label' : kind === 'TYPE' ? 'type' : 'ignore' };
    }
    const colon = h.lastIndexOf(':');
    const key = (colon > 0 ? h.slice(0, colon) : h).trim();
    const type = colon > 0 ? parseTypeName(h.slice(colon + 1)) : { scalar: 'string' as const, list: false };
    const bad =
      keyProblem(key) ??
      (RESERVED_KEYS.has(key) && key !== 'name'
        ? `the column ${JSON.stringify(key)} is set by Parley itself: rename it`
        : null);
    if (bad) problems.push({ ...at, message: bad });
    if (!type) {
      problems.push({
        ...at,
        message: `unknown column type in ${JSON.stringify(h)}: use int, long, float, double, boolean, string, date or datetime, with [] for a list`,
      });
      return { kind: 'ignore' };
    }
    return { kind: 'property', key, type };
  });
}

/** a label or type from a file name: `Person.csv`, `movies_ACTED_IN.csv` → `Person`, `ACTED_IN` after the last `-` or `.` */
function nameFromFile(file: string): string {
  const base = path
    .basename(file)
    .replace(/\.csv$/i, '')
    .replace(/[-_ ]header$/i, '');
  const parts = base.split(/[-.\s]+/).filter(Boolean);
  return parts[parts.length - 1] ?? base;
}

const qualify = (space: string | null, raw: string) => (space ? `${space}:${raw}` : raw);

function readProps(
  file: string,
  line: number,
  cells: string[],
  columns: Column[],
  problems: Problem[],
): { props: Properties; name: string | null } {
  const props: Properties = {};
  let name: string | null = null;
  columns.forEach((c, i) => {
    if (c.kind !== 'property') return;
    const r = castCell(cells[i] ?? '', c.type);
    if ('error' in r)
      problems.push({
        file,
        line,
        column: i + 1,
        message: `${c.key}: ${r.error} (the column is ${describeType(c.type)})`,
      });
    else if (r.value !== null) {
      if (c.key === 'name' && typeof r.value === 'string') name = r.value;
      else setOwn(props, c.key, r.value);
    }
  });
  return { props, name };
}

function mapping(header: readonly string[], columns: Column[]): ColumnMapping[] {
  return header.map((h, i) => {
    const c = columns[i]!;
    let mapsTo: string;
    if (c.kind === 'id')
      mapsTo = `id${c.space ? ` (id space ${c.space})` : ''}${c.key ? ` and property ${c.key}` : ''}`;
    else if (c.kind === 'start' || c.kind === 'end') {
      mapsTo = `${c.kind} node id${c.space ? ` (id space ${c.space})` : ''}`;
    } else if (c.kind === 'label') mapsTo = 'labels (split on ;)';
    else if (c.kind === 'type') mapsTo = 'relationship type';
    else if (c.kind !== 'property') mapsTo = 'ignored';
    else mapsTo = c.key === 'name' ? 'name' : `property ${c.key} (${describeType(c.type)})`;
    return { column: h, mapsTo };
  });
}

export function readAdminNodes(file: string, table: CsvTable) {
  const problems: Problem[] = [];
  const columns = readHeader(file, table.header, problems);
  const iId = columns.findIndex((c) => c.kind === 'id');
  const iLabel = columns.findIndex((c) => c.kind === 'label');
  const idCol = columns[iId] as Extract<Column, { kind: 'id' }> | undefined;
  if (!idCol) problems.push({ file, line: 1, message: 'a neo4j-admin node file needs an ":ID" column' });
  const fallbackLabel = idCol?.space ?? nameFromFile(file);
  if (iLabel < 0) {
    const bad = labelProblem(fallbackLabel);
    if (bad)
      problems.push({
        file,
        line: 1,
        message: `the file has no ":LABEL" column, so its label comes from ${idCol?.space ? 'the id space' : 'the file name'}, and ${bad}`,
      });
  }
  const nodes: ImportNode[] = [];
  for (const row of table.rows) {
    const raw = iId >= 0 ? (row.cells[iId] ?? '').trim() : '';
    const id = qualify(idCol?.space ?? null, raw);
    const bad = idProblem(raw);
    if (bad) problems.push({ file, line: row.line, column: iId + 1, message: bad });
    const labels =
      iLabel >= 0
        ? (row.cells[iLabel] ?? '')
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean)
        : [fallbackLabel];
    if (labels.length === 0)
      problems.push({
        file,
        line: row.line,
        column: iLabel + 1,
        message: 'the :LABEL cell is empty: give the node a label',
      });
    if (iLabel >= 0)
      for (const l of labels) {
        const b = labelProblem(l);
        if (b) problems.push({ file, line: row.line, column: iLabel + 1, message: b });
      }
    const { props, name } = readProps(file, row.line, row.cells, columns, problems);
    if (idCol?.key) setOwn(props, idCol.key, raw);
    nodes.push({ id, labels, name, aliases: [], description: null, properties: props, at: { file, line: row.line } });
  }
  return { nodes, problems, columns: mapping(table.header, columns) };
}

export function readAdminRelationships(file: string, table: CsvTable) {
  const problems: Problem[] = [];
  const columns = readHeader(file, table.header, problems);
  const iS = columns.findIndex((c) => c.kind === 'start');
  const iE = columns.findIndex((c) => c.kind === 'end');
  const iT = columns.findIndex((c) => c.kind === 'type');
  if (iS < 0 || iE < 0)
    problems.push({
      file,
      line: 1,
      message: 'a neo4j-admin relationship file needs both ":START_ID" and ":END_ID" columns',
    });
  const fallbackType = nameFromFile(file);
  if (iT < 0) {
    const bad = typeProblem(fallbackType);
    if (bad)
      problems.push({
        file,
        line: 1,
        message: `the file has no ":TYPE" column, so its type comes from the file name, and ${bad}`,
      });
  }
  const sSpace = iS >= 0 ? (columns[iS] as { space: string | null }).space : null;
  const eSpace = iE >= 0 ? (columns[iE] as { space: string | null }).space : null;
  const relationships: ImportRelationship[] = [];
  for (const row of table.rows) {
    const s = iS >= 0 ? (row.cells[iS] ?? '').trim() : '';
    const e = iE >= 0 ? (row.cells[iE] ?? '').trim() : '';
    if (iS >= 0 && s === '') problems.push({ file, line: row.line, column: iS + 1, message: 'the :START_ID is empty' });
    if (iE >= 0 && e === '') problems.push({ file, line: row.line, column: iE + 1, message: 'the :END_ID is empty' });
    const type = iT >= 0 ? (row.cells[iT] ?? '').trim() : fallbackType;
    if (iT >= 0) {
      const bad = typeProblem(type);
      if (bad) problems.push({ file, line: row.line, column: iT + 1, message: bad });
    }
    const { props, name } = readProps(file, row.line, row.cells, columns, problems);
    if (name !== null) setOwn(props, 'name', name);
    relationships.push({
      type,
      source: qualify(sSpace, s),
      target: qualify(eSpace, e),
      properties: props,
      evidence: [],
      inferred: false,
      inferenceReason: null,
      at: { file, line: row.line },
    });
  }
  return { relationships, problems, columns: mapping(table.header, columns) };
}
