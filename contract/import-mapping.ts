/**
 * The column mapping of an import: for each CSV file of Parley's two-file shape, what each column of its header
 * becomes. The Import page shows the mapping the server reads by default (`defaultColumnTarget`, the same rule
 * the readers apply to header names) and lets the user change it; `POST /api/imports` takes the edited mapping
 * as a multipart field `mapping` (JSON, validated here) and renames the header accordingly before reading.
 *
 * Decision: only Parley's nodes and relationships CSV files are mapped (JSON, GEXF, GraphML and neo4j-admin files
 * carry their own names); a column left out of a mapping keeps its default.
 */
import { z } from 'zod';

export const NODE_TARGETS = ['id', 'label', 'name', 'aliases', 'description'] as const;
export const RELATIONSHIP_TARGETS = [
  'source',
  'target',
  'type',
  'date',
  'quote',
  'source_id',
  'inferred',
  'inference_reason',
] as const;
export type NodeTarget = (typeof NODE_TARGETS)[number];
export type RelationshipTarget = (typeof RELATIONSHIP_TARGETS)[number];

/** a property name a user types: an identifier, not one of Parley's own keys */
export const propertyNameSchema = z
  .string()
  .regex(/^[\p{L}_][\p{L}\p{N}_]{0,127}$/u, 'a property name uses letters, digits and _, starting with a letter')
  .refine((k) => !k.startsWith('__') && !k.startsWith('_parley'), 'names starting with __ or _parley are Parley’s');

export const ColumnTarget = z.union([
  z.object({ to: z.enum([...NODE_TARGETS, ...RELATIONSHIP_TARGETS, 'ignore']) }),
  z.object({ to: z.literal('property'), name: propertyNameSchema }),
]);
export type ColumnTargetBody = z.infer<typeof ColumnTarget>;

export const MAPPED_KINDS = { 'nodes-csv': 'nodes', 'relationships-csv': 'relationships' } as const;

export const FileMapping = z
  .object({
    kind: z.enum(['nodes', 'relationships']),
    columns: z.record(z.string().min(1).max(200), ColumnTarget),
  })
  .superRefine((m, ctx) => {
    const allowed: readonly string[] = m.kind === 'nodes' ? NODE_TARGETS : RELATIONSHIP_TARGETS;
    const used = new Map<string, string>();
    for (const [column, t] of Object.entries(m.columns)) {
      if (t.to === 'ignore') continue;
      if (t.to !== 'property' && !allowed.includes(t.to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', column],
          message: `a ${m.kind} file has no "${t.to}" column: map ${JSON.stringify(column)} to one of ${allowed.join(', ')}, a property or ignore`,
        });
        continue;
      }
      const key = t.to === 'property' ? `property ${t.name}` : t.to;
      const earlier = used.get(key);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', column],
          message: `${JSON.stringify(earlier)} and ${JSON.stringify(column)} both map to ${key}: map one of them elsewhere`,
        });
      } else used.set(key, column);
    }
  });
export type FileMappingBody = z.infer<typeof FileMapping>;

/** file name → its mapping */
export const ImportMapping = z.record(z.string().min(1).max(255), FileMapping);
export type ImportMappingBody = z.infer<typeof ImportMapping>;

/**
 * A mapping as sent (its JSON already parsed) checked against ImportMapping: the mapping, or its first problem in
 * words (`at <path>: <message>`). The API's field `mapping` and `npm run load -- --mapping <file>` both use it.
 */
export function checkImportMapping(
  json: unknown,
): { ok: true; mapping: ImportMappingBody } | { ok: false; problem: string } {
  const r = ImportMapping.safeParse(json);
  if (r.success) return { ok: true, mapping: r.data };
  const first = r.error.issues[0]!;
  return { ok: false, problem: `at ${first.path.map(String).join('.') || '(root)'}: ${first.message}` };
}

/** the property name and the neo4j-admin style type of a header such as `born:int` */
function splitHeader(header: string): { base: string; type: string | null } {
  const i = header.indexOf(':');
  return i < 0 ? { base: header.trim(), type: null } : { base: header.slice(0, i).trim(), type: header.slice(i + 1) };
}

/** What a column becomes when the user does not say: the rule the readers apply to the header name. */
export function defaultColumnTarget(kind: 'nodes' | 'relationships', header: string): ColumnTargetBody {
  const base = splitHeader(header).base;
  const lower = base.toLowerCase();
  if (kind === 'nodes') {
    if (lower === 'labels') return { to: 'label' };
    if ((NODE_TARGETS as readonly string[]).includes(lower)) return { to: lower as NodeTarget };
  } else if ((RELATIONSHIP_TARGETS as readonly string[]).includes(lower)) {
    return { to: lower as RelationshipTarget };
  }
  return { to: 'property', name: base };
}

/**
 * The header a column is read under once mapped: a target's own name, a property's name (keeping the column's
 * type suffix, `born:int`), or null when the column is ignored.
 */
export function mappedHeader(header: string, target: ColumnTargetBody): string | null {
  if (target.to === 'ignore') return null;
  if (target.to !== 'property') return target.to;
  const { type } = splitHeader(header);
  return type === null ? target.name : `${target.name}:${type}`;
}
