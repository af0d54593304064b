/** Props-only: what a preview (`?dryRun=1`) says, drawn as React text (graph data is never HTML). */
import {
  defaultColumnTarget,
  type ColumnTargetBody,
  type ImportMappingBody,
  type ImportPreviewBody,
} from '../../../../contract';
import type { ImportProblemItem } from '../../core/imports/store';
import { MappingEditor } from './MappingEditor';

type Plan = NonNullable<ImportPreviewBody['plan']>;
type Counts = Plan['labels'][string];

const show = (v: unknown): string => (Array.isArray(v) ? v.join('; ') : v === null ? '—' : String(v));

export function ProblemList({ problems }: { problems: ImportProblemItem[] }) {
  if (problems.length === 0) return null;
  return (
    <section aria-label="Problems" className="imp-problems">
      <h2>
        {problems.length} problem{problems.length === 1 ? '' : 's'} — nothing was written
      </h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>
              {p.file}
              {p.line !== undefined ? `:${p.line}` : ''}
              {p.column !== undefined ? `:${p.column}` : ''}
              {p.path ? ` ${p.path}` : ''}
            </code>{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CountsTable({ caption, rows }: { caption: string; rows: Record<string, Counts> }) {
  const names = Object.keys(rows).sort();
  if (names.length === 0) return null;
  return (
    <table className="imp-counts" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption === 'Labels' ? 'label' : 'type'}</th>
          <th scope="col">created</th>
          <th scope="col">updated</th>
          <th scope="col">unchanged</th>
          <th scope="col">conflicts</th>
        </tr>
      </thead>
      <tbody>
        {names.map((n) => {
          const c = rows[n]!;
          return (
            <tr key={n}>
              <th scope="row">{n}</th>
              <td>{c.created}</td>
              <td>{c.updated}</td>
              <td>{c.unchanged}</td>
              <td className={c.conflicts ? 'imp-warn' : undefined}>{c.conflicts}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type Kind = 'nodes' | 'relationships';
export interface FilesPreviewProps {
  files: ImportPreviewBody['files'];
  /** the edited mapping (shown over the preview's until the next preview) */
  mapping: ImportMappingBody;
  kindOf: (f: ImportPreviewBody['files'][number]) => Kind;
  disabled: boolean;
  onKind: (file: string, kind: Kind) => void;
  onTarget: (file: string, kind: Kind, column: string, target: ColumnTargetBody) => void;
}

export function FilesPreview({ files, mapping, kindOf, disabled, onKind, onTarget }: FilesPreviewProps) {
  return (
    <section aria-label="Files" className="imp-files">
      {files.map((f) => {
        const cols = f.mapping ? f.mapping.map((m) => m.column) : f.columns.map((c) => c.column);
        const kind = kindOf(f);
        const edited = mapping[f.file];
        // the preview's mapping, with the user's edits not yet previewed over it
        const shown = f.mapping?.map((m) => ({
          column: m.column,
          target: edited
            ? Object.hasOwn(edited.columns, m.column)
              ? edited.columns[m.column]!
              : defaultColumnTarget(edited.kind, m.column)
            : m.target,
        }));
        return (
          <details key={f.file} open={files.length <= 3}>
            <summary>
              <strong>{f.file}</strong> · {f.kind} · {f.rows} row{f.rows === 1 ? '' : 's'}
            </summary>
            {shown && (
              <MappingEditor
                file={f.file}
                kind={kind}
                mapping={shown}
                disabled={disabled}
                onKind={(k) => onKind(f.file, k)}
                onTarget={(column, target) => onTarget(f.file, kind, column, target)}
              />
            )}
            {!shown && f.columns.length > 0 && (
              <p className="imp-mapping" aria-label={`Columns of ${f.file}`}>
                {f.columns.map((c) => (
                  <span key={c.column} className="imp-map">
                    {c.column} → {c.mapsTo}
                  </span>
                ))}
              </p>
            )}
            {f.sample.length > 0 && cols.length > 0 && (
              <div className="imp-sample">
                <table aria-label={`First rows of ${f.file}`}>
                  <thead>
                    <tr>
                      {cols.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {f.sample.map((row, i) => (
                      <tr key={i}>
                        {cols.map((c) => (
                          <td key={c}>{row[c] ?? ''}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </details>
        );
      })}
    </section>
  );
}

export function PlanPanel({
  preview,
  rule,
  onRule,
  disabled,
}: {
  preview: ImportPreviewBody;
  rule: 'keep' | 'replace';
  onRule: (rule: 'keep' | 'replace') => void;
  disabled: boolean;
}) {
  const plan = preview.plan;
  return (
    <section aria-label="What will happen" className="imp-plan">
      {plan && (
        <>
          <p>
            {plan.totals.nodes} nodes, {plan.totals.relationships} relationships, {plan.totals.sources} sources in the
            files.
          </p>
          <div className="imp-tables">
            <CountsTable caption="Labels" rows={plan.labels} />
            <CountsTable caption="Relationship types" rows={plan.types} />
          </div>
          {plan.conflicts.length > 0 && (
            <div aria-label="Conflicts" role="group" className="imp-conflicts">
              <h3>
                {plan.conflicts.length} conflicting value{plan.conflicts.length === 1 ? '' : 's'}
              </h3>
              <fieldset disabled={disabled}>
                <legend>When a stored value differs from the file’s</legend>
                <label>
                  <input type="radio" name="rule" checked={rule === 'keep'} onChange={() => onRule('keep')} /> keep the
                  stored value
                </label>{' '}
                <label>
                  <input type="radio" name="rule" checked={rule === 'replace'} onChange={() => onRule('replace')} />{' '}
                  replace it with the file’s
                </label>
              </fieldset>
              <table>
                <thead>
                  <tr>
                    <th scope="col">node</th>
                    <th scope="col">property</th>
                    <th scope="col">stored</th>
                    <th scope="col">in the file</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.conflicts.map((c, i) => (
                    <tr key={i}>
                      <td>{c.id}</td>
                      <td>{c.key}</td>
                      <td className={rule === 'keep' ? 'imp-wins' : undefined}>{show(c.stored)}</td>
                      <td className={rule === 'replace' ? 'imp-wins' : undefined}>{show(c.incoming)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {preview.possibleDuplicates.length > 0 && (
        <div aria-label="Possible duplicates" role="group" className="imp-dups">
          <h3>Possible duplicates of stored nodes</h3>
          <ul>
            {preview.possibleDuplicates.map((d, i) => (
              <li key={i}>
                “{d.incoming.name ?? d.incoming.id}” ({d.incoming.id}) may be “{d.existing.name ?? d.existing.id}” (
                {d.existing.id}) · {d.score.toFixed(2)} · {d.reasons.join('; ')}
              </li>
            ))}
          </ul>
          <p className="muted">They are imported as separate nodes; review them later under Duplicates.</p>
        </div>
      )}
    </section>
  );
}
