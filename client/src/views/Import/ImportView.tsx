import { useEffect, useRef, useState, type DragEvent } from 'react';
import { navigate } from '../../app/router';
import {
  addFiles,
  clearFiles,
  explorerHref,
  fileKindOf,
  loadImports,
  removeFile,
  runImport,
  runPreview,
  setColumnTarget,
  setFileKind,
  setRule,
  undoImport,
  useImports,
} from '../../core/imports/store';
import { FilesPreview, PlanPanel, ProblemList } from './PreviewPanel';
import { ImportsList, ProgressBar } from './ImportParts';
import './import.css';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`;

/**
 * /import: choose or drop files, Preview (a dry run: kinds, first rows, column mapping, counts per label and
 * type, conflicts with the keep/replace rule, possible duplicates, problems), Import (streamed progress; the
 * page stays usable and the import goes on while the user explores), then "Open in explorer" and the recorded
 * imports with Undo. The state lives in core/imports/store.ts.
 */
export default function ImportView() {
  const files = useImports((s) => s.files);
  const rule = useImports((s) => s.rule);
  const phase = useImports((s) => s.phase);
  const preview = useImports((s) => s.preview);
  const problems = useImports((s) => s.problems);
  const progress = useImports((s) => s.progress);
  const result = useImports((s) => s.result);
  const message = useImports((s) => s.message);
  const imports = useImports((s) => s.imports);
  const mapping = useImports((s) => s.mapping);
  const [over, setOver] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadImports();
  }, []);

  const importing = phase === 'importing';
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    addFiles([...e.dataTransfer.files]);
  };
  const onUndo = (id: string) => {
    const rec = imports.find((r) => r.id === id);
    const what = rec ? rec.files.join(', ') : id;
    if (
      !window.confirm(`Undo the import of ${what}? What it created is removed and the values it changed are put back.`)
    )
      return;
    setUndoing(true);
    void undoImport(id).finally(() => setUndoing(false));
  };

  return (
    <main className="imp" aria-label="Import">
      <header className="imp-head">
        <h1>Import</h1>
        <span className="muted">
          Parley JSON, CSV (Parley’s or neo4j-admin’s), GEXF, GraphML, and .txt sources. Checked first; written all or
          nothing; undoable.
        </span>
      </header>

      <section
        aria-label="Files to import"
        className={`imp-drop${over ? ' imp-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          Drop files here, or{' '}
          <button type="button" onClick={() => input.current?.click()} disabled={importing}>
            Choose files…
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            aria-label="Choose files"
            accept=".json,.csv,.gexf,.graphml,.txt"
            onChange={(e) => {
              addFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </p>
        {files.length > 0 && (
          <ul className="imp-chosen" aria-label="Chosen files">
            {files.map((f) => (
              <li key={f.name}>
                {f.name} <span className="muted">{size(f.size)}</span>{' '}
                <button
                  type="button"
                  className="imp-remove"
                  disabled={importing}
                  onClick={() => removeFile(f.name)}
                  aria-label={`Remove ${f.name}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="imp-actions">
          <button
            type="button"
            disabled={files.length === 0 || importing || phase === 'previewing'}
            onClick={() => void runPreview()}
          >
            {phase === 'previewing' ? 'Checking…' : 'Preview'}
          </button>
          <button
            type="button"
            className="imp-primary"
            disabled={files.length === 0 || importing || phase !== 'previewed' || !preview?.ok}
            title={phase !== 'previewed' ? 'Preview the files first' : undefined}
            onClick={() => void runImport()}
          >
            Import
            {preview?.plan?.conflicts.length ? ` (${rule === 'keep' ? 'keep stored values' : 'replace them'})` : ''}
          </button>
          {files.length > 0 && !importing && (
            <button type="button" onClick={clearFiles}>
              Clear
            </button>
          )}
        </div>
      </section>

      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'imp-error' : 'imp-ok'}>
          {message.text}
        </p>
      )}
      {importing && <ProgressBar progress={progress} />}
      {result && phase === 'done' && (
        <p className="imp-done">
          <a
            href={explorerHref(preview)}
            onClick={(e) => {
              e.preventDefault();
              navigate(explorerHref(preview));
            }}
          >
            Open in explorer
          </a>{' '}
          <span className="muted">· import {result.id}</span>
        </p>
      )}
      <ProblemList problems={problems} />
      {preview && (
        <>
          {preview.ok && <PlanPanel preview={preview} rule={rule} onRule={setRule} disabled={importing} />}
          {phase === 'idle' && Object.keys(mapping).length > 0 && (
            <p className="imp-ok" role="status">
              The mapping changed: Preview again to check it before importing.
            </p>
          )}
          <FilesPreview
            files={preview.files}
            mapping={mapping}
            kindOf={(f) => fileKindOf(f, mapping)}
            disabled={importing}
            onKind={setFileKind}
            onTarget={setColumnTarget}
          />
        </>
      )}
      <ImportsList imports={imports} busy={undoing || importing} onUndo={onUndo} />
    </main>
  );
}
