/**
 * Reading the files of one import into an ImportSet, then the checks that span files. Reads the files it is
 * given and touches no database. Each file's kind comes from its extension and, for CSV, its header.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataLimits } from '../dataset/limits';
import { parseDatasetText, quoteProblem } from '../dataset/schema';
import { adminSource, readAdminNodes, readAdminRelationships } from './admin-csv';
import { readCsv, recogniseCsv, type CsvTable } from './csv';
import type { ImportMappingBody } from '../../../contract/import-mapping';
import { readGraphFile } from './graph-files';
import { applyMapping, defaultMapping, mappedKind, type MappedTable } from './mapping';
import { decodeUtf8 } from './limits';
import { LIMITS } from './limits';
import {
  emptySet,
  relationshipKey,
  setOwn,
  type FileSummary,
  type ImportSet,
  type ImportSource,
  type Problem,
} from './model';
import { readNodesCsv, readRelationshipsCsv, readSourcesCsv, type SourceRow } from './parley-csv';

export interface InputFile {
  /** where the bytes are */
  path: string;
  /** the name shown in messages (the uploaded file name, or the path as the user typed it) */
  name: string;
}

/** an unrecognised header with a column named like an end of a relationship is more likely relationships */
const guessKind = (header: readonly string[]): 'nodes' | 'relationships' =>
  header.some((h) => /^(source|target|from|to|start|end)/i.test(h)) ? 'relationships' : 'nodes';

export const SUPPORTED_EXTENSIONS = ['.json', '.csv', '.gexf', '.graphml', '.txt'];

function sample(table: CsvTable): Record<string, string>[] {
  return table.rows.slice(0, LIMITS.sampleRows).map((r) => {
    const o: Record<string, string> = {};
    table.header.forEach((h, i) => setOwn(o, h, r.cells[i] ?? ''));
    return o;
  });
}

/** A file's text (strict UTF-8, no byte-order mark), or the problem that stops it being read. */
export function readWhole(f: InputFile): { text: string } | { problem: Problem } {
  const ext = path.extname(f.name).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) {
    return {
      problem: {
        file: f.name,
        message: `Parley does not read ${ext || 'files without an extension'}: give .json, .csv, .gexf, .graphml or .txt files`,
      },
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(f.path);
  } catch (e) {
    return {
      problem: {
        file: f.name,
        message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'read error'}): check the path`,
      },
    };
  }
  if (bytes.length === 0) return { problem: { file: f.name, message: 'the file is empty' } };
  const decoded = decodeUtf8(f.name, bytes);
  if ('problem' in decoded) return decoded;
  return { text: decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text };
}

/**
 * Reads every file; the set's `problems` lists what is wrong with file, line and column or path. `mapping`
 * (file name → its column mapping) renames the header of Parley's nodes/relationships CSV files first.
 */
export function readImportFiles(files: readonly InputFile[], mapping: ImportMappingBody = {}): ImportSet {
  const set = emptySet();
  const sourceRows: { file: string; rows: SourceRow[] }[] = [];
  const texts = new Map<string, { text: string; file: string }>(); // by file base name without .txt
  if (files.length === 0)
    set.problems.push({ file: '(none)', message: 'no files given: add .json, .csv, .gexf, .graphml or .txt files' });
  if (files.length > LIMITS.files)
    set.problems.push({ file: '(all)', message: `at most ${LIMITS.files} files per import` });
  for (const f of files) {
    const ext = path.extname(f.name).toLowerCase();
    const whole = readWhole(f);
    if ('problem' in whole) {
      set.problems.push(whole.problem);
      continue;
    }
    const text = whole.text;
    let mapped: MappedTable['mapping'] | undefined;
    const summary = (
      kind: FileSummary['kind'],
      rows: number,
      columns: FileSummary['columns'],
      s: FileSummary['sample'] = [],
    ) => set.files.push({ file: f.name, kind, rows, columns, sample: s, ...(mapped ? { mapping: mapped } : {}) });
    if (ext === '.txt') {
      if (text.trim() === '')
        set.problems.push({ file: f.name, message: "the source text is empty: put the source's text in it" });
      texts.set(path.basename(f.name, path.extname(f.name)), { text, file: f.name });
      summary('source-text', 1, []);
    } else if (ext === '.json') {
      // size limits per string, list, nesting and source text (dataset/limits.ts), before the file is validated
      const tooBig = checkDataLimits(text);
      if (tooBig.length > 0) {
        for (const e of tooBig) set.problems.push({ file: f.name, path: e.path, message: e.message });
        continue;
      }
      const r = parseDatasetText(text, { baseDir: path.dirname(path.resolve(f.path)), allowExternalNodeIds: true });
      if (!r.ok) {
        for (const e of r.errors) {
          const p: Problem = { file: f.name, path: e.path, message: e.message };
          if (e.line !== undefined) p.line = e.line;
          if (e.column !== undefined) p.column = e.column;
          set.problems.push(p);
        }
        continue;
      }
      const ds = r.dataset;
      ds.sources.forEach((s, i) => set.sources.push({ ...s, at: { file: f.name, path: `sources[${i}]` } }));
      ds.nodes.forEach((n, i) =>
        set.nodes.push({
          id: n.id,
          labels: [n.label],
          name: n.name,
          aliases: n.aliases,
          description: n.description,
          properties: n.properties,
          at: { file: f.name, path: `nodes[${i}]` },
        }),
      );
      ds.relationships.forEach((x, i) =>
        set.relationships.push({
          type: x.type,
          source: x.source,
          target: x.target,
          properties: x.properties,
          evidence: x.evidence,
          inferred: x.inferred,
          inferenceReason: x.inferenceReason ?? null,
          at: { file: f.name, path: `relationships[${i}]` },
        }),
      );
      summary('parley-json', ds.nodes.length + ds.relationships.length + ds.sources.length, [
        { column: 'sources', mapsTo: `${ds.sources.length} sources` },
        { column: 'nodes', mapsTo: `${ds.nodes.length} nodes` },
        { column: 'relationships', mapsTo: `${ds.relationships.length} relationships` },
      ]);
    } else if (ext === '.gexf' || ext === '.graphml') {
      const r = readGraphFile(f.name, text, ext === '.gexf' ? 'gexf' : 'graphml');
      set.problems.push(...r.problems);
      set.nodes.push(...r.nodes);
      set.relationships.push(...r.relationships);
      summary(ext === '.gexf' ? 'gexf' : 'graphml', r.nodes.length + r.relationships.length, r.columns);
    } else {
      const csv = readCsv(f.name, text);
      if ('problems' in csv) {
        set.problems.push(...csv.problems);
        continue;
      }
      // the user's mapping renames the header first; the preview shows it over the file's own columns
      const fileMapping = Object.hasOwn(mapping, f.name) ? mapping[f.name] : undefined;
      const shown = sample(csv.table);
      if (fileMapping) {
        const m = applyMapping(f.name, csv.table, fileMapping);
        if (m.problems.length > 0) {
          set.problems.push(...m.problems);
          continue;
        }
        csv.table = m.table;
        mapped = m.mapping;
      }
      const kind = recogniseCsv(f.name, csv.table.header);
      if (typeof kind !== 'string') {
        set.problems.push(kind);
        if (!fileMapping) {
          // shown all the same, with the rule's mapping as a nodes file, for the user to map (Import page)
          mapped = defaultMapping(csv.table, guessKind(csv.table.header));
          summary('csv', csv.table.rows.length, [], shown);
        }
        continue;
      }
      const mk = mappedKind(kind);
      if (fileMapping && mk !== fileMapping.kind) {
        set.problems.push({
          file: f.name,
          line: 1,
          message: `the mapping reads this file as ${fileMapping.kind}, but its mapped header (${csv.table.header.join(', ')}) is ${mk ?? kind}: map the ${fileMapping.kind === 'nodes' ? 'id, label and name' : 'source, target and type'} columns`,
        });
        continue;
      }
      if (!mapped && mk) mapped = defaultMapping(csv.table, mk);
      const rows = csv.table.rows.length;
      if (kind === 'nodes-csv' || kind === 'admin-nodes-csv') {
        const r = kind === 'nodes-csv' ? readNodesCsv(f.name, csv.table) : readAdminNodes(f.name, csv.table);
        set.problems.push(...r.problems);
        for (const n of r.nodes) {
          const s = kind === 'admin-nodes-csv' ? adminSource(n) : null;
          if (s) set.sources.push(s);
          else set.nodes.push(n);
        }
        summary(kind, rows, r.columns, shown);
      } else if (kind === 'relationships-csv' || kind === 'admin-relationships-csv') {
        const r =
          kind === 'relationships-csv'
            ? readRelationshipsCsv(f.name, csv.table)
            : readAdminRelationships(f.name, csv.table);
        set.problems.push(...r.problems);
        set.relationships.push(...r.relationships);
        summary(kind, rows, r.columns, shown);
      } else {
        const r = readSourcesCsv(f.name, csv.table);
        set.problems.push(...r.problems);
        sourceRows.push({ file: f.name, rows: r.rows });
        summary('sources-csv', rows, r.columns, shown);
      }
    }
  }
  set.sources.push(...namedSources(sourceRows, texts, set.problems));
  checkSet(set);
  return set;
}

/** Sources named by sources.csv, else one per .txt file (its name without .txt is its id). */
export function namedSources(
  sourceRows: readonly { file: string; rows: SourceRow[] }[],
  texts: ReadonlyMap<string, { text: string; file: string }>,
  problems: Problem[],
): ImportSource[] {
  const out: ImportSource[] = [];
  const named = new Set<string>();
  for (const { file, rows } of sourceRows) {
    for (const row of rows) {
      const key = path.basename(row.file, path.extname(row.file));
      const t = texts.get(key);
      named.add(key);
      if (!t) {
        problems.push({
          file,
          line: row.line,
          message: `the source text ${JSON.stringify(row.file)} was not given: add the .txt file to the import`,
        });
        continue;
      }
      out.push({
        id: row.id,
        name: row.name,
        text: t.text,
        outlet: row.outlet,
        published: row.published,
        description: row.description,
        at: { file, line: row.line },
      });
    }
  }
  for (const [key, t] of texts) {
    if (named.has(key)) continue;
    out.push({
      id: key,
      name: key,
      text: t.text,
      outlet: null,
      published: null,
      description: '',
      at: { file: t.file },
    });
  }
  return out;
}

/**
 * Checks that span files: ids unique across nodes and sources, the same relationship stated twice with
 * different values, evidence quotes against their source texts. Ends and sources that no file gives are
 * left for the database check (`externalIds`).
 */
export function checkSet(set: ImportSet): void {
  const firstNode = new Map<string, ImportSet['nodes'][number]>();
  for (const n of set.nodes) {
    const earlier = firstNode.get(n.id);
    if (earlier) {
      set.problems.push({
        ...n.at,
        message: `duplicate node id ${JSON.stringify(n.id)}: ${describeAt(earlier.at)} already has it; ids must be unique`,
      });
    } else firstNode.set(n.id, n);
  }
  const sources = new Map<string, ImportSource>();
  for (const s of set.sources) {
    if (sources.has(s.id) || firstNode.has(s.id)) {
      set.problems.push({
        ...s.at,
        message: `duplicate id ${JSON.stringify(s.id)}: a node or another source already has it`,
      });
    } else sources.set(s.id, s);
  }
  const rels = new Map<string, ImportSet['relationships'][number]>();
  for (const r of set.relationships) {
    for (const e of r.evidence) {
      const s = sources.get(e.source);
      if (!s) continue; // a source already in the database: checked there
      const bad = quoteProblem(e.quote, s.text, e.source);
      if (bad) set.problems.push({ ...r.at, message: bad });
    }
    const key = relationshipKey(r);
    const earlier = rels.get(key);
    if (!earlier) {
      rels.set(key, r);
      continue;
    }
    for (const [k, v] of Object.entries(r.properties)) {
      if (k in earlier.properties && JSON.stringify(earlier.properties[k]) !== JSON.stringify(v)) {
        set.problems.push({
          ...r.at,
          message: `${r.source} -[${r.type}]-> ${r.target} is also at ${describeAt(earlier.at)} with ${k} = ${JSON.stringify(earlier.properties[k])}, here ${JSON.stringify(v)}: one relationship cannot hold both`,
        });
      }
    }
  }
}

export function describeAt(at: { file: string; line?: number; column?: number; path?: string }): string {
  const line = at.line !== undefined ? ` line ${at.line}${at.column !== undefined ? `, column ${at.column}` : ''}` : '';
  return `${at.file}${line}${at.path ? ` ${at.path}` : ''}`;
}

/** ids that the files use but do not define: relationship ends and evidence sources (looked up in the database) */
export function externalIds(set: ImportSet): { nodes: string[]; sources: string[] } {
  const nodeIds = new Set(set.nodes.map((n) => n.id));
  const sourceIds = new Set(set.sources.map((s) => s.id));
  const nodes = new Set<string>();
  const srcs = new Set<string>();
  for (const r of set.relationships) {
    for (const end of [r.source, r.target]) if (end !== '' && !nodeIds.has(end)) nodes.add(end);
    for (const e of r.evidence) if (!sourceIds.has(e.source)) srcs.add(e.source);
  }
  return { nodes: [...nodes], sources: [...srcs] };
}
