/**
 * Props-only: the column mapping of one CSV file, editable. Each column of the file's own header gets a choice of
 * what it becomes (id, label, name… for nodes; source, target, type… for relationships; a property with a name;
 * ignore); a property's name is typed and checked as an identifier before it is sent.
 */
import { useState } from 'react';
import { NODE_TARGETS, RELATIONSHIP_TARGETS, propertyNameSchema, type ColumnTargetBody } from '../../../../contract';

type Kind = 'nodes' | 'relationships';
export interface MappingEditorProps {
  file: string;
  kind: Kind;
  mapping: { column: string; target: ColumnTargetBody }[];
  disabled: boolean;
  onKind: (kind: Kind) => void;
  onTarget: (column: string, target: ColumnTargetBody) => void;
}

const LABELS: Record<string, string> = {
  id: 'id',
  label: 'label',
  name: 'name',
  aliases: 'aliases (; separated)',
  description: 'description',
  source: 'source (node id)',
  target: 'target (node id)',
  type: 'type',
  date: 'date',
  quote: 'quote',
  source_id: 'source_id (of the quote)',
  inferred: 'inferred',
  inference_reason: 'inference_reason',
  property: 'a property…',
  ignore: 'ignore',
};

function PropertyName({
  column,
  name,
  disabled,
  onName,
}: {
  column: string;
  name: string;
  disabled: boolean;
  onName: (name: string) => void;
}) {
  const [text, setText] = useState(name);
  const [seen, setSeen] = useState(name);
  if (seen !== name) {
    setSeen(name);
    setText(name);
  }
  const ok = propertyNameSchema.safeParse(text).success;
  return (
    <input
      type="text"
      className={ok ? 'imp-prop' : 'imp-prop imp-invalid'}
      aria-label={`Property name for ${column}`}
      aria-invalid={!ok}
      title={ok ? undefined : 'letters, digits and _, starting with a letter'}
      value={text}
      disabled={disabled}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (ok && text !== name) onName(text);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && ok && text !== name) onName(text);
      }}
    />
  );
}

export function MappingEditor({ file, kind, mapping, disabled, onKind, onTarget }: MappingEditorProps) {
  const targets = [...(kind === 'nodes' ? NODE_TARGETS : RELATIONSHIP_TARGETS), 'property', 'ignore'];
  return (
    <fieldset className="imp-mapedit" disabled={disabled} aria-label={`Column mapping of ${file}`}>
      <legend>
        Read {file} as{' '}
        <select aria-label={`Read ${file} as`} value={kind} onChange={(e) => onKind(e.target.value as Kind)}>
          <option value="nodes">nodes</option>
          <option value="relationships">relationships</option>
        </select>
      </legend>
      <ul>
        {mapping.map(({ column, target }) => (
          <li key={column}>
            <span className="imp-col">{column}</span> →{' '}
            <select
              aria-label={`Map column ${column}`}
              value={target.to}
              onChange={(e) => {
                const to = e.target.value;
                if (to === 'property') {
                  const fallback = column.split(':')[0]!.replace(/[^\p{L}\p{N}_]/gu, '_');
                  const name = propertyNameSchema.safeParse(fallback).success ? fallback : 'value';
                  onTarget(column, { to: 'property', name });
                } else onTarget(column, { to } as ColumnTargetBody);
              }}
            >
              {targets.map((t) => (
                <option key={t} value={t}>
                  {LABELS[t] ?? t}
                </option>
              ))}
            </select>
            {target.to === 'property' && (
              <PropertyName
                column={column}
                name={target.name}
                disabled={disabled}
                onName={(name) => onTarget(column, { to: 'property', name })}
              />
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
