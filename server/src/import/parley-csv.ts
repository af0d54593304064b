/**
 * Parley's own two-file CSV shape, plus the optional sources.csv:
 * - nodes `id,label,name[,aliases][,description][,any column → property]` (aliases `;`-separated; `label` may
 *   hold several labels separated by `;`, the first is the node's key);
 * - relationships `source,target,type[,date][,quote][,source_id][,inferred][,inference_reason][,… → property]`;
 * - sources `id,name[,outlet][,published][,description],file` naming the `.txt` files given with the CSVs.
 * Property columns may name a type (`born:int`, `tags:string[]`); otherwise the type comes from the cells
 * (columns.ts). Pure: the caller reads the files.
 */
import { castCell, describeType, inferType, parseTypeName, type ColumnType } from './columns';
import type { CsvTable } from './csv';
import type { ColumnMapping, ImportNode, ImportRelationship, Problem, Properties } from './model';
import { setOwn } from './model';
import { idProblem, keyProblem, labelProblem, RESERVED_KEYS, typeProblem } from './names';

export interface SourceRow {
  id: string;
  name: string;
  outlet: string | null;
  published: string | null;
  description: string;
  file: string;
  line: number;
}

interface PropertyColumn {
  index: number;
  key: string;
  type: ColumnType;
}

/**
 * The types of the property columns whose header names none, when the caller already knows them (a streamed
 * file: from a first pass over every row, see stream.ts); absent, they are inferred from the table's rows.
 */
export type KnownTypes = ReadonlyMap<number, ColumnType>;

function propertyColumns(
  file: string,
  table: CsvTable,
  known: ReadonlySet<string>,
  problems: Problem[],
  types?: KnownTypes,
): PropertyColumn[] {
  const out: PropertyColumn[] = [];
  table.header.forEach((h, index) => {
    const [rawKey, typeName] = h.includes(':')
      ? [h.slice(0, h.indexOf(':')), h.slice(h.indexOf(':') + 1)]
      : [h, undefined];
    const key = rawKey!.trim();
    if (known.has(key.toLowerCase())) return;
    const bad =
      keyProblem(key) ??
      (RESERVED_KEYS.has(key) ? `the column ${JSON.stringify(key)} is set by Parley itself: rename it` : null);
    if (bad) {
      problems.push({ file, line: 1, column: index + 1, message: bad });
      return;
    }
    let type: ColumnType | undefined;
    if (typeName !== undefined) {
      type = parseTypeName(typeName);
      if (!type) {
        problems.push({
          file,
          line: 1,
          column: index + 1,
          message: `unknown column type ${JSON.stringify(typeName)}: use int, float, boolean, string, date or datetime, with [] for a list (e.g. "tags:string[]")`,
        });
        return;
      }
    } else if (types) {
      type = types.get(index) ?? { scalar: 'string', list: false };
    } else {
      type = inferType(table.rows.map((r) => r.cells[index] ?? ''));
    }
    out.push({ index, key, type });
  });
  return out;
}

function readProperties(
  file: string,
  line: number,
  cells: string[],
  cols: PropertyColumn[],
  problems: Problem[],
): Properties {
  const props: Properties = {};
  for (const c of cols) {
    const r = castCell(cells[c.index] ?? '', c.type);
    if ('error' in r) {
      problems.push({
        file,
        line,
        column: c.index + 1,
        message: `${c.key}: ${r.error} (the column is ${describeType(c.type)})`,
      });
    } else if (r.value !== null) setOwn(props, c.key, r.value);
  }
  return props;
}

function indexOf(table: CsvTable, name: string): number {
  return table.header.findIndex((h) => h.toLowerCase() === name);
}

const splitList = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const NODE_COLUMNS = new Set(['id', 'label', 'labels', 'name', 'aliases', 'description']);

/** The columns of a nodes or relationships file whose type comes from their cells (no `:type` in the header). */
export function untypedColumns(kind: 'nodes-csv' | 'relationships-csv', header: readonly string[]): number[] {
  const known = kind === 'nodes-csv' ? NODE_COLUMNS : REL_COLUMNS;
  const out: number[] = [];
  header.forEach((h, i) => {
    if (h.includes(':') || known.has(h.trim().toLowerCase())) return;
    out.push(i);
  });
  return out;
}

export function readNodesCsv(file: string, table: CsvTable, types?: KnownTypes) {
  const problems: Problem[] = [];
  const col = (n: string) => indexOf(table, n);
  const [iId, iName, iAliases, iDesc] = [col('id'), col('name'), col('aliases'), col('description')];
  const iLabel = col('label') >= 0 ? col('label') : col('labels');
  const props = propertyColumns(file, table, NODE_COLUMNS, problems, types);
  const nodes: ImportNode[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '') : '');
    const id = cell(iId).trim();
    const badId = idProblem(id);
    if (badId) problems.push({ file, line: row.line, column: iId + 1, message: badId });
    const labels = splitList(cell(iLabel));
    if (labels.length === 0)
      problems.push({
        file,
        line: row.line,
        column: iLabel + 1,
        message: 'the label is empty: give each node a label such as "Person"',
      });
    for (const l of labels) {
      const bad = labelProblem(l);
      if (bad) problems.push({ file, line: row.line, column: iLabel + 1, message: bad });
    }
    const name = cell(iName).trim();
    const properties = readProperties(file, row.line, row.cells, props, problems);
    nodes.push({
      id,
      labels,
      name: name === '' ? null : name,
      aliases: splitList(cell(iAliases)),
      description: cell(iDesc).trim() === '' ? null : cell(iDesc).trim(),
      properties,
      at: { file, line: row.line },
    });
  }
  const columns: ColumnMapping[] = table.header.map((h, i) => {
    const p = props.find((c) => c.index === i);
    const fixed: Record<string, string> = {
      id: 'id',
      label: 'labels (split on ;)',
      labels: 'labels (split on ;)',
      name: 'name',
      aliases: 'aliases (split on ;)',
      description: 'description',
    };
    return {
      column: h,
      mapsTo: p ? `property ${p.key} (${describeType(p.type)})` : (fixed[h.toLowerCase()] ?? 'ignored'),
    };
  });
  return { nodes, problems, columns };
}

const REL_COLUMNS = new Set(['source', 'target', 'type', 'quote', 'source_id', 'inferred', 'inference_reason']);

export function readRelationshipsCsv(file: string, table: CsvTable, types?: KnownTypes) {
  const problems: Problem[] = [];
  const col = (n: string) => indexOf(table, n);
  const [iS, iT, iType, iQuote, iSrc, iInf, iReason] = [
    col('source'),
    col('target'),
    col('type'),
    col('quote'),
    col('source_id'),
    col('inferred'),
    col('inference_reason'),
  ];
  const props = propertyColumns(file, table, REL_COLUMNS, problems, types);
  // `date` is an ordinary property, but it must be a real date when given
  for (const p of props)
    if (p.key === 'date' && !table.header[p.index]!.includes(':')) p.type = { scalar: 'date', list: false };
  const relationships: ImportRelationship[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '') : '');
    const [source, target, type] = [cell(iS).trim(), cell(iT).trim(), cell(iType).trim()];
    if (source === '')
      problems.push({
        file,
        line: row.line,
        column: iS + 1,
        message: 'the source is empty: give the id of the start node',
      });
    if (target === '')
      problems.push({
        file,
        line: row.line,
        column: iT + 1,
        message: 'the target is empty: give the id of the end node',
      });
    const badType = typeProblem(type);
    if (badType) problems.push({ file, line: row.line, column: iType + 1, message: badType });
    const quote = cell(iQuote);
    const sourceId = cell(iSrc).trim();
    if (quote.trim() !== '' && sourceId === '') {
      problems.push({
        file,
        line: row.line,
        column: iSrc + 1 || iQuote + 1,
        message:
          'a quote needs its source_id: name the source (a .txt file name without .txt, or an id from sources.csv)',
      });
    }
    if (sourceId !== '' && quote.trim() === '') {
      problems.push({
        file,
        line: row.line,
        column: iQuote + 1 || iSrc + 1,
        message: 'a source_id needs the quote it supports: copy the exact words from the source text',
      });
    }
    const inferredCell = cell(iInf).trim().toLowerCase();
    if (inferredCell !== '' && inferredCell !== 'true' && inferredCell !== 'false') {
      problems.push({ file, line: row.line, column: iInf + 1, message: 'inferred must be true, false or empty' });
    }
    const inferred = inferredCell === 'true';
    const reason = cell(iReason).trim();
    if (inferred && reason === '') {
      problems.push({
        file,
        line: row.line,
        column: iInf + 1,
        message: 'an inferred relationship needs an inference_reason saying why it is implied but not stated',
      });
    }
    relationships.push({
      type,
      source,
      target,
      properties: readProperties(file, row.line, row.cells, props, problems),
      evidence: quote.trim() !== '' && sourceId !== '' ? [{ source: sourceId, quote }] : [],
      inferred,
      inferenceReason: inferred ? reason : null,
      at: { file, line: row.line },
    });
  }
  const fixed: Record<string, string> = {
    source: 'start node id',
    target: 'end node id',
    type: 'relationship type',
    quote: 'evidence quote',
    source_id: 'evidence source id',
    inferred: 'inferred',
    inference_reason: 'inference reason',
  };
  const columns: ColumnMapping[] = table.header.map((h, i) => {
    const p = props.find((c) => c.index === i);
    return {
      column: h,
      mapsTo: p ? `property ${p.key} (${describeType(p.type)})` : (fixed[h.toLowerCase()] ?? 'ignored'),
    };
  });
  return { relationships, problems, columns };
}

export function readSourcesCsv(file: string, table: CsvTable) {
  const problems: Problem[] = [];
  const col = (n: string) => indexOf(table, n);
  const [iId, iName, iOutlet, iPub, iDesc, iFile] = [
    col('id'),
    col('name'),
    col('outlet'),
    col('published'),
    col('description'),
    col('file'),
  ];
  const rows: SourceRow[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const id = cell(iId);
    const bad = idProblem(id);
    if (bad) problems.push({ file, line: row.line, column: iId + 1, message: bad });
    if (cell(iName) === '')
      problems.push({ file, line: row.line, column: iName + 1, message: 'the source needs a name' });
    const published = cell(iPub);
    if (published !== '' && 'error' in castCell(published, { scalar: 'date', list: false })) {
      problems.push({
        file,
        line: row.line,
        column: iPub + 1,
        message: `published ${JSON.stringify(published)} is not a date written YYYY-MM-DD (leave it empty when unknown)`,
      });
    }
    if (cell(iFile) === '')
      problems.push({
        file,
        line: row.line,
        column: iFile + 1,
        message: 'name the .txt file that holds the source text',
      });
    rows.push({
      id,
      name: cell(iName),
      outlet: cell(iOutlet) || null,
      published: published || null,
      description: cell(iDesc),
      file: cell(iFile),
      line: row.line,
    });
  }
  const columns: ColumnMapping[] = table.header.map((h) => ({
    column: h,
    mapsTo: ['id', 'name', 'outlet', 'published', 'description', 'file'].includes(h.toLowerCase())
      ? `source ${h.toLowerCase()}`
      : 'ignored',
  }));
  return { rows, problems, columns };
}
