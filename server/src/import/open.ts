/**
 * Which path an import takes: CSV and .txt files whose CSV adds up to more than `streamAboveBytes` (32 MiB by
 * default; `npm run load -- --stream` forces it) are read as streams (stream.ts), so neither the file nor any
 * transaction grows with it; everything else (JSON, GEXF, GraphML, small CSV) is read whole into an ImportSet
 * (read.ts), which keeps its cross-file checks exact. Both are checked, previewed and written by one engine.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ImportsRepository } from '../repositories/imports';
import { previewImport, runImport, type PossibleDuplicates, type Preview, type RunOptions } from './engine';
import type { ConflictRule } from './merge';
import type { FileSummary, Problem } from './model';
import type { ImportMappingBody } from '../../../contract/import-mapping';
import { readImportFiles, type InputFile } from './read';
import { previewScan, runScan, scanImportFiles, type Scan } from './stream';
import type { ImportSet } from './model';

export const STREAM_ABOVE_BYTES = 32 * 1024 * 1024;

export type Opened = { streamed: false; set: ImportSet } | { streamed: true; scan: Scan };

/** true when every file is .csv or .txt and the CSV files add up to more than `above` bytes */
export function shouldStream(files: readonly InputFile[], above: number): boolean {
  if (files.length === 0) return false;
  let bytes = 0;
  for (const f of files) {
    const ext = path.extname(f.name).toLowerCase();
    if (ext !== '.csv' && ext !== '.txt') return false;
    try {
      if (ext === '.csv') bytes += statSync(f.path).size;
    } catch {
      return false; // the whole-file reader says what is wrong with the path
    }
  }
  return bytes > above;
}

export async function openImport(
  files: readonly InputFile[],
  opts: { streamAboveBytes?: number; onRows?: (rows: number) => void; mapping?: ImportMappingBody } = {},
): Promise<Opened> {
  // Decision: a column mapping edited in the Import page is applied by the whole-set reader only (a file the user
  // maps by hand is one they have looked at, not one of the huge generated files the streamed path is for).
  const mapped = opts.mapping !== undefined && Object.keys(opts.mapping).length > 0;
  if (mapped) return { streamed: false, set: readImportFiles(files, opts.mapping) };
  if (shouldStream(files, opts.streamAboveBytes ?? STREAM_ABOVE_BYTES))
    return { streamed: true, scan: await scanImportFiles(files, opts.onRows) };
  return { streamed: false, set: readImportFiles(files) };
}

export const openedProblems = (o: Opened): Problem[] => (o.streamed ? o.scan.problems : o.set.problems);
export const openedFiles = (o: Opened): FileSummary[] => (o.streamed ? o.scan.files : o.set.files);
export const openedCounts = (o: Opened) =>
  o.streamed
    ? { nodes: o.scan.counts.nodes, relationships: o.scan.counts.relationships, sources: o.scan.sources.length }
    : { nodes: o.set.nodes.length, relationships: o.set.relationships.length, sources: o.set.sources.length };

export function previewOpened(
  repo: ImportsRepository,
  o: Opened,
  rule?: ConflictRule,
  possibleDuplicates?: PossibleDuplicates,
): Promise<Preview> {
  return o.streamed
    ? previewScan(repo, o.scan, rule, possibleDuplicates)
    : previewImport(repo, o.set, rule, possibleDuplicates);
}

export function runOpened(repo: ImportsRepository, o: Opened, opts: RunOptions = {}) {
  return o.streamed ? runScan(repo, o.scan, opts) : runImport(repo, o.set, opts);
}
