/**
 * Any Neo4j database: what Parley finds in a database it did not create (labels with their caption, string and
 * date-like properties), the one caption rule, the full-text index it offers to create, and the caption
 * settings remembered per database.
 */
import { z } from 'zod';

/** A label, relationship type or property key as the client may name it in a request. */
export const nameSchema = z
  .string()
  .regex(/^[\p{L}_][\p{L}\p{N}_]{0,127}$/u, 'must be a label or property name (letters, digits and _)');

/**
 * The caption rule, one for the whole of Parley: `name`, else `title`, else the first string property in
 * alphabetical order other than `id`, else `id`; null when the label has no string property at all.
 * (Alphabetical, because Neo4j keeps no order of a node's keys: the rule must give one answer per label.)
 */
export function captionProperty(stringProperties: readonly string[]): string | null {
  if (stringProperties.includes('name')) return 'name';
  if (stringProperties.includes('title')) return 'title';
  const others = stringProperties.filter((k) => k !== 'id').sort();
  if (others.length > 0) return others[0]!;
  return stringProperties.includes('id') ? 'id' : null;
}

export const datePropertySchema = z
  .object({
    property: z.string(),
    kind: z
      .enum(['date', 'datetime', 'iso-string', 'year'])
      .describe(
        'date: Neo4j dates; datetime: Neo4j (local) datetimes; iso-string: strings such as 2025-02-27, 2025-02 or 2025; year: whole numbers from 1000 to 2100',
      ),
  })
  .meta({ id: 'DateProperty' });
export type DateProperty = z.infer<typeof datePropertySchema>;

export const labelInfoSchema = z
  .object({
    label: z.string(),
    count: z.number(),
    caption: z
      .string()
      .nullable()
      .describe('the property shown as the name of these nodes: the setting if one is saved, else the caption rule'),
    captionSource: z.enum(['rule', 'setting']),
    stringProperties: z
      .array(z.string())
      .describe('properties holding strings or lists of strings (in the sampled nodes), sorted'),
    dateProperties: z.array(datePropertySchema).describe('properties whose every sampled value is date-like'),
  })
  .meta({ id: 'LabelInfo' });
export type LabelInfo = z.infer<typeof labelInfoSchema>;

export const modelSchema = z
  .object({
    parley: z
      .boolean()
      .describe("true when the database holds Parley's model: Person and Meeting nodes and ATTENDED relationships"),
    missing: z.array(z.string()).describe('what of that model is missing, e.g. "Meeting nodes"'),
  })
  .meta({ id: 'Model' });
export type Model = z.infer<typeof modelSchema>;

// ---------------------------------------------------------------------------------------------------------
// The full-text index Parley offers to create

export const SEARCH_INDEX_NAME = 'parley_search';

export const searchIndexStatusSchema = z.object({
  name: z.string().describe(`the index Parley creates: ${SEARCH_INDEX_NAME}`),
  exists: z.boolean(),
  state: z.string().nullable().describe('ONLINE, POPULATING, FAILED… (null when it does not exist)'),
  covers: z.boolean().describe('true when an online index covers every label and every string property found'),
  labels: z.array(z.string()).describe('the labels the index covers, or would cover once created'),
  properties: z.array(z.string()).describe('the string properties the index covers, or would cover once created'),
  missing: z
    .object({ labels: z.array(z.string()), properties: z.array(z.string()) })
    .describe('what the existing index lacks (everything when it does not exist)'),
  owned: z
    .boolean()
    .describe('true when Parley owns the database (it created it), so it may create the index by itself'),
  statement: z.string().describe('the Cypher POST /api/search/index runs (after dropping an outdated index)'),
});
export type SearchIndexStatus = z.infer<typeof searchIndexStatusSchema>;

// ---------------------------------------------------------------------------------------------------------
// Caption settings, remembered in the database

export const captionSettingsSchema = z.object({
  captions: z
    .record(nameSchema, nameSchema)
    .describe('label → the property shown as its nodes’ name, overriding the caption rule'),
});
export type CaptionSettings = z.infer<typeof captionSettingsSchema>;
