/**
 * (Over 400 lines: the three passes share one set of per-batch checks and counters; split, each would re-declare
 * them.)
 *
 * The import engine's streamed path, for CSV files too large to hold (see open.ts for when it is taken):
 * the same checks, merge rules and all-or-nothing writer as the whole-set path (engine.ts), but no file and no
 * set of rows is ever held whole. Three passes over the files, each a stream of csv-parse batches:
 *
 * 1. `scanImportFiles` (no database): every row checked as the whole-set reader checks it, problems with file,
 *    line and column; the types of untyped columns inferred over every cell; the ids of the nodes kept as 64-bit
 *    hashes with their file and label (id-table.ts: 16–32 bytes a node, 25 MiB at a million nodes) and every
 *    relationship key in a Bloom filter (`RepeatedKeys`: 2–4 bytes a key, 16 MiB at 5 million), the only state
 *    that grows with the file; relationship ends and evidence sources the files do not define noted for the
 *    database check (at most a million of each). An id met twice is a suspect, confirmed (or, for two ids with
 *    the same hash, cleared) by reading the node files again for the suspects only.
 * 2. `checkScanAgainstDb`: those ends and sources, and ids stored under another label (the node files read
 *    again for their ids, only when the database holds data), looked up in batches.
 * 3. `previewScan` (read-only) or `runScan` (written in batches of `batchSize` rows under one import record,
 *    undone as a whole on failure: engine.ts's writeAllOrNothing).
 *
 * Decisions (the whole-set path differs): at most 10,000 problems are listed (then a count of the rest); the
 * same relationship stated twice is folded when both rows fall in one batch, and otherwise written as an update
 * of the first (evidence added, a differing value resolved by the rule) rather than reported as a problem (the
 * Bloom filter only says a key may be met twice, not where); possible duplicates are looked for among the first 20,000 new nodes.
 *
 * Decision (memory): the loader holds no map of ids to anything. Relationship writes find their ends by label
 * and `id` through the label's uniqueness index, in the batch's own transaction (repositories/imports.ts,
 * `readRelationships`), so the write pass keeps only the batches being filled (at most `batchSize` rows per pair
 * of end labels); the check pass keeps the hashed ids above, and the sources (their texts check every quote).
 * A hash collision can only let a missing end through the check: the write then finds no end, the batch fails
 * and the import is undone, so all or nothing holds (test/integration/import-faults.test.ts).
 */
import path from 'node:path';
import { quoteProblem } from '../dataset/schema';
import type { ImportsRepository } from '../repositories/imports';
import { adminSource, readAdminNodes, readAdminRelationships } from './admin-csv';
import { TypeGuess, type ColumnType } from './columns';
import { IdTable, RepeatedKeys } from './id-table';
import { readCsv, recogniseCsv, type CsvTable } from './csv';
import { csvBatches, CsvStreamError, peekHeader } from './csv-stream';
import {
  emptyPlan,
  ImportInvalidError,
  sourceNodes,
  tally,
  writeAllOrNothing,
  type DuplicateCandidate,
  type PossibleDuplicates,
  type Preview,
  type RunOptions,
  type RunResult,
} from './engine';
import { LIMITS } from './limits';
import { foldRelationships, planNode, planRelationship, type ConflictRule, type StoredItem } from './merge';
import {
  relationshipKey,
  setOwn,
  type FileKind,
  type FileSummary,
  type ImportNode,
  type ImportRelationship,
  type ImportSource,
  type Problem,
  type Where,
} from './model';
import { readNodesCsv, readRelationshipsCsv, readSourcesCsv, untypedColumns, type SourceRow } from './parley-csv';
import { progressAt } from './progress';
import { describeAt, namedSources, readWhole, type InputFile } from './read';

const MAX_PROBLEMS = 10_000;
const SCAN_BATCH = 10_000;
const MAX_EXTERNAL_IDS = 1_000_000;
const MAX_DUPLICATE_CANDIDATES = 20_000;

type RowKind = 'nodes-csv' | 'admin-nodes-csv' | 'relationships-csv' | 'admin-relationships-csv';
interface CsvFile {
  input: InputFile;
  kind: RowKind;
  /** the types of the untyped property columns, from every cell (Parley's CSV) */
  types: Map<number, ColumnType>;
}

export interface Scan {
  files: FileSummary[];
  problems: Problem[];
  csv: CsvFile[];
  sources: ImportSource[];
  /** every node id of the files (hashed) → its index in `places` */
  ids: IdTable;
  places: { file: string; label: string }[];
  /** ids the relationships end at that no file defines, with the first place each is used */
  externalEnds: Map<string, Where>;
  /** evidence sources no file defines: source id → quote → first place (at most a million quotes) */
  externalQuotes: Map<string, Map<string, Where>>;
  externalQuoteCount: number;
  counts: { nodes: number; relationships: number };
  /** labels of the external ends, filled by checkScanAgainstDb */
  externalLabels: Map<string, string>;
  /** true when checkScanAgainstDb found none of the files' node and source ids in the database (a first load) */
  fresh: boolean;
  /** relationship keys met more than once in the files (a first load reads only those before writing) */
  relKeys: RepeatedKeys;
}

const isNodes = (k: RowKind) => k === 'nodes-csv' || k === 'admin-nodes-csv';

function addProblems(scan: Scan & { dropped?: number }, ps: readonly Problem[]) {
  for (const p of ps) {
    if (scan.problems.length < MAX_PROBLEMS) scan.problems.push(p);
    else scan.dropped = (scan.dropped ?? 0) + 1;
  }
}

function readRows(f: CsvFile, table: CsvTable, types: Map<number, ColumnType>) {
  switch (f.kind) {
    case 'nodes-csv':
      return { ...readNodesCsv(f.input.name, table, types), relationships: [] };
    case 'admin-nodes-csv':
      return { ...readAdminNodes(f.input.name, table), relationships: [] };
    case 'relationships-csv':
      return { ...readRelationshipsCsv(f.input.name, table, types), nodes: [] };
    case 'admin-relationships-csv':
      return { ...readAdminRelationships(f.input.name, table), nodes: [] };
  }
}

function sampleOf(table: CsvTable): Record<string, string>[] {
  return table.rows.slice(0, LIMITS.sampleRows).map((r) => {
    const o: Record<string, string> = {};
    table.header.forEach((h, i) => setOwn(o, h, r.cells[i] ?? ''));
    return o;
  });
}

/** Pass 1: every file read as a stream and checked, without a database. */
export async function scanImportFiles(
  files: readonly InputFile[],
  onRows: (rows: number) => void = () => {},
): Promise<Scan> {
  const scan: Scan & { dropped?: number } = {
    files: [],
    problems: [],
    csv: [],
    sources: [],
    ids: new IdTable(),
    places: [],
    externalEnds: new Map(),
    externalQuotes: new Map(),
    externalQuoteCount: 0,
    counts: { nodes: 0, relationships: 0 },
    externalLabels: new Map(),
    fresh: false,
    relKeys: new RepeatedKeys(),
  };
  const texts = new Map<string, { text: string; file: string }>();
  const sourceRows: { file: string; rows: SourceRow[] }[] = [];
  if (files.length === 0) addProblems(scan, [{ file: '(none)', message: 'no files given: add .csv or .txt files' }]);
  if (files.length > LIMITS.files)
    addProblems(scan, [{ file: '(all)', message: `at most ${LIMITS.files} files per import` }]);
  for (const f of files) {
    const ext = path.extname(f.name).toLowerCase();
    if (ext === '.txt') {
      const whole = readWhole(f);
      if ('problem' in whole) {
        addProblems(scan, [whole.problem]);
        continue;
      }
      if (whole.text.trim() === '')
        addProblems(scan, [{ file: f.name, message: "the source text is empty: put the source's text in it" }]);
      texts.set(path.basename(f.name, ext), { text: whole.text, file: f.name });
      scan.files.push({ file: f.name, kind: 'source-text', rows: 1, columns: [], sample: [] });
      continue;
    }
    if (ext !== '.csv') {
      addProblems(scan, [{ file: f.name, message: `a streamed import reads .csv and .txt files, not ${ext}` }]);
      continue;
    }
    const head = await peekHeader(f.name, f.path).catch((e: unknown) => ({
      problem: { file: f.name, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'read error'})` },
    }));
    if ('problem' in head) {
      addProblems(scan, [head.problem]);
      continue;
    }
    const kind = recogniseCsv(f.name, head.header);
    if (typeof kind !== 'string') {
      addProblems(scan, [kind]);
      continue;
    }
    if (kind === 'sources-csv') {
      // a list of sources is small: read whole
      const whole = readWhole(f);
      const csv = 'problem' in whole ? { problems: [whole.problem] } : readCsv(f.name, whole.text);
      if ('problems' in csv) {
        addProblems(scan, csv.problems);
        continue;
      }
      const r = readSourcesCsv(f.name, csv.table);
      addProblems(scan, r.problems);
      sourceRows.push({ file: f.name, rows: r.rows });
      scan.files.push({
        file: f.name,
        kind,
        rows: csv.table.rows.length,
        columns: r.columns,
        sample: sampleOf(csv.table),
      });
      continue;
    }
    scan.csv.push({ input: f, kind: kind as RowKind, types: new Map() });
  }
  scan.sources.push(...namedSources(sourceRows, texts, scan.problems));
  // node files first (their ids and sources), then the relationships that refer to them
  scan.csv.sort((a, b) => Number(isNodes(b.kind)) - Number(isNodes(a.kind)));
  const placeIndex = new Map<string, number>();
  const place = (file: string, label: string) => {
    const k = `${file}\u0000${label}`;
    let i = placeIndex.get(k);
    if (i === undefined) {
      i = scan.places.length;
      scan.places.push({ file, label });
      placeIndex.set(k, i);
    }
    return i;
  };
  let sourcesById: Map<string, ImportSource> | null = null;
  let rowsSeen = 0;
  /** node ids met again (or ids with the same hash as an earlier one), confirmed once the node files are read */
  const suspects = new Set<string>();
  let moreSuspects = 0;
  for (const f of scan.csv) {
    const name = f.input.name;
    if (!isNodes(f.kind) && sourcesById === null) sourcesById = await afterNodes(scan, suspects, moreSuspects);
    const guesses = new Map<number, TypeGuess>();
    if (f.kind === 'nodes-csv' || f.kind === 'relationships-csv') {
      // the header is read again from the first batch; peekHeader gave the same
      const head = await peekHeader(name, f.input.path);
      if (!('problem' in head)) for (const i of untypedColumns(f.kind, head.header)) guesses.set(i, new TypeGuess());
    }
    let rows = 0;
    let header: string[] = [];
    let delimiter = ',';
    let sample: Record<string, string>[] = [];
    try {
      for await (const batch of csvBatches(name, f.input.path, SCAN_BATCH)) {
        const first = rows === 0 && header.length === 0;
        ({ header, delimiter } = batch);
        addProblems(scan, batch.problems);
        for (const row of batch.rows) for (const [i, g] of guesses) g.add(row.cells[i] ?? '');
        const table = { header, rows: batch.rows, delimiter };
        if (first) sample = sampleOf(table);
        // untyped columns are read as text here (no cast can fail); their types are known at the end
        const r = readRows(f, table, new Map());
        addProblems(scan, first ? r.problems : r.problems.filter((p) => (p.line ?? 0) > 1));
        for (const n of r.nodes) {
          const src = f.kind === 'admin-nodes-csv' ? adminSource(n) : null;
          if (src) {
            scan.sources.push(src);
            continue;
          }
          if (n.id === '') continue;
          const label = n.labels[0];
          const earlier = label ? scan.ids.add(n.id, place(name, label)) : scan.ids.place(n.id);
          if (earlier !== undefined) {
            if (suspects.size < MAX_PROBLEMS) suspects.add(n.id);
            else moreSuspects++;
          } else if (label) scan.counts.nodes++;
        }
        for (const rel of r.relationships) {
          checkRelationship(scan, sourcesById!, rel);
          scan.relKeys.add(relationshipKey(rel));
        }
        scan.counts.relationships += r.relationships.length;
        rows += batch.rows.length;
        rowsSeen += batch.rows.length;
        onRows(rowsSeen);
      }
    } catch (e) {
      if (!(e instanceof CsvStreamError)) throw e;
      addProblems(scan, [e.problem]);
      continue;
    }
    f.types = new Map([...guesses].map(([i, g]) => [i, g.type()]));
    const columns = readRows(f, { header, rows: [], delimiter }, f.types).columns;
    scan.files.push({ file: name, kind: f.kind as FileKind, rows, columns, sample });
  }
  if (sourcesById === null) await afterNodes(scan, suspects, moreSuspects);
  // the summaries in the order the files were given (they were read nodes first)
  const order = new Map(files.map((f, i) => [f.name, i]));
  scan.files.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  if (scan.dropped)
    scan.problems.push({
      file: '(all)',
      message: `… and ${scan.dropped} more problems: only the first ${MAX_PROBLEMS} are listed; fix these and check again`,
    });
  return scan;
}

/** The nodes of the node files read again in the order of the check pass (neo4j-admin sources left out). */
async function* fileNodes(scan: Scan): AsyncGenerator<ImportNode[]> {
  for (const f of scan.csv) {
    if (!isNodes(f.kind)) continue;
    try {
      for await (const batch of csvBatches(f.input.name, f.input.path, SCAN_BATCH)) {
        const r = readRows(f, { header: batch.header, rows: batch.rows, delimiter: batch.delimiter }, new Map());
        yield f.kind === 'admin-nodes-csv' ? r.nodes.filter((n) => !adminSource(n)) : r.nodes;
      }
    } catch (e) {
      if (!(e instanceof CsvStreamError)) throw e; // the check pass has reported it
    }
  }
}

/**
 * Once the node files are read: the suspect duplicates confirmed (the node files read again for them alone:
 * an id is a duplicate when a node with a label had it before, as the whole-set reader says), then the sources
 * checked. Nothing is read again when no id was met twice and no source id hashes like a node id.
 */
async function afterNodes(scan: Scan & { dropped?: number }, suspects: Set<string>, moreSuspects: number) {
  const sourceClash = new Set(scan.sources.filter((s) => scan.ids.has(s.id)).map((s) => s.id));
  const clashing = new Set<string>();
  if (suspects.size > 0 || sourceClash.size > 0) {
    const first = new Map<string, Where>();
    for await (const nodes of fileNodes(scan)) {
      for (const n of nodes) {
        if (sourceClash.has(n.id) && n.labels[0]) clashing.add(n.id);
        if (!suspects.has(n.id)) continue;
        const at = first.get(n.id);
        if (at)
          addProblems(scan, [
            {
              ...n.at,
              message: `duplicate node id ${JSON.stringify(n.id)}: ${describeAt(at)} already has it; ids must be unique`,
            },
          ]);
        else if (n.labels[0]) first.set(n.id, n.at);
      }
    }
  }
  // more than MAX_PROBLEMS ids met twice: the problems beyond the list are counted, not confirmed
  if (moreSuspects > 0) scan.dropped = (scan.dropped ?? 0) + moreSuspects;
  return checkSources(scan, clashing);
}

/** Source ids unique among sources and nodes (`clashing`: the source ids a node of the files has); by id. */
function checkSources(scan: Scan, clashing: ReadonlySet<string>): Map<string, ImportSource> {
  const byId = new Map<string, ImportSource>();
  for (const s of scan.sources) {
    if (byId.has(s.id) || clashing.has(s.id))
      addProblems(scan, [
        { ...s.at, message: `duplicate id ${JSON.stringify(s.id)}: a node or another source already has it` },
      ]);
    else byId.set(s.id, s);
  }
  return byId;
}

function checkRelationship(scan: Scan, sources: Map<string, ImportSource>, r: ImportRelationship) {
  for (const end of [r.source, r.target]) {
    if (end === '' || scan.ids.has(end) || scan.externalEnds.has(end)) continue;
    if (scan.externalEnds.size >= MAX_EXTERNAL_IDS) {
      addProblems(scan, [
        {
          ...r.at,
          message: `more than ${MAX_EXTERNAL_IDS} relationship ends are not nodes of the files: import the nodes with them`,
        },
      ]);
      continue;
    }
    scan.externalEnds.set(end, r.at);
  }
  for (const e of r.evidence) {
    const s = sources.get(e.source);
    if (s) {
      const bad = quoteProblem(e.quote, s.text, e.source);
      if (bad) addProblems(scan, [{ ...r.at, message: bad }]);
      continue;
    }
    let quotes = scan.externalQuotes.get(e.source);
    if (quotes?.has(e.quote)) continue;
    if (scan.externalQuoteCount >= MAX_EXTERNAL_IDS) {
      addProblems(scan, [
        {
          ...r.at,
          message: `more than ${MAX_EXTERNAL_IDS} quotes cite sources that are not in the files: import the sources with them`,
        },
      ]);
      continue;
    }
    if (!quotes) scan.externalQuotes.set(e.source, (quotes = new Map()));
    quotes.set(e.quote, r.at);
    scan.externalQuoteCount++;
  }
}

/** Pass 2: what the files refer to, checked against the database (read-only). Problems, as the engine's. */
export async function checkScanAgainstDb(repo: ImportsRepository, scan: Scan): Promise<Problem[]> {
  const problems: Problem[] = [];
  const ends = [...scan.externalEnds.keys()];
  for (let i = 0; i < ends.length; i += 10_000) {
    const stored = await repo.findNodes(ends.slice(i, i + 10_000));
    for (const id of ends.slice(i, i + 10_000)) {
      const label = stored.get(id)?.labels?.[0];
      if (label) scan.externalLabels.set(id, label);
      else
        problems.push({
          ...scan.externalEnds.get(id)!,
          message: `unknown node id ${JSON.stringify(id)}: neither the files nor the database have a node with this id; add the node or fix the id`,
        });
    }
  }
  const texts = await repo.existingSourceTexts([...scan.externalQuotes.keys()]);
  for (const [source, quotes] of scan.externalQuotes) {
    const text = texts.get(source);
    for (const [quote, at] of quotes) {
      if (text === undefined) {
        problems.push({
          ...at,
          message: `unknown source ${JSON.stringify(source)}: give its text as ${source}.txt (or in sources.csv), or use the id of a source already in the database`,
        });
        break;
      }
      if (!text.includes(quote)) problems.push({ ...at, message: quoteProblem(quote, text, source)! });
    }
  }
  // ids of the files stored under another label, and sources stored with another text: not looked for in a
  // database without data (a first load), where it cost one look-up of every id per label — 12 statements at M,
  // 0.1–0.9 s each on a cold JVM (README "Performance")
  scan.fresh = true;
  if ((await repo.hasData()) && (await repo.dataLabels()).length > 0) {
    const check = async (batch: { id: string; label: string; at: Where; text?: string }[]) => {
      const stored = await repo.findNodes(batch.map((b) => b.id));
      for (const b of batch) {
        const s = stored.get(b.id);
        if (!s) continue;
        scan.fresh = false;
        if (s.labels && !s.labels.includes(b.label))
          problems.push({
            ...b.at,
            message: `the id ${JSON.stringify(b.id)} is already in the database as a ${s.labels.join(':')} node, not ${b.label}: use its label or another id`,
          });
        if (b.text !== undefined && typeof s.properties.text === 'string' && s.properties.text !== b.text)
          problems.push({
            ...b.at,
            message: `the source ${JSON.stringify(b.id)} is already in the database with a different text: its quotes were checked against that text, so give the new text another id`,
          });
      }
    };
    await check(scan.sources.map((s) => ({ id: s.id, label: 'Source', at: s.at, text: s.text })));
    for await (const nodes of fileNodes(scan))
      await check(
        nodes.filter((n) => n.id !== '' && n.labels[0]).map((n) => ({ id: n.id, label: n.labels[0]!, at: n.at })),
      );
  }
  return problems;
}

const labelOf = (scan: Scan, id: string) => {
  const p = scan.ids.place(id);
  return p !== undefined ? scan.places[p]!.label : scan.externalLabels.get(id);
};

/**
 * Writes handed on one at a time, in order, with one in flight while the caller reads and parses the next batch
 * (so the files are parsed while Neo4j writes). A failed write stops the next `push` and `drain` with its error.
 */
function writeQueue() {
  let pending: Promise<void> = Promise.resolve();
  let failed: { err: unknown } | null = null;
  const check = () => {
    if (failed) throw failed.err;
  };
  return {
    async push(write: () => Promise<void>) {
      await pending;
      check();
      pending = write().catch((err: unknown) => {
        failed = { err };
      });
    },
    async drain() {
      await pending;
      check();
    },
    /** waits for the write in flight, whatever its outcome: nothing may still be writing when the undo starts */
    settle: () => pending,
  };
}

/**
 * Pass 3's reading: the files again in batches of `batchSize` rows, nodes grouped by their first label and
 * relationships by their end labels, each group handed on when it holds `batchSize` rows (and at the end).
 * The handlers run one at a time and in order, the next batch read while the last one is written.
 */
async function eachGroup(
  scan: Scan,
  batchSize: number,
  onNodes: (label: string, nodes: ImportNode[]) => Promise<void>,
  onRels: OnRels,
) {
  const q = writeQueue();
  try {
    await groups(scan, batchSize, q, onNodes, onRels);
  } catch (err) {
    await q.settle();
    throw err;
  }
}

async function groups(
  scan: Scan,
  batchSize: number,
  q: ReturnType<typeof writeQueue>,
  onNodes: (label: string, nodes: ImportNode[]) => Promise<void>,
  onRels: OnRels,
) {
  for (let i = 0; i < scan.sources.length; i += batchSize) {
    const sources = sourceNodes({ sources: scan.sources.slice(i, i + batchSize) });
    await q.push(() => onNodes('Source', sources));
  }
  const nodeGroups = new Map<string, ImportNode[]>();
  const relGroups = new Map<string, ImportRelationship[]>();
  for (const f of scan.csv) {
    for await (const batch of csvBatches(f.input.name, f.input.path, batchSize)) {
      const r = readRows(f, { header: batch.header, rows: batch.rows, delimiter: batch.delimiter }, f.types);
      const problems = [...batch.problems, ...r.problems].filter((p) => (p.line ?? 0) > 1);
      if (problems.length > 0)
        throw new Error(`${describeAt(problems[0]!)} changed since it was checked: ${problems[0]!.message}`);
      for (const n of r.nodes) {
        if (f.kind === 'admin-nodes-csv' && adminSource(n)) continue;
        const label = n.labels[0]!;
        const g = nodeGroups.get(label) ?? [];
        g.push(n);
        nodeGroups.set(label, g);
        if (g.length >= batchSize) {
          nodeGroups.delete(label);
          await q.push(() => onNodes(label, g));
        }
      }
      for (const rel of r.relationships) {
        const [sl, tl] = [labelOf(scan, rel.source), labelOf(scan, rel.target)];
        if (!sl || !tl) throw new Error(`${describeAt(rel.at)} changed since it was checked: an end is unknown`);
        const k = `${sl}\u0000${tl}`;
        const g = relGroups.get(k) ?? [];
        g.push(rel);
        relGroups.set(k, g);
        if (g.length >= batchSize) {
          relGroups.delete(k);
          await pushRels(scan, q, sl, tl, g, onRels);
        }
      }
    }
    // a file's nodes are all handed on before the next file's relationships, which may need them
    for (const [label, g] of nodeGroups) await q.push(() => onNodes(label, g));
    nodeGroups.clear();
  }
  for (const [k, g] of relGroups) {
    const [sl, tl] = k.split('\u0000') as [string, string];
    await pushRels(scan, q, sl, tl, g, onRels);
  }
  await q.drain();
}

/**
 * One group of relationships handed on, folded by key. On a first load (`scan.fresh`) those that cannot be
 * stored yet go as a batch of their own, written without a read (`fresh`): both ends are nodes of the files,
 * which the database did not hold, so nothing links them but this import, and their key is met once in the
 * files (and if one appeared since the check, the write refuses its batch: repositories/imports.ts,
 * `newRelationshipsIn`). The others (an end already stored, a key met twice) are read before writing, as on any
 * load.
 */
async function pushRels(
  scan: Scan,
  q: ReturnType<typeof writeQueue>,
  sl: string,
  tl: string,
  group: ImportRelationship[],
  onRels: OnRels,
) {
  const folded = [...foldRelationships(group).values()];
  const isNew = (r: ImportRelationship) =>
    scan.fresh &&
    !scan.externalEnds.has(r.source) &&
    !scan.externalEnds.has(r.target) &&
    !scan.relKeys.repeated(relationshipKey(r));
  const fresh: ImportRelationship[] = [];
  const read: ImportRelationship[] = [];
  for (const r of folded) (isNew(r) ? fresh : read).push(r);
  if (fresh.length > 0) await q.push(() => onRels(sl, tl, fresh, true));
  if (read.length > 0) await q.push(() => onRels(sl, tl, read, false));
}

type OnRels = (sourceLabel: string, targetLabel: string, rels: ImportRelationship[], fresh: boolean) => Promise<void>;

/** The dry run of a scanned import: what would happen, per label and type. Writes nothing. */
export async function previewScan(
  repo: ImportsRepository,
  scan: Scan,
  rule: ConflictRule = 'keep',
  possibleDuplicates?: PossibleDuplicates,
  batchSize = 5_000,
): Promise<Preview> {
  const fail = (problems: Problem[]): Preview => ({
    ok: false,
    problems,
    files: scan.files,
    plan: null,
    possibleDuplicates: [],
  });
  if (scan.problems.length > 0) return fail(scan.problems);
  const problems = await checkScanAgainstDb(repo, scan);
  if (problems.length > 0) return fail(problems);
  const plan = emptyPlan({
    nodes: scan.counts.nodes,
    relationships: scan.counts.relationships,
    sources: scan.sources.length,
  });
  const created: ImportNode[] = [];
  await eachGroup(
    scan,
    batchSize,
    async (label, nodes) => {
      const stored = await repo.findNodes(nodes.map((n) => n.id));
      for (const n of nodes) {
        const c = planNode(stored.get(n.id) ?? null, n, rule);
        if (c.outcome === 'created' && label !== 'Source' && created.length < MAX_DUPLICATE_CANDIDATES) created.push(n);
        tally(plan, 'labels', label, c);
      }
    },
    async (sl, tl, rels, fresh) => {
      const stored = fresh ? new Map<string, StoredItem>() : await repo.findRelationships(sl, tl, rels);
      for (const r of rels)
        tally(plan, 'types', r.type, planRelationship(stored.get(relationshipKey(r)) ?? null, r, rule));
    },
  );
  const dups: DuplicateCandidate[] = possibleDuplicates
    ? await possibleDuplicates(created.map((n) => ({ id: n.id, name: n.name, aliases: n.aliases, labels: n.labels })))
    : [];
  return { ok: true, problems: [], files: scan.files, plan, possibleDuplicates: dups };
}

/** Writes a scanned import, all or nothing, streaming the files a second time. */
export async function runScan(repo: ImportsRepository, scan: Scan, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  if (scan.problems.length > 0) throw new ImportInvalidError(scan.problems);
  opts.onProgress?.(progressAt('checking', 0, 0, t0, t0));
  const problems = await checkScanAgainstDb(repo, scan);
  if (problems.length > 0) throw new ImportInvalidError(problems);
  const labels = [...new Set(scan.places.map((p) => p.label))];
  if (scan.sources.length > 0 && !labels.includes('Source')) labels.push('Source');
  const batchSize = opts.batchSize ?? 5_000;
  const result = await writeAllOrNothing(
    repo,
    {
      ...opts,
      files: opts.files ?? scan.files.map((f) => f.file),
      labels,
      total: scan.counts.nodes + scan.sources.length + scan.counts.relationships,
      totals: { nodes: scan.counts.nodes, relationships: scan.counts.relationships, sources: scan.sources.length },
      fresh: scan.fresh,
    },
    (w) =>
      eachGroup(
        scan,
        batchSize,
        (label, nodes) => w.writeNodes(label, nodes),
        (sl, tl, rels, fresh) => w.writeRelationships(sl, tl, rels, fresh),
      ),
  );
  return { ...result, ms: Math.round(performance.now() - t0) };
}
