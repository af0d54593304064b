/**
 * What Parley knows of any Neo4j database, its own or one it did not create: labels with their caption, string
 * and date-like properties (from a sample of each label), relationship-type counts, whether Parley's model is
 * there, the full-text index Parley offers to create over every string property, and the caption settings it
 * remembers in the database (a `ParleySettings` node).
 *
 * Decisions: settings live in the database (not the browser), so every user of one database sees the same
 * captions and another database keeps its own. The introspection is cached for CACHE_MS, because search needs
 * it on every keystroke; writes through Parley (settings, the index) clear the cache.
 */
import {
  captionProperty,
  captionSettingsSchema,
  SEARCH_INDEX_NAME,
  type CaptionSettings,
  type DateProperty,
  type LabelInfo,
  type Model,
  type SchemaResponse,
  type SearchIndexStatus,
} from '../../../contract';
import { shared } from '../neo4j/admission';
import type { Db } from '../neo4j/db';
import { quoteDbName } from '../neo4j/names';
import type { Plain } from '../neo4j/convert';
import { badRequest, HttpError } from '../errors';

const CACHE_MS = 10_000;
const SAMPLE = 200;

export interface FulltextIndex {
  name: string;
  state: string;
  labels: string[];
  properties: string[];
}

interface SampledProperty {
  key: string;
  types: string[];
  seen: number;
  isoLike: number;
  yearLike: number;
}

const isString = (t: string) => t === 'STRING NOT NULL' || t === 'STRING';
const isStringList = (t: string) => /^LIST<STRING( NOT NULL)?>/.test(t);

/** Date-like: every sampled value is a Neo4j date or datetime, an ISO-like string, or a year (1000–2100). */
export function dateKind(p: SampledProperty): DateProperty['kind'] | null {
  const types = p.types.map((t) => t.replace(/ NOT NULL$/, ''));
  if (p.seen === 0 || types.length === 0) return null;
  if (types.every((t) => t === 'DATE')) return 'date';
  if (types.every((t) => t === 'DATE' || t === 'LOCAL DATETIME' || t === 'ZONED DATETIME')) return 'datetime';
  if (types.every((t) => t === 'STRING') && p.isoLike === p.seen) return 'iso-string';
  if (types.every((t) => t === 'INTEGER') && p.yearLike === p.seen) return 'year';
  return null;
}

/** One label's facts from its sampled properties; `captions` are the saved settings. */
export function describeLabel(
  label: string,
  count: number,
  props: SampledProperty[],
  captions: Record<string, string>,
): LabelInfo {
  const stringProperties = props
    .filter((p) => p.types.some((t) => isString(t) || isStringList(t)))
    .map((p) => p.key)
    .sort();
  const scalar = props.filter((p) => p.types.some(isString)).map((p) => p.key);
  const dateProperties = props.flatMap((p) => {
    const kind = dateKind(p);
    return kind ? [{ property: p.key, kind }] : [];
  });
  const setting = captions[label];
  return {
    label,
    count,
    caption: setting ?? captionProperty(scalar),
    captionSource: setting ? 'setting' : 'rule',
    stringProperties,
    dateProperties,
  };
}

function asArray(v: Plain | undefined): Plain[] {
  return Array.isArray(v) ? v : [];
}

export function createCatalogRepository(db: Db, opts: { ownsDatabase?: boolean } = {}) {
  interface Catalog {
    at: number;
    labels: LabelInfo[];
    types: { type: string; count: number }[];
  }
  let cached: Catalog | null = null;

  async function captions(): Promise<CaptionSettings> {
    const [row] = await db.query('settings-get', { key: 'captions' });
    if (typeof row?.value !== 'string') return { captions: {} };
    try {
      const parsed = captionSettingsSchema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : { captions: {} };
    } catch {
      return { captions: {} };
    }
  }

  /** the load in flight: concurrent requests when the cache runs out share one introspection, not one each */
  let loading: Promise<Catalog> | null = null;

  function load(): Promise<Catalog> {
    if (cached && Date.now() - cached.at < CACHE_MS) return Promise.resolve(cached);
    // shared: no one request's disconnect may stop the load the others wait on (neo4j/admission.ts)
    loading ??= shared(introspect).finally(() => {
      loading = null;
    });
    return loading;
  }

  async function introspect(): Promise<Catalog> {
    const [rows, [counts], saved] = await Promise.all([
      db.query('schema-properties', { sample: SAMPLE }),
      db.query('schema-counts'),
      captions(),
    ]);
    const labels = rows.map((r) =>
      describeLabel(
        String(r.label),
        Number(r.count),
        asArray(r.properties) as unknown as SampledProperty[],
        saved.captions,
      ),
    );
    const types = asArray(counts?.types) as { type: string; count: number }[];
    cached = { at: Date.now(), labels, types };
    return cached;
  }

  function refresh() {
    cached = null;
    indexes = null;
  }

  async function labels(): Promise<LabelInfo[]> {
    return (await load()).labels;
  }

  function modelOf(labels: LabelInfo[], types: { type: string; count: number }[]): Model {
    const has = (l: string) => labels.some((x) => x.label === l && x.count > 0);
    const missing = [
      ...(has('Person') ? [] : ['Person nodes']),
      ...(has('Meeting') ? [] : ['Meeting nodes']),
      ...(types.some((t) => t.type === 'ATTENDED' && t.count > 0) ? [] : ['ATTENDED relationships']),
    ];
    return { parley: missing.length === 0, missing };
  }

  async function model(): Promise<Model> {
    const { labels, types } = await load();
    return modelOf(labels, types);
  }

  async function schema(): Promise<SchemaResponse> {
    const { labels, types } = await load();
    return { labels, relationshipTypes: types, model: modelOf(labels, types) };
  }

  async function saveCaptions(next: CaptionSettings): Promise<CaptionSettings> {
    const known = await labels();
    const problems: string[] = [];
    for (const [label, property] of Object.entries(next.captions)) {
      const info = known.find((l) => l.label === label);
      if (!info) problems.push(`no label "${label}" in this database`);
      else if (!info.stringProperties.includes(property)) {
        problems.push(
          `"${property}" is not a string property of ${label} (choose one of: ${info.stringProperties.join(', ') || 'none'})`,
        );
      }
    }
    if (problems.length > 0) throw badRequest(`Cannot save these captions: ${problems.join('; ')}.`);
    await db.query('settings-put', { key: 'captions', value: JSON.stringify(next) }, { mode: 'write' });
    refresh();
    return next;
  }

  /**
   * The full-text indexes, kept CACHE_MS like the labels (search asks on every keystroke; SHOW INDEXES was a
   * second statement per search); an index still populating is asked again on every call until it is online.
   */
  let indexes: { at: number; list: Promise<FulltextIndex[]> } | null = null;

  function fulltextIndexes(): Promise<FulltextIndex[]> {
    if (indexes && Date.now() - indexes.at < CACHE_MS) return indexes.list;
    const list = shared(() => db.query('fulltext-indexes')).then((rows) =>
      rows.map((r) => ({
        name: String(r.name),
        state: String(r.state),
        labels: asArray(r.labels).map(String),
        properties: asArray(r.properties).map(String),
      })),
    );
    const entry = { at: Date.now(), list };
    indexes = entry;
    list.then(
      (all) => {
        if (indexes === entry && all.some((i) => i.state !== 'ONLINE')) indexes = null;
      },
      () => {
        if (indexes === entry) indexes = null;
      },
    );
    return list;
  }

  /** The labels and string properties an index must cover, and the statement that creates it. */
  function wanted(all: LabelInfo[]) {
    const withStrings = all.filter((l) => l.count > 0 && l.stringProperties.length > 0);
    const labels = withStrings.map((l) => l.label).sort();
    const properties = [...new Set(withStrings.flatMap((l) => l.stringProperties))].sort();
    const statement =
      labels.length === 0
        ? ''
        : `CREATE FULLTEXT INDEX ${SEARCH_INDEX_NAME} IF NOT EXISTS FOR (n:${labels.map(quoteDbName).join('|')}) ` +
          `ON EACH [${properties.map((p) => `n.${quoteDbName(p)}`).join(', ')}] ` +
          "OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } }";
    return { labels, properties, statement };
  }

  async function indexStatus(): Promise<SearchIndexStatus> {
    const [all, indexes] = await Promise.all([labels(), fulltextIndexes()]);
    const want = wanted(all);
    const mine = indexes.find((i) => i.name === SEARCH_INDEX_NAME);
    const missingLabels = want.labels.filter((l) => !mine?.labels.includes(l));
    const missingProps = want.properties.filter((p) => !mine?.properties.includes(p));
    const covers = !!mine && mine.state === 'ONLINE' && missingLabels.length === 0 && missingProps.length === 0;
    return {
      name: SEARCH_INDEX_NAME,
      exists: !!mine,
      state: mine?.state ?? null,
      covers,
      labels: mine && covers ? mine.labels : want.labels,
      properties: mine && covers ? mine.properties : want.properties,
      missing: { labels: missingLabels, properties: missingProps },
      owned: opts.ownsDatabase ?? false,
      statement: want.statement,
    };
  }

  /**
   * Creates (or, when outdated, drops and re-creates) the full-text index over every label and string property,
   * and waits until it is online. Only on the user's explicit request, or at start on Parley's own database.
   */
  async function createIndex(): Promise<SearchIndexStatus> {
    refresh();
    const status = await indexStatus();
    if (status.covers) return status;
    if (!status.statement) {
      throw new HttpError(409, 'nothing_to_index', 'This database has no node with a string property to index yet.');
    }
    if (status.exists) await db.query(`DROP INDEX ${SEARCH_INDEX_NAME} IF EXISTS`, {}, { mode: 'write' });
    await db.query(status.statement, {}, { mode: 'write' });
    await db.query('CALL db.awaitIndex($name, 300)', { name: SEARCH_INDEX_NAME }, { timeoutMs: 310_000 });
    refresh();
    return indexStatus();
  }

  return {
    labels,
    schema,
    model,
    captions,
    saveCaptions,
    fulltextIndexes,
    indexStatus,
    createIndex,
    refresh,
    ownsDatabase: opts.ownsDatabase ?? false,
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
