/**
 * The import API's request and response shapes (zod; types inferred), for the server's routes and the
 * client's Import page. (To move into the shared contract with the rest.)
 */
import { z } from 'zod';
import { ColumnTarget } from './import-mapping';

export const ImportQuery = z.object({
  dryRun: z
    .enum(['1', '0', 'true', 'false'], { error: 'must be 1 (preview only) or 0' })
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  rule: z
    .enum(['keep', 'replace'], { error: 'must be "keep" (stored values win) or "replace" (the file wins)' })
    .default('keep'),
  batchSize: z.coerce.number().int().min(1).max(50_000).optional(),
});

const Where = {
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  path: z.string().optional(),
};
export const ImportProblem = z.object({ ...Where, message: z.string() });
const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), conflicts: z.number() });
const Value = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);
export const ImportPlan = z.object({
  labels: z.record(z.string(), Counts),
  types: z.record(z.string(), Counts),
  conflicts: z.array(z.object({ id: z.string(), key: z.string(), stored: Value, incoming: Value })),
  totals: z.object({ nodes: z.number(), relationships: z.number(), sources: z.number() }),
});
const NodeBrief = z.object({ id: z.string(), name: z.string().nullable(), labels: z.array(z.string()) });
export const ImportPreview = z.object({
  ok: z.boolean(),
  problems: z.array(ImportProblem),
  files: z.array(
    z.object({
      file: z.string(),
      kind: z.string(),
      rows: z.number(),
      columns: z.array(z.object({ column: z.string(), mapsTo: z.string() })),
      sample: z.array(z.record(z.string(), z.string())),
      mapping: z
        .array(z.object({ column: z.string(), target: ColumnTarget }))
        .optional()
        .describe(
          "Parley's nodes/relationships CSV only: each column of the file's header and what it becomes (editable: send `mapping`)",
        ),
    }),
  ),
  plan: ImportPlan.nullable(),
  possibleDuplicates: z.array(
    z.object({ incoming: NodeBrief, existing: NodeBrief, score: z.number(), reasons: z.array(z.string()) }),
  ),
});
export const ImportRecord = z.object({
  id: z.string(),
  status: z.enum(['running', 'rolling-back', 'committed', 'failed', 'undone']).or(z.string()),
  files: z.array(z.string()),
  by: z.string().nullable(),
  rule: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  done: z.number(),
  total: z.number(),
  counts: z.unknown(),
  error: z.string().nullable(),
});
export const ImportResult = z.object({
  id: z.string(),
  status: z.string(),
  plan: ImportPlan,
  ms: z.number(),
  error: z.string().nullable(),
});
/** one line of the NDJSON stream (`Accept: application/x-ndjson`): progress lines, then the result or an error */
export const ImportStreamLine = z.union([
  z.object({
    type: z.literal('progress'),
    phase: z.string(),
    done: z.number(),
    total: z.number(),
    rate: z.number(),
    etaMs: z.number().nullable(),
    elapsedMs: z.number(),
  }),
  z.object({ type: z.literal('result'), result: ImportResult }),
  z.object({
    type: z.literal('error'),
    status: z.number(),
    error: z.string(),
    message: z.string(),
    problems: z.array(ImportProblem).optional(),
  }),
]);

export type ImportPreviewBody = z.infer<typeof ImportPreview>;
export type ImportRecordBody = z.infer<typeof ImportRecord>;
export type ImportResultBody = z.infer<typeof ImportResult>;
export type ImportStreamLineBody = z.infer<typeof ImportStreamLine>;
