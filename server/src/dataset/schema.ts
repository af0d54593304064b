/**
 * (Over 400 lines: the format's schema and its validator's messages belong together; every rule has its message
 * next to it.)
 *
 * The Parley data set file format (version 1): a zod schema, its types, and a pure validator.
 *
 * A data set is one JSON file:
 *
 * ```
 * { "version": 1, "sources": [...], "nodes": [...], "relationships": [...] }
 * ```
 *
 * `parseDataset` checks the structure with zod, then the rules that span items (unique ids, references,
 * evidence quotes that must be exact substrings of their source's text). It collects every error, each with
 * a JSON path such as `relationships[3].evidence[0].quote` and a message that says what to fix; `$` is the
 * root of the document. No Neo4j here: the loader turns a `LoadedDataset` into MERGE statements.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import { z } from 'zod';
import { isIsoDate } from '../../../contract';
import { textFileTooBig } from './limits';
import { labelSchema, relationshipTypeSchema } from './names';

// ---------------------------------------------------------------------------------------------------------
// Constants

export const DATASET_VERSION = 1;

export const LABELS = ['Person', 'Agency', 'Meeting', 'Issue', 'Place'] as const;
export type Label = (typeof LABELS)[number];
export const isParleyLabel = (label: string): label is Label => (LABELS as readonly string[]).includes(label);

/** the id prefix each label's nodes must use, e.g. `person:sonata-coulter` */
export const LABEL_ID_PREFIX: Readonly<Record<Label, string>> = {
  Person: 'person',
  Agency: 'agency',
  Meeting: 'meeting',
  Issue: 'issue',
  Place: 'place',
};
export const SOURCE_ID_PREFIX = 'source';

export const ID_PATTERN = /^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const RELATIONSHIP_TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
export const PROPERTY_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** keys the loader sets itself from the top-level fields; `properties` may not shadow them */
export const RESERVED_PROPERTY_KEYS = [
  'id',
  'name',
  'aliases',
  'description',
  'quotes',
  'sourceIds',
  'inferred',
  'inferenceReason',
] as const;
export const MEETING_STATUSES = ['held', 'planned'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

// ---------------------------------------------------------------------------------------------------------
// Schema

const quoteList = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

const nonBlank = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .refine((s) => s.trim().length > 0, { error: `${what} must not be empty` });

function idSchema(what: string) {
  return z
    .string({ error: `${what} must be a string id such as "person:sonata-coulter"` })
    .refine((s) => ID_PATTERN.test(s), {
      error: (iss) =>
        `invalid id ${JSON.stringify(iss.input)}: write "<prefix>:<slug>" in lowercase, e.g. "person:sonata-coulter" ` +
        `(letters prefix, then lowercase letters/digits in words joined by single hyphens)`,
    });
}

const SourceIdSchema = idSchema('the source id').refine(
  (s) => !ID_PATTERN.test(s) || s.startsWith(`${SOURCE_ID_PREFIX}:`),
  {
    error: (iss) =>
      `source ids must start with "${SOURCE_ID_PREFIX}:", e.g. "${SOURCE_ID_PREFIX}:${slugOf(String(iss.input))}"`,
  },
);

const IsoDateOrNull = z.union([z.string(), z.null()]).refine((v) => v === null || isIsoDate(v), {
  error: (iss) => `expected a date written YYYY-MM-DD (e.g. "2025-04-10") or null, got ${describe(iss.input)}`,
});

const PropertyKeySchema = z
  .string()
  .refine((k) => PROPERTY_KEY_PATTERN.test(k), {
    error: (iss) =>
      `invalid property key ${JSON.stringify(iss.input)}: use letters, digits and "_" only, not starting with a digit (e.g. "dateInferred")`,
  })
  .refine((k) => !(RESERVED_PROPERTY_KEYS as readonly string[]).includes(k), {
    error: (iss) =>
      `property key ${JSON.stringify(iss.input)} is reserved (${quoteList(RESERVED_PROPERTY_KEYS)} are set from the top-level fields); ` +
      `use the top-level field or rename the property`,
  })
  .refine((k) => !k.startsWith('__'), { error: 'property keys may not start with "__"' });

const PROPERTY_VALUE_HELP =
  'a property value must be a string, number, boolean or null, or an array of only strings, only numbers or only booleans ' +
  '(no objects, no nested arrays, no nulls inside arrays: Neo4j cannot store them)';

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const PropertyValueSchema = z.union([ScalarSchema, z.array(z.string()), z.array(z.number()), z.array(z.boolean())], {
  error: PROPERTY_VALUE_HELP,
});
export const PropertiesSchema = z.record(PropertyKeySchema, PropertyValueSchema, {
  error: 'properties must be an object of flat key/value pairs, e.g. {"role": "head of delegation"}',
});
export type PropertyValue = z.infer<typeof PropertyValueSchema>;
export type Properties = z.infer<typeof PropertiesSchema>;

const TextFileSchema = z
  .string({ error: 'textFile must be a string path' })
  .refine(
    (p) =>
      p.length > 0 && !path.isAbsolute(p) && !/^[A-Za-z]:/.test(p) && !p.includes('\\') && !p.split('/').includes('..'),
    {
      error: (iss) =>
        `invalid textFile ${JSON.stringify(iss.input)}: give a relative path inside the data file's directory with forward slashes, ` +
        `e.g. "sources/article.txt" (no absolute paths, no "..")`,
    },
  );

export const SourceSchema = z
  .strictObject({
    id: SourceIdSchema,
    name: nonBlank('name'),
    textFile: TextFileSchema.optional(),
    text: z.string({ error: 'text must be a string' }).optional(),
    outlet: z.union([nonBlank('outlet'), z.null()], {
      error: 'outlet must be the outlet name or null when the source does not name it',
    }),
    published: IsoDateOrNull,
    description: z.string({ error: 'description must be a string' }),
  })
  .superRefine((s, ctx) => {
    if (s.text !== undefined && s.textFile !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['textFile'], message: 'give either "text" or "textFile", not both' });
    } else if (s.text === undefined && s.textFile === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'missing the source text: add "textFile" (a path relative to the data file) or "text"',
      });
    } else if (s.text !== undefined && s.text.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'text must not be empty' });
    }
  });

/** checks that only Meeting nodes need: date, status, round and the date-inference markers */
function checkMeetingProperties(props: Properties, ctx: z.RefinementCtx): void {
  const at = (key: string) => ['properties', key];
  if (!('date' in props)) {
    ctx.addIssue({
      code: 'custom',
      path: ['properties'],
      message: 'a Meeting needs properties.date: "YYYY-MM-DD", or null when the date is not known',
    });
  } else if (props.date !== null && !(typeof props.date === 'string' && isIsoDate(props.date))) {
    ctx.addIssue({
      code: 'custom',
      path: at('date'),
      message: `expected a date written YYYY-MM-DD (e.g. "2025-04-10") or null, got ${describe(props.date)}`,
    });
  }
  if (!('status' in props)) {
    ctx.addIssue({
      code: 'custom',
      path: ['properties'],
      message: `a Meeting needs properties.status: one of ${quoteList(MEETING_STATUSES)}`,
    });
  } else if (!(MEETING_STATUSES as readonly unknown[]).includes(props.status)) {
    ctx.addIssue({
      code: 'custom',
      path: at('status'),
      message: `status must be one of ${quoteList(MEETING_STATUSES)}, got ${describe(props.status)}`,
    });
  }
  if ('round' in props && !(typeof props.round === 'number' && Number.isInteger(props.round) && props.round >= 1)) {
    ctx.addIssue({
      code: 'custom',
      path: at('round'),
      message: `round must be a whole number from 1 up (the round the text states), got ${describe(props.round)}`,
    });
  }
  const inferred = props.dateInferred;
  const reason = props.dateInferenceReason;
  if ('dateInferred' in props && typeof inferred !== 'boolean') {
    ctx.addIssue({
      code: 'custom',
      path: at('dateInferred'),
      message: `dateInferred must be true or false, got ${describe(inferred)}`,
    });
  }
  if (inferred === true) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: at('dateInferenceReason'),
        message:
          'dateInferred is true, so add properties.dateInferenceReason saying which part of the date is not in the text and how it was inferred',
      });
    }
    if (props.date === null) {
      ctx.addIssue({
        code: 'custom',
        path: at('dateInferred'),
        message: 'dateInferred is true but date is null: set the inferred date or remove dateInferred',
      });
    }
  } else if ('dateInferenceReason' in props) {
    ctx.addIssue({
      code: 'custom',
      path: at('dateInferenceReason'),
      message:
        'dateInferenceReason is only for inferred dates: set properties.dateInferred to true or remove the reason',
    });
  }
}

export const NodeSchema = z
  .strictObject({
    id: idSchema('the node id'),
    // Parley's labels or the user's own (dataset/names.ts)
    label: labelSchema(LABELS),
    name: nonBlank('name'),
    aliases: z.array(nonBlank('an alias'), {
      error: 'aliases must be an array of strings (use [] when there are none)',
    }),
    description: nonBlank('description'),
    properties: PropertiesSchema,
  })
  .superRefine((n, ctx) => {
    const prefix = isParleyLabel(n.label) ? LABEL_ID_PREFIX[n.label] : null;
    if (prefix === null) {
      if (n.id.startsWith(`${SOURCE_ID_PREFIX}:`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['id'],
          message: `"${SOURCE_ID_PREFIX}:" ids are the sources' own: give this ${n.label} node another prefix, e.g. "${n.label.toLowerCase().replace(/[^a-z0-9]/g, '') || 'node'}:${slugOf(n.id)}"`,
        });
      }
    } else if (ID_PATTERN.test(n.id) && !n.id.startsWith(`${prefix}:`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `a ${n.label} node's id must start with "${prefix}:" (e.g. "${prefix}:${slugOf(n.id)}"), or change its label`,
      });
    }
    if (n.label === 'Meeting') checkMeetingProperties(n.properties, ctx);
  });

export const EvidenceSchema = z.strictObject({
  source: idSchema('evidence.source'),
  quote: nonBlank('quote'),
});

export const RelationshipSchema = z
  .strictObject({
    // Parley's types or the user's own (dataset/names.ts)
    type: relationshipTypeSchema,
    source: idSchema('source'),
    target: idSchema('target'),
    properties: PropertiesSchema,
    evidence: z.array(EvidenceSchema, { error: 'evidence must be an array of {"source", "quote"} objects' }),
    inferred: z.boolean({ error: 'inferred must be true or false' }),
    inferenceReason: nonBlank('inferenceReason').optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.inferred && r.evidence.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence'],
        message:
          'a relationship needs at least one evidence quote: add {"source": "source:…", "quote": "<exact text>"}, ' +
          'or, if the text only implies the fact, set "inferred": true with an "inferenceReason"',
      });
    }
    if (r.inferred && r.inferenceReason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inferenceReason'],
        message: 'an inferred relationship needs an inferenceReason saying why the fact is implied but not stated',
      });
    }
    if (!r.inferred && r.inferenceReason !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['inferenceReason'],
        message: 'only inferred relationships carry an inferenceReason: set "inferred": true or remove the reason',
      });
    }
  });

/** the whole file, item schemas included (parseDataset validates item by item with the same schemas) */
export const DatasetFileSchema = z.strictObject({
  version: z.literal(DATASET_VERSION),
  sources: z.array(SourceSchema),
  nodes: z.array(NodeSchema),
  relationships: z.array(RelationshipSchema),
});

const EnvelopeSchema = z.strictObject(
  {
    version: z.literal(DATASET_VERSION, { error: `version must be ${DATASET_VERSION} (the only format version)` }),
    sources: z.array(z.unknown(), { error: 'sources must be an array' }),
    nodes: z.array(z.unknown(), { error: 'nodes must be an array' }),
    relationships: z.array(z.unknown(), { error: 'relationships must be an array' }),
  },
  { error: 'a data set must be a JSON object: {"version": 1, "sources": [], "nodes": [], "relationships": []}' },
);

export type DatasetFile = z.infer<typeof DatasetFileSchema>;
export type DatasetSource = z.infer<typeof SourceSchema>;
export type DatasetNode = z.infer<typeof NodeSchema>;
export type DatasetEvidence = z.infer<typeof EvidenceSchema>;
export type DatasetRelationship = z.infer<typeof RelationshipSchema>;

export interface LoadedSource {
  id: string;
  name: string;
  /** the source's full text (read from `textFile` when the file gives one) */
  text: string;
  /** the path as written in the data file, or null for inline text */
  textFile: string | null;
  outlet: string | null;
  published: string | null;
  description: string;
}
export interface LoadedDataset {
  version: typeof DATASET_VERSION;
  sources: LoadedSource[];
  nodes: DatasetNode[];
  relationships: DatasetRelationship[];
}

export interface DatasetError {
  /** JSON path of the offending value, e.g. `relationships[3].evidence[0].quote`; `$` is the document root */
  path: string;
  message: string;
  /** 1-based position in the file, for JSON syntax errors */
  line?: number;
  column?: number;
}
export type ParseDatasetResult = { ok: true; dataset: LoadedDataset } | { ok: false; errors: DatasetError[] };

export interface ParseDatasetOptions {
  /** the directory that `textFile` paths are relative to (the data file's directory) */
  baseDir: string;
  /**
   * true: a relationship end that no node of the file has is taken for a node already in the database (the
   * import engine checks it there before writing) instead of an error
   */
  allowExternalNodeIds?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

type PathSegment = string | number;

/** `relationships[3].evidence[0].quote`; `$` for the root; odd keys in brackets: `properties["a b"]` */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '$' : out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

function slugOf(id: string): string {
  const afterColon = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  const slug = afterColon
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'example' : slug;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

interface CollectedError {
  segments: PathSegment[];
  message: string;
  line?: number;
  column?: number;
}

function allowedKeysAt(segments: readonly PathSegment[]): readonly string[] | undefined {
  const shape = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
  const kinds = segments.filter((s) => typeof s === 'string');
  if (segments.length === 0) return shape(EnvelopeSchema);
  if (segments.length === 2 && kinds[0] === 'sources') return shape(SourceSchema);
  if (segments.length === 2 && kinds[0] === 'nodes') return shape(NodeSchema);
  if (segments.length === 2 && kinds[0] === 'relationships') return shape(RelationshipSchema);
  if (segments.length === 4 && kinds[0] === 'relationships' && kinds[1] === 'evidence') return shape(EvidenceSchema);
  return undefined;
}

function zodIssuesToErrors(issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[]): CollectedError[] {
  const out: CollectedError[] = [];
  for (const iss of issues) {
    const segments = [...prefix, ...iss.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(segments);
      for (const key of iss.keys) {
        const hint = allowed ? `; allowed fields here: ${quoteList(allowed)}` : '';
        const extra = allowed?.includes('properties') ? ' (put custom data in "properties")' : '';
        out.push({
          segments: [...segments, key],
          message: `unknown field ${JSON.stringify(key)}: remove it or fix its spelling${hint}${extra}`,
        });
      }
      continue;
    }
    let message = iss.message;
    if (iss.code === 'invalid_key') {
      message = iss.issues[0]?.message ?? 'invalid property key';
    } else if (iss.code === 'invalid_type' && iss.input === undefined && segments.length > 0) {
      const field = segments[segments.length - 1];
      const expected = EXPECTED_WORDS[iss.expected] ?? iss.expected;
      message = `missing required field ${JSON.stringify(field)} (expected ${expected})`;
    } else if (iss.code === 'invalid_type' && message.startsWith('Invalid input')) {
      message = `expected ${EXPECTED_WORDS[iss.expected] ?? iss.expected}, got ${describe(iss.input)}`;
    }
    out.push({ segments, message });
  }
  return out;
}

const TOP_LEVEL_ORDER = ['version', 'sources', 'nodes', 'relationships'];

/** document order: by top-level field (in format order) and item index; otherwise the order found */
function compareSegments(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const rank = (seg: PathSegment | undefined): number => {
    if (seg === undefined) return -1;
    const i = TOP_LEVEL_ORDER.indexOf(String(seg));
    return i === -1 ? TOP_LEVEL_ORDER.length : i;
  };
  const byKey = rank(a[0]) - rank(b[0]);
  if (byKey !== 0) return byKey;
  const ia = typeof a[1] === 'number' ? a[1] : -1;
  const ib = typeof b[1] === 'number' ? b[1] : -1;
  return ia - ib;
}

function finish(errors: CollectedError[]): DatasetError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((p, q) => compareSegments(p.e.segments, q.e.segments) || p.i - q.i)
    .map(({ e }) => {
      const err: DatasetError = { path: formatPath(e.segments), message: e.message };
      if (e.line !== undefined) err.line = e.line;
      if (e.column !== undefined) err.column = e.column;
      return err;
    });
}

/** Levenshtein distance, for "did you mean" hints on unknown ids (and the extractor's spelling variants) */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function didYouMean(id: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(id, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 5))
    ? ` (did you mean "${best}"?)`
    : '';
}

const normaliseForHint = (s: string): string =>
  s
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The evidence rule, shared by every loader and the extraction pipeline (server/src/extract/): a quote must occur
 * in its source's text exactly, character for character.
 */
export function isQuoteOf(quote: string, text: string): boolean {
  return quote.trim().length > 0 && text.includes(quote);
}

/** The evidence rule as a message: null when the quote is in the text; otherwise what says why not. */
export function quoteProblem(quote: string, text: string, sourceId: string): string | null {
  return isQuoteOf(quote, text)
    ? null
    : `quote not found in the text of ${sourceId}: ${explainMissingQuote(quote, text)}`;
}

/** says why `quote` is not in `text`, pointing at where it goes wrong */
export function explainMissingQuote(quote: string, text: string): string {
  if (normaliseForHint(text).includes(normaliseForHint(quote))) {
    return "it differs from the text only in quotation marks, apostrophes, dashes or whitespace: copy it character for character (keep the text's curly quotes ’ “ ”)";
  }
  if (text.toLowerCase().includes(quote.toLowerCase())) {
    return 'it differs from the text only in upper/lower case: copy it character for character';
  }
  // the longest prefix of the quote that occurs in the text (prefix occurrence is monotonic, so bisect)
  let lo = 0;
  let hi = quote.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (text.includes(quote.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return 'no part of it occurs in the text: copy the sentence or clause from the source text';
  const rest = quote.slice(lo, lo + 30);
  return `its first ${lo} characters match the text, then it diverges at ${JSON.stringify(rest)}: copy it character for character`;
}

// ---------------------------------------------------------------------------------------------------------
// Validator

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a parsed data set and resolves its source texts (`textFile` relative to `opts.baseDir`).
 * Collects all errors. Reads text files synchronously and touches nothing else.
 */
export function parseDataset(json: unknown, opts: ParseDatasetOptions): ParseDatasetResult {
  const errors: CollectedError[] = [];
  const env = EnvelopeSchema.safeParse(json, { reportInput: true });
  if (!env.success) errors.push(...zodIssuesToErrors(env.error.issues, []));

  const root = isRecord(json) ? json : {};
  const rawSources = Array.isArray(root.sources) ? (root.sources as unknown[]) : [];
  const rawNodes = Array.isArray(root.nodes) ? (root.nodes as unknown[]) : [];
  const rawRels = Array.isArray(root.relationships) ? (root.relationships as unknown[]) : [];

  // 1. items, one by one, so that one bad item does not hide the others' errors
  const sources: DatasetSource[] = [];
  rawSources.forEach((raw, index) => {
    const r = SourceSchema.safeParse(raw, { reportInput: true });
    if (r.success) sources.push(r.data);
    else errors.push(...zodIssuesToErrors(r.error.issues, ['sources', index]));
  });
  const nodes: DatasetNode[] = [];
  rawNodes.forEach((raw, index) => {
    const r = NodeSchema.safeParse(raw, { reportInput: true });
    if (r.success) nodes.push(r.data);
    else errors.push(...zodIssuesToErrors(r.error.issues, ['nodes', index]));
  });
  const relationships: DatasetRelationship[] = [];
  rawRels.forEach((raw, index) => {
    const r = RelationshipSchema.safeParse(raw, { reportInput: true });
    if (r.success) relationships.push(r.data);
    else errors.push(...zodIssuesToErrors(r.error.issues, ['relationships', index]));
  });

  // 2. ids: unique across sources and nodes. Ids of items that failed (1) still count, so that one bad
  //    item does not cause a cascade of "unknown id" errors elsewhere.
  const firstUse = new Map<string, string>();
  const sourceIds = new Set<string>();
  const nodeIds = new Set<string>();
  const registerId = (kind: 'sources' | 'nodes', items: unknown[]) =>
    items.forEach((raw, index) => {
      const id = isRecord(raw) ? raw.id : undefined;
      if (typeof id !== 'string') return;
      const where = formatPath([kind, index]);
      const earlier = firstUse.get(id);
      if (earlier !== undefined) {
        errors.push({
          segments: [kind, index, 'id'],
          message: `duplicate id ${JSON.stringify(id)}: ${earlier} already uses it; ids must be unique across nodes and sources`,
        });
      } else {
        firstUse.set(id, where);
      }
      (kind === 'sources' ? sourceIds : nodeIds).add(id);
    });
  registerId('sources', rawSources);
  registerId('nodes', rawNodes);

  // 3. source texts: read for every source whose id and text location are usable, even if another of its
  //    fields is wrong, so that quotes are still checked
  const texts = new Map<string, string>();
  rawSources.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.id !== 'string' || texts.has(raw.id)) return;
    if (typeof raw.text === 'string' && raw.textFile === undefined) {
      texts.set(raw.id, raw.text);
      return;
    }
    if (raw.text !== undefined || typeof raw.textFile !== 'string') return;
    if (!TextFileSchema.safeParse(raw.textFile).success) return; // reported in (1)
    const file = path.resolve(opts.baseDir, raw.textFile);
    try {
      // Never follow a symbolic link out of the data file's directory (issue 12, item 8): the text would be
      // served publicly at /api/sources/:id.
      const outside = textFileOutsideDir(file, opts.baseDir);
      if (outside) {
        errors.push({ segments: ['sources', index, 'textFile'], message: outside });
        return;
      }
      const text = readFileSync(file, 'utf8');
      if (text.length === 0) {
        errors.push({
          segments: ['sources', index, 'textFile'],
          message: `the text file ${file} is empty: put the source's text in it`,
        });
      }
      texts.set(raw.id, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'read error';
      errors.push({
        segments: ['sources', index, 'textFile'],
        message: `cannot read the text file ${file} (${code}): fix the path (it is relative to the data file's directory, ${opts.baseDir}) or add the file`,
      });
    }
  });

  // 4. relationships: endpoints, evidence sources and quotes, duplicates. Checked on every relationship,
  //    valid or not, wherever the field itself is well-formed (a malformed field was reported in (1)).
  const wellFormedId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
  const seenRels = new Map<string, number>();
  rawRels.forEach((raw, index) => {
    if (!isRecord(raw)) return;
    for (const end of ['source', 'target'] as const) {
      const id = raw[end];
      if (!wellFormedId(id) || nodeIds.has(id)) continue;
      if (opts.allowExternalNodeIds && !sourceIds.has(id)) continue;
      errors.push({
        segments: ['relationships', index, end],
        message: sourceIds.has(id)
          ? `${JSON.stringify(id)} is a source, not a node: relationships connect nodes (cite sources in "evidence")`
          : `unknown node id ${JSON.stringify(id)}: no node has this id${didYouMean(id, nodeIds)}; add the node or fix the id`,
      });
    }
    const evidence = Array.isArray(raw.evidence) ? (raw.evidence as unknown[]) : [];
    evidence.forEach((ev, j) => {
      if (!isRecord(ev) || !wellFormedId(ev.source)) return;
      if (!sourceIds.has(ev.source)) {
        errors.push({
          segments: ['relationships', index, 'evidence', j, 'source'],
          message: nodeIds.has(ev.source)
            ? `${JSON.stringify(ev.source)} is a node, not a source: evidence must cite a "source:…" id from "sources"`
            : `unknown source id ${JSON.stringify(ev.source)}${didYouMean(ev.source, sourceIds)}: add it to "sources" or fix the id`,
        });
        return;
      }
      const text = texts.get(ev.source);
      if (text === undefined || typeof ev.quote !== 'string' || ev.quote.trim() === '') return;
      const bad = quoteProblem(ev.quote, text, ev.source);
      if (bad) errors.push({ segments: ['relationships', index, 'evidence', j, 'quote'], message: bad });
    });
    const { type, source, target } = raw;
    if (typeof type !== 'string' || !wellFormedId(source) || !wellFormedId(target)) return;
    const key = `${source}\u0000${type}\u0000${target}`;
    const earlier = seenRels.get(key);
    if (earlier !== undefined) {
      errors.push({
        segments: ['relationships', index],
        message: `duplicate relationship ${source} -[${type}]-> ${target}: relationships[${earlier}] already states it (the loader would merge them); combine their evidence into one entry`,
      });
    } else {
      seenRels.set(key, index);
    }
  });

  const loadedSources: LoadedSource[] = sources.map((s) => ({
    id: s.id,
    name: s.name,
    text: texts.get(s.id) ?? '',
    textFile: s.textFile ?? null,
    outlet: s.outlet,
    published: s.published,
    description: s.description,
  }));

  if (errors.length > 0) return { ok: false, errors: finish(errors) };
  return {
    ok: true,
    dataset: {
      version: DATASET_VERSION,
      sources: loadedSources,
      nodes,
      relationships,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading a file

const SYNTAX_HELP: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a double-quoted property name (a trailing comma before "}" is not allowed in JSON)',
  ValueExpected: 'expected a value (a trailing comma before "]" is not allowed in JSON)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between items, or a closing "}" / "]"',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected content after the end of the JSON document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment (comments are not allowed in JSON)',
  UnexpectedEndOfString: 'unterminated string: add the closing double quote',
  UnexpectedEndOfNumber: 'incomplete number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'invalid character in a string (control characters such as tabs and newlines must be escaped)',
};

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** JSON syntax errors (first one) and duplicate keys, with 1-based line/column */
function scanJson(text: string): CollectedError[] {
  const out: CollectedError[] = [];
  let syntaxSeen = false;
  const keyStack: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        keyStack.push(new Set());
      },
      onObjectEnd: () => {
        keyStack.pop();
      },
      onObjectProperty: (
        property: string,
        _offset: number,
        _length: number,
        startLine: number,
        startCharacter: number,
        pathSupplier: () => JSONPath,
      ) => {
        const keys = keyStack[keyStack.length - 1];
        if (!keys) return;
        if (keys.has(property)) {
          out.push({
            segments: [...pathSupplier(), property],
            message: `duplicate key ${JSON.stringify(property)} in the same object (JSON keeps only the last one): remove or rename one`,
            line: startLine + 1,
            column: startCharacter + 1,
          });
        }
        keys.add(property);
      },
      onError: (code, _offset, _length, startLine, startCharacter) => {
        if (syntaxSeen) return; // later errors are mostly consequences of the first
        syntaxSeen = true;
        const name = printParseErrorCode(code);
        out.push({
          segments: [],
          message: `JSON syntax error at line ${startLine + 1}, column ${startCharacter + 1}: ${SYNTAX_HELP[name] ?? name}`,
          line: startLine + 1,
          column: startCharacter + 1,
        });
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return out;
}

/** Why `file` may not be read (its real path is outside `baseDir`'s, or it is too big), or null. */
function textFileOutsideDir(file: string, baseDir: string): string | null {
  const real = realpathSync(file);
  const base = realpathSync(baseDir);
  if (real !== base && !real.startsWith(base + path.sep)) {
    return `the text file ${file} is a symbolic link to ${real}, outside the data file's directory ${base}: copy the text into that directory instead`;
  }
  return textFileTooBig(real);
}

/** Reads, parses and validates a data set file; `textFile` paths are resolved relative to its directory. */
export function readDatasetFile(filePath: string, opts: Partial<ParseDatasetOptions> = {}): ParseDatasetResult {
  let raw: string;
  try {
    raw = readFileSync(filePath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'read error';
    return {
      ok: false,
      errors: [
        { path: '$', message: `cannot read the data set file ${path.resolve(filePath)} (${code}): check the path` },
      ],
    };
  }
  return parseDatasetText(raw, { baseDir: path.dirname(path.resolve(filePath)), ...opts });
}

/** Parses and validates the text of a data set file (JSON syntax errors with line and column). */
export function parseDatasetText(raw: string, opts: ParseDatasetOptions): ParseDatasetResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const scanned = scanJson(text).filter((err) => err.segments.length === 0);
    if (scanned.length > 0) return { ok: false, errors: finish(scanned) };
    // the scanner and JSON.parse disagree (should not happen): fall back to the engine's message
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineColumnAt(text, Number(pos[1])) : undefined;
    const err: DatasetError = {
      path: '$',
      message: `JSON syntax error${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${message}`,
    };
    if (where) Object.assign(err, where);
    return { ok: false, errors: [err] };
  }
  const duplicateKeys = scanJson(text);
  const result = parseDataset(json, opts);
  if (duplicateKeys.length === 0) return result;
  const collected: CollectedError[] = [...duplicateKeys];
  if (!result.ok) {
    for (const e of result.errors) collected.push({ segments: pathToSegments(e.path), message: e.message });
  }
  return { ok: false, errors: finish(collected) };
}

/** inverse of formatPath, for re-sorting merged error lists */
function pathToSegments(p: string): PathSegment[] {
  if (p === '$') return [];
  const out: PathSegment[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/g;
  for (let m = re.exec(p); m; m = re.exec(p)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}
