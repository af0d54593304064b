/** The Import page's store without a server: which files it takes, and where "Open in explorer" goes. */
import { describe, expect, it } from 'vitest';
import type { ImportPreviewBody } from '../../../contract';
import {
  addFiles,
  clearFiles,
  explorerHref,
  fileKindOf,
  importStore,
  removeFile,
  setColumnTarget,
  setFileKind,
} from '../../../client/src/core/imports/store';

const file = (name: string) => new File(['id,label,name\n'], name);
const preview = (files: ImportPreviewBody['files']): ImportPreviewBody => ({
  ok: true,
  problems: [],
  files,
  plan: null,
  possibleDuplicates: [],
});

describe('the import store', () => {
  it('keeps the accepted files, one per name, and names the refused ones', () => {
    clearFiles();
    addFiles([file('a.csv'), file('b.GEXF'), file('notes.pdf'), file('a.csv')]);
    const s = importStore.getState();
    expect(s.files.map((f) => f.name)).toEqual(['a.csv', 'b.GEXF']);
    expect(s.message).toEqual({
      text: 'Not imported (only .json, .csv, .gexf, .graphml, .txt): notes.pdf',
      error: true,
    });
    removeFile('a.csv');
    expect(importStore.getState().files.map((f) => f.name)).toEqual(['b.GEXF']);
    clearFiles();
    expect(importStore.getState().files).toEqual([]);
  });

  it('opens the first imported nodes of Parley node CSVs in the explorer, else the whole graph', () => {
    const nodes = {
      file: 'n.csv',
      kind: 'nodes-csv',
      rows: 2,
      columns: [{ column: 'id', mapsTo: 'id' }],
      sample: [{ id: 'gadget:a' }, { id: 'gadget:b&c' }],
    };
    expect(explorerHref(preview([nodes]))).toBe('/?start=empty&node=gadget%3Aa&show=gadget%3Aa%2Cgadget%3Ab%26c');
    expect(explorerHref(preview([{ ...nodes, kind: 'admin-nodes-csv' }]))).toBe('/');
    expect(explorerHref(null)).toBe('/');
  });

  it('takes the id from the mapped column when the preview gives a mapping', () => {
    const nodes = {
      file: 'n.csv',
      kind: 'nodes-csv',
      rows: 1,
      columns: [{ column: 'id', mapsTo: 'id' }],
      sample: [{ code: 'book:one', id: 'not-this' }],
      mapping: [
        { column: 'code', target: { to: 'id' as const } },
        { column: 'id', target: { to: 'ignore' as const } },
      ],
    };
    expect(explorerHref(preview([nodes]))).toBe('/?start=empty&node=book%3Aone&show=book%3Aone');
  });

  it('keeps the edited mapping per file, restarts a file’s columns when its kind changes, and forgets a removed file', () => {
    clearFiles();
    addFiles([file('a.csv')]);
    setColumnTarget('a.csv', 'nodes', 'code', { to: 'id' });
    setColumnTarget('a.csv', 'nodes', 'shelf', { to: 'property', name: 'shelfNumber' });
    expect(importStore.getState().mapping).toEqual({
      'a.csv': { kind: 'nodes', columns: { code: { to: 'id' }, shelf: { to: 'property', name: 'shelfNumber' } } },
    });
    const summary = { file: 'a.csv', kind: 'csv', rows: 1, columns: [], sample: [] };
    expect(fileKindOf(summary, importStore.getState().mapping)).toBe('nodes');
    setFileKind('a.csv', 'relationships');
    expect(importStore.getState().mapping).toEqual({ 'a.csv': { kind: 'relationships', columns: {} } });
    expect(fileKindOf(summary, importStore.getState().mapping)).toBe('relationships');
    removeFile('a.csv');
    expect(importStore.getState().mapping).toEqual({});
  });
});
