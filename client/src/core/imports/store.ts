/**
 * The Import page's store (zustand, like the explorer's): the chosen files, the rule, the preview, the running
 * import's progress and the recorded imports. It lives as long as the tab, so an import keeps streaming its
 * progress while the user explores, and the page shows it again on return.
 */
import { createStore, useStore } from 'zustand';
import type {
  ColumnTargetBody,
  ImportMappingBody,
  ImportPreviewBody,
  ImportRecordBody,
  ImportResultBody,
} from '../../../../contract';
import { ApiRequestError } from '../../api/client';
import { importsApi, type ImportProgress, type ImportRule } from '../../api/imports';

export type ImportProblemItem = { file: string; line?: number; column?: number; path?: string; message: string };

export interface ImportState {
  files: File[];
  rule: ImportRule;
  phase: 'idle' | 'previewing' | 'previewed' | 'importing' | 'done';
  preview: ImportPreviewBody | null;
  problems: ImportProblemItem[];
  progress: ImportProgress | null;
  result: ImportResultBody | null;
  message: { text: string; error: boolean } | null;
  imports: ImportRecordBody[];
  /** the column mapping as the user edited it (file name → kind and columns); sent with Preview and Import */
  mapping: ImportMappingBody;
}

const initial: ImportState = {
  files: [],
  rule: 'keep',
  phase: 'idle',
  preview: null,
  problems: [],
  progress: null,
  result: null,
  message: null,
  imports: [],
  mapping: {},
};

export const importStore = createStore<ImportState>(() => initial);
export const useImports = <T>(select: (s: ImportState) => T): T => useStore(importStore, select);
const set = (patch: Partial<ImportState>) => importStore.setState(patch);
const get = () => importStore.getState();

const ACCEPTED = /\.(json|csv|gexf|graphml|txt)$/i;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
type PreviewFile = ImportPreviewBody['files'][number];
/** a 400 of a preview carries the files read, so that their mapping can be edited */
const filesOf = (err: unknown): PreviewFile[] =>
  err instanceof ApiRequestError && Array.isArray(err.body['files']) ? (err.body['files'] as PreviewFile[]) : [];
const problemsOf = (err: unknown): ImportProblemItem[] =>
  err instanceof ApiRequestError && Array.isArray(err.body['problems'])
    ? (err.body['problems'] as ImportProblemItem[])
    : [];

/**
 * Where "Open in explorer" goes: the first imported nodes of Parley node CSVs (their ids are known from the
 * preview's first rows), shown on their own with the first one selected; otherwise the whole graph.
 */
export function explorerHref(preview: ImportPreviewBody | null): string {
  const ids = (preview?.files ?? [])
    .filter((f) => f.kind === 'nodes-csv')
    .flatMap((f) => {
      // the column read as the id: from the mapping when the preview gives one
      const idColumn = f.mapping ? f.mapping.find((m) => m.target.to === 'id')?.column : 'id';
      return idColumn === undefined ? [] : f.sample.map((row) => row[idColumn] ?? '');
    })
    .filter((id) => id !== '')
    .slice(0, 50);
  if (ids.length === 0) return '/';
  const q = new URLSearchParams({ start: 'empty', node: ids[0]!, show: ids.join(',') });
  return `/?${q.toString()}`;
}

/** Adds files (a file of the same name replaces the earlier one); other extensions are refused by name. */
export function addFiles(list: File[]): void {
  if (get().phase === 'importing') return;
  const refused = list.filter((f) => !ACCEPTED.test(f.name)).map((f) => f.name);
  const byName = new Map(get().files.map((f) => [f.name, f]));
  for (const f of list) if (ACCEPTED.test(f.name)) byName.set(f.name, f);
  set({
    files: [...byName.values()],
    phase: 'idle',
    preview: null,
    problems: [],
    result: null,
    progress: null,
    message: refused.length
      ? { text: `Not imported (only .json, .csv, .gexf, .graphml, .txt): ${refused.join(', ')}`, error: true }
      : null,
  });
}

export function removeFile(name: string): void {
  if (get().phase === 'importing') return;
  const mapping = Object.fromEntries(Object.entries(get().mapping).filter(([file]) => file !== name));
  set({ files: get().files.filter((f) => f.name !== name), mapping, phase: 'idle', preview: null, problems: [] });
}

/** What a previewed CSV file is read as: its mapping's kind, else the kind the server recognised. */
export function fileKindOf(f: PreviewFile, mapping: ImportMappingBody): 'nodes' | 'relationships' {
  const m = mapping[f.file];
  if (m) return m.kind;
  if (f.kind === 'relationships-csv') return 'relationships';
  if (f.kind === 'csv' && f.mapping?.some((c) => ['source', 'target', 'type'].includes(c.target.to)))
    return 'relationships';
  return 'nodes';
}

/** Reads a file as nodes or relationships: its columns start again from the server's defaults. */
export function setFileKind(file: string, kind: 'nodes' | 'relationships'): void {
  if (get().phase === 'importing') return;
  set({ mapping: { ...get().mapping, [file]: { kind, columns: {} } }, phase: 'idle' });
}

/** Maps one column of a file; the preview must be run again before importing. */
export function setColumnTarget(
  file: string,
  kind: 'nodes' | 'relationships',
  column: string,
  target: ColumnTargetBody,
) {
  if (get().phase === 'importing') return;
  const m = get().mapping[file] ?? { kind, columns: {} };
  set({
    mapping: { ...get().mapping, [file]: { kind: m.kind, columns: { ...m.columns, [column]: target } } },
    phase: 'idle',
  });
}

export function setRule(rule: ImportRule): void {
  if (get().phase !== 'importing') set({ rule });
}

export async function runPreview(): Promise<void> {
  const { files, rule, mapping } = get();
  if (files.length === 0) return;
  set({ phase: 'previewing', problems: [], message: null, result: null });
  try {
    const preview = await importsApi.preview(files, rule, mapping);
    set({ phase: 'previewed', preview, problems: preview.problems });
  } catch (err) {
    const read = filesOf(err);
    set({
      phase: 'idle',
      // the files as read stay on screen, so that a column mapping can fix what the problems say
      // (a refused mapping carries no files: the previous preview stays, so the mapping can be fixed)
      preview:
        read.length > 0
          ? { ok: false, problems: [], files: read, plan: null, possibleDuplicates: [] }
          : get().preview && { ...get().preview!, ok: false },
      problems: problemsOf(err),
      message: { text: errorText(err), error: true },
    });
  }
}

export async function runImport(): Promise<void> {
  const { files, rule, mapping } = get();
  if (files.length === 0 || get().phase === 'importing') return;
  set({ phase: 'importing', progress: null, result: null, message: null, problems: [] });
  try {
    const result = await importsApi.run(files, rule, (progress) => set({ progress }), mapping);
    const t = result.plan.totals;
    set({
      phase: 'done',
      result,
      message: {
        text: `Imported ${t.nodes} nodes and ${t.relationships} relationships (${files.length} file${files.length === 1 ? '' : 's'}) in ${(result.ms / 1000).toFixed(1)} s.`,
        error: false,
      },
    });
  } catch (err) {
    set({ phase: 'previewed', problems: problemsOf(err), message: { text: errorText(err), error: true } });
  }
  await loadImports();
}

export async function loadImports(): Promise<void> {
  try {
    set({ imports: (await importsApi.list()).imports });
  } catch (err) {
    set({ message: { text: `Could not list the imports: ${errorText(err)}`, error: true } });
  }
}

export async function undoImport(id: string): Promise<void> {
  try {
    await importsApi.undo(id);
    set({ message: { text: `Undid import ${id}.`, error: false } });
  } catch (err) {
    set({ message: { text: errorText(err), error: true } });
  }
  await loadImports();
}

/** Starts again with no files (after an import, to import others). */
export function clearFiles(): void {
  if (get().phase !== 'importing') set({ ...initial, imports: get().imports });
}
