/** Request and response schemas of the duplicates API (zod; types inferred). */
import { z } from 'zod';

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .describe('an entity id such as person:sonata-coulter, or a Neo4j element id');

const reviewer = z
  .string()
  .trim()
  .min(1, 'must not be empty when given')
  .max(200, 'must be at most 200 characters')
  .optional()
  .describe('who reviewed it (free text, recorded with the merge)');

export const duplicatesQuery = z.object({
  label: z
    .string()
    .regex(/^[\p{L}_][\p{L}\p{N}_]{0,127}$/u, 'must be a label name (letters, digits and _)')
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 500' })
    .int('must be a whole number from 1 to 500')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(50),
});

export const nodeRef = z.object({ id: z.string(), name: z.string(), labels: z.array(z.string()) });
export const reason = z.object({ code: z.string(), text: z.string() });

export const duplicateCandidate = z.object({
  a: nodeRef,
  b: nodeRef,
  score: z.number().min(0).max(1),
  reasons: z.array(reason),
});

export const duplicatesResponse = z.object({
  candidates: z.array(duplicateCandidate),
  /** how many nodes were looked at */
  scanned: z.number().int(),
  /** true when the label had more nodes than one scan reads (DUPLICATE_SCAN_LIMIT) */
  truncated: z.boolean(),
});

export const mergeRequest = z.object({ keep: id, merge: id, reviewer });
export const dismissRequest = z.object({ a: id, b: id, reviewer });
export const mergeIdParams = z.object({ id: z.string().min(1).max(200) });
export const undoRequest = z.object({ reviewer }).optional();

export const mergeRecord = z.object({
  id: z.string(),
  at: z.string(),
  /** the reviewer named in the request, if any */
  by: z.string().nullable(),
  /** true when the request carried the server's PARLEY_TOKEN or a signed-in account's token */
  authenticated: z.boolean(),
  /** the signed-in account that merged (accounts on), else null */
  user: z.string().nullable().optional(),
  status: z.enum(['merged', 'undone']),
  keep: nodeRef,
  merge: nodeRef,
  /** relationships moved to the kept node, folded into one it had, and dropped (between the two) */
  moved: z.number().int(),
  folded: z.number().int(),
  dropped: z.number().int(),
  aliasesAdded: z.array(z.string()),
  /** property keys whose merged-away values were kept in `mergedValues` */
  conflicts: z.array(z.string()),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
});

export const mergeListResponse = z.object({ merges: z.array(mergeRecord) });

export const dismissResponse = z.object({
  a: z.string(),
  b: z.string(),
  at: z.string(),
  by: z.string().nullable(),
  /** false when the pair was already recorded */
  created: z.boolean(),
});

export type DuplicatesQuery = z.infer<typeof duplicatesQuery>;
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;
export type DuplicatesResponse = z.infer<typeof duplicatesResponse>;
export type MergeRequest = z.infer<typeof mergeRequest>;
export type DismissRequest = z.infer<typeof dismissRequest>;
export type MergeRecord = z.infer<typeof mergeRecord>;
export type MergeListResponse = z.infer<typeof mergeListResponse>;
export type DismissResponse = z.infer<typeof dismissResponse>;
