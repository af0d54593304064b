/**
 * The extraction API's request and answer (zod; types inferred). The lead moves these into the shared contract.
 * `key` of an entity is the id it would get in a data set ("person:sonata-coulter"); `match` proposes an
 * existing node of the graph instead. Every quote is an exact substring of `source.text`.
 */
import { z } from 'zod';
import { isIsoDate } from './dates';

/** the longest text the pipeline accepts (about 9,000 words; reading takes about 0.5 ms a word, on the event loop); longer answers 413 */
export const MAX_TEXT_CHARS = 60_000;
/** the largest uploaded file (HTML, PDF or text) */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

const isoDate = z.string().refine(isIsoDate, { error: 'must be a real date written YYYY-MM-DD, e.g. "2025-04-11"' });
const shortText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty (leave it out instead)`)
    .max(max, `${what} must be at most ${max} characters`);

export const ExtractRequestSchema = z.strictObject({
  text: z
    .string({ error: 'text must be a string: the article to read' })
    .refine((s) => s.trim().length > 0, { error: 'text must not be empty: paste the article' }),
  title: shortText('title', 500).optional(),
  outlet: shortText('outlet', 200).optional(),
  published: isoDate.optional(),
  /** how to read `text`: plain text (default) or an HTML page whose main text is extracted */
  format: z.enum(['text', 'html']).optional(),
});
export type ExtractRequest = z.infer<typeof ExtractRequestSchema>;

export const EntityMatchSchema = z.object({
  id: z.string(),
  score: z.number(),
  reason: z.string(),
  name: z.string().optional(),
});
export type EntityMatch = z.infer<typeof EntityMatchSchema>;

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const ProposedEntitySchema = z.object({
  key: z.string(),
  label: z.enum(['Person', 'Agency', 'Place', 'Issue']),
  name: z.string(),
  aliases: z.array(z.string()),
  quotes: z.array(z.string()),
  confidence: z.number().min(0).max(1),
  properties: z.record(z.string(), propertyValue),
  /** the rule that found it (rules.ts / mentions.ts) */
  rule: z.string(),
  match: EntityMatchSchema.optional(),
});
export type ProposedEntity = z.infer<typeof ProposedEntitySchema>;

export const ProposedRelationshipSchema = z.object({
  type: z.string(),
  source: z.string(),
  target: z.string(),
  quote: z.string(),
  confidence: z.number().min(0).max(1),
  inferred: z.boolean(),
  inferenceReason: z.string().optional(),
  properties: z.record(z.string(), propertyValue),
  rule: z.string(),
});
export type ProposedRelationship = z.infer<typeof ProposedRelationshipSchema>;

export const ProposedMeetingSchema = z.object({
  key: z.string(),
  name: z.string(),
  status: z.enum(['held', 'planned']),
  /** YYYY-MM-DD, or null when the text (with the publication date, if given) does not fix it */
  date: z.string().nullable(),
  /** the date as the text writes it */
  dateText: z.string().nullable(),
  /** MM-DD when month and day are stated but not the year */
  monthDay: z.string().nullable(),
  time: z.string().nullable(),
  dateInferred: z.boolean(),
  dateInferenceReason: z.string().optional(),
  round: z.number().int().optional(),
  place: z.string().nullable(),
  attendees: z.array(z.string()),
  quotes: z.array(z.string()),
  confidence: z.number().min(0).max(1),
});
export type ProposedMeeting = z.infer<typeof ProposedMeetingSchema>;

export const ProposedSourceSchema = z.object({
  key: z.string(),
  name: z.string(),
  text: z.string(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  description: z.string(),
});
export type ProposedSource = z.infer<typeof ProposedSourceSchema>;

export const ExtractResponseSchema = z.object({
  source: ProposedSourceSchema,
  entities: z.array(ProposedEntitySchema),
  relationships: z.array(ProposedRelationshipSchema),
  meetings: z.array(ProposedMeetingSchema),
  /** why the answer is empty or partial (another language, no sentences, …) */
  warnings: z.array(z.string()),
  stats: z.object({ sentences: z.number().int(), words: z.number().int(), ms: z.number() }),
});
export type ExtractResponse = z.infer<typeof ExtractResponseSchema>;
/** what the pipeline proposes: the answer of POST /api/extract */
export type Proposals = ExtractResponse;

/**
 * POST /api/extract/dataset: the proposals as answered (names and labels edited by the analyst) and which of
 * them were accepted → the Parley data set the import engine writes. Entities and meetings are named by key,
 * relationships by their index in `proposals.relationships`; `merges` maps an accepted entity's key to the id of
 * an existing node it is (its proposal's `match`), so nothing is duplicated. Nothing is written.
 */
export const ExtractDatasetRequestSchema = z.strictObject({
  proposals: ExtractResponseSchema,
  accepted: z.strictObject({
    entities: z.array(z.string()).max(5000),
    meetings: z.array(z.string()).max(5000),
    relationships: z.array(z.number().int().min(0)).max(20000),
  }),
  merges: z.record(z.string(), z.string().min(1)).optional(),
});
export type ExtractDatasetRequest = z.infer<typeof ExtractDatasetRequestSchema>;

export const ExtractDatasetResponseSchema = z.object({
  /** a Parley data set (data/README.md), ready for POST /api/imports as a `.json` file */
  dataset: z.looseObject({
    version: z.literal(1),
    sources: z.array(z.unknown()),
    nodes: z.array(z.looseObject({ id: z.string() })),
    relationships: z.array(z.unknown()),
  }),
  /** accepted relationships left out, and why (an end not accepted) */
  dropped: z.array(z.string()),
});
export type ExtractDatasetResponse = z.infer<typeof ExtractDatasetResponseSchema>;
