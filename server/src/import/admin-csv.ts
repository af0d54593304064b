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
import { setOwn, type ImportSource } from './model';
import { idProblem, keyProblem, labelProblem, RESERVED_KEYS, typeProblem } from './names';

type Column =
  | { kind: 'id'; key: string | null; space: string | null }
  | { kind: 'start' | 'end'; space: string | null }
  | { kind: 'label' | 'type' | 'ignore' }
  | { kind: 'property'; key: string; type: ColumnType }
  /** a column holding one of Parley's own fields (see PARLEY_NODE_KEYS, PARLEY_RELATIONSHIP_KEYS) */
  | { kind: 'parley'; key: string; type: ColumnType };

/**
 * Parley's own fields, accepted in neo4j-admin files as the columns a database written by Parley exports:
 * nodes `aliases:string[]`, `description`; relationships `id` (must be Parley's key `source|TYPE|target`),
 * `quotes:string[]` with `sourceIds:string[]` (the evidence, pair by pair, checked against the sources like
 * any quote), `inferred:boolean`, `inferenceReason`. A `Source` node with a `text` column is a source.
 */
const PARLEY_NODE_KEYS = new Set(['aliases', 'description']);
const PARLEY_RELATIONSHIP_KEYS = new Set(['id', 'quotes', 'sourceIds', 'inferred', 'inferenceReason']);

const SPECIAL = /^(.*?):(ID|START_ID|END_ID|LABEL|TYPE|IGNORE)(?:\((.*)\))?$/i;

function readHeader(
  file: string,
  header: readonly string[],
  problems: Problem[],
  parleyKeys: ReadonlySet<string>,
): Column[] {
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
      (RESERVED_KEYS.has(key) && key !== 'name' && !parleyKeys.has(key)
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
    return { kind: parleyKeys.has(key) ? 'parley' : 'property', key, type };
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
): { props: Properties; name: string | null; parley: Properties } {
  const props: Properties = {};
  const parley: Properties = {};
  let name: string | null = null;
  columns.forEach((c, i) => {
    if (c.kind !== 'property' && c.kind !== 'parley') return;
    const r = castCell(cells[i] ?? '', c.type);
    if ('error' in r)
      problems.push({
        file,
        line,
        column: i + 1,
        message: `${c.key}: ${r.error} (the column is ${describeType(c.type)})`,
      });
    else if (r.value !== null) {
      if (c.kind === 'parley') setOwn(parley, c.key, r.value);
      else if (c.key === 'name' && typeof r.value === 'string') name = r.value;
      else setOwn(props, c.key, r.value);
    }
  });
  return { props, name, parley };
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
    else if (c.kind === 'parley') mapsTo = c.key;
    else if (c.kind !== 'property') mapsTo = 'ignored';
    else mapsTo = c.key === 'name' ? 'name' : `property ${c.key} (${describeType(c.type)})`;
    return { column: h, mapsTo };
  });
}

export function readAdminNodes(file: string, table: CsvTable) {
  const problems: Problem[] = [];
  const columns = readHeader(file, table.header, problems, PARLEY_NODE_KEYS);
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
    const { props, name, parley } = readProps(file, row.line, row.cells, columns, problems);
    if (idCol?.key) setOwn(props, idCol.key, raw);
    const aliases = Array.isArray(parley.aliases) ? parley.aliases.map(String) : [];
    const description = typeof parley.description === 'string' ? parley.description : null;
    nodes.push({ id, labels, name, aliases, description, properties: props, at: { file, line: row.line } });
  }
  return { nodes, problems, columns: mapping(table.header, columns) };
}

export function readAdminRelationships(file: string, table: CsvTable) {
  const problems: Problem[] = [];
  const columns = readHeader(file, table.header, problems, PARLEY_RELATIONSHIP_KEYS);
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
    const { props, name, parley } = readProps(file, row.line, row.cells, columns, problems);
    if (name !== null) setOwn(props, 'name', name);
    const at = { file, line: row.line };
    const source = qualify(sSpace, s);
    const target = qualify(eSpace, e);
    const col = (key: string) => columns.findIndex((c) => c.kind === 'parley' && c.key === key) + 1;
    if (typeof parley.id === 'string' && parley.id !== `${source}|${type}|${target}`) {
      problems.push({
        ...at,
        column: col('id'),
        message: `id ${JSON.stringify(parley.id)} is not this relationship's key ${JSON.stringify(`${source}|${type}|${target}`)} (start|TYPE|end): leave the column out or fix it`,
      });
    }
    const quotes = Array.isArray(parley.quotes) ? parley.quotes.map(String) : [];
    const sourceIds = Array.isArray(parley.sourceIds) ? parley.sourceIds.map(String) : [];
    if (quotes.length !== sourceIds.length) {
      problems.push({
        ...at,
        column: col('sourceIds') || col('quotes'),
        message: `${quotes.length} quote(s) but ${sourceIds.length} source id(s): give one source id per quote, in the same order`,
      });
    }
    const inferred = parley.inferred === true;
    const reason = typeof parley.inferenceReason === 'string' ? parley.inferenceReason : '';
    if (inferred && reason.trim() === '') {
      problems.push({
        ...at,
        column: col('inferred'),
        message: 'an inferred relationship needs an inferenceReason saying why it is implied but not stated',
      });
    }
    relationships.push({
      type,
      source,
      target,
      properties: props,
      evidence: quotes.map((quote, k) => ({ source: sourceIds[k] ?? '', quote })),
      inferred,
      inferenceReason: inferred ? reason : null,
      at,
    });
  }
  return { relationships, problems, columns: mapping(table.header, columns) };
}

/**
 * A `Source` node of a neo4j-admin file with a `text` column is a source (its quotes are checked against that
 * text, as a `.txt` file's would be): the node as an ImportSource, or null for any other node.
 */
export function adminSource(n: ImportNode): ImportSource | null {
  if (n.labels[0] !== 'Source' || typeof n.properties.text !== 'string') return null;
  const str = (k: string) => (typeof n.properties[k] === 'string' ? (n.properties[k] as string) : null);
  return {
    id: n.id,
    name: n.name ?? n.id,
    text: n.properties.text,
    outlet: str('outlet'),
    published: str('published'),
    description: n.description ?? '',
    at: n.at,
  };
}
