/**
 * What Parley knows about the database it is pointed at (any Neo4j, README "Any Neo4j database"): its schema
 * (labels with their string and date-like properties, whether Parley's model is there), whether a full-text
 * index covers every label (else search is a bounded scan, and Parley offers to create one, with consent), the
 * caption chosen per label (the database's default, saved in the database), and why who-met-whom is empty.
 *
 * Named `catalog` so as not to collide with the explorer's own per-view caption choice (core/explorer).
 */
import { createStore, useStore } from 'zustand';
import type { CaptionSettings, SchemaResponse, SearchIndexStatus } from '../../../../contract';
import { catalogApi } from '../../api/catalog';
import { api } from '../../api/client';

export interface CatalogState {
  schema: SchemaResponse | null;
  index: SearchIndexStatus | null;
  /** creating the index: asked, running, or its failure */
  indexing: 'idle' | 'creating' | 'done';
  captions: CaptionSettings['captions'];
  /** the server's reason why who-met-whom is empty (null: Parley's model is there, or not asked yet) */
  metReason: string | null;
  message: { text: string; error: boolean } | null;
}

const initial: CatalogState = {
  schema: null,
  index: null,
  indexing: 'idle',
  captions: {},
  metReason: null,
  message: null,
};
export const catalogStore = createStore<CatalogState>(() => initial);
export const useCatalog = <T>(select: (s: CatalogState) => T): T => useStore(catalogStore, select);
const set = (patch: Partial<CatalogState>) => catalogStore.setState(patch);
const get = () => catalogStore.getState();
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Every date-like property of the database, once each, with the labels that carry it (for the time bar). */
export function dateProperties(schema: SchemaResponse | null): { property: string; labels: string[] }[] {
  const by = new Map<string, string[]>();
  for (const l of schema?.labels ?? []) {
    for (const d of l.dateProperties) by.set(d.property, [...(by.get(d.property) ?? []), l.label]);
  }
  return [...by]
    .map(([property, labels]) => ({ property, labels: labels.sort() }))
    .sort((a, b) => a.property.localeCompare(b.property));
}

/**
 * The sentence said when who-met-whom is empty for want of Parley's model: from the schema's `missing` (the
 * server's own list), in the words of `GET /api/met`'s reason.
 */
export function modelReason(schema: SchemaResponse | null): string | null {
  if (!schema || schema.model.parley) return null;
  const missing = schema.model.missing;
  return (
    'Who met whom needs Parley’s model: Person nodes linked by ATTENDED relationships to Meeting nodes. ' +
    `This database has no ${missing.join(' and no ')}.`
  );
}

/** Loads the schema, the index status and the caption settings (each failure said, none fatal). */
export async function loadCatalog(signal?: AbortSignal): Promise<void> {
  const [schema, index, captions] = await Promise.allSettled([
    api.schema(signal),
    catalogApi.indexStatus(signal),
    catalogApi.captions(signal),
  ]);
  if (signal?.aborted) return;
  set({
    schema: schema.status === 'fulfilled' ? schema.value : get().schema,
    index: index.status === 'fulfilled' ? index.value : get().index,
    captions: captions.status === 'fulfilled' ? captions.value.captions : get().captions,
    metReason: schema.status === 'fulfilled' ? modelReason(schema.value) : get().metReason,
  });
}

/**
 * The server's own reason, asked of `GET /api/met` about one person when the schema says the model is missing
 * (the schema's sentence stays when there is no person to ask about).
 */
export async function loadMetReason(person: string | null, signal?: AbortSignal): Promise<void> {
  if (!person || get().schema?.model.parley !== false) return;
  try {
    const r = await api.met(person, signal);
    if (r.reason) set({ metReason: r.reason });
  } catch {
    /* the schema's sentence stays */
  }
}

/** Creates the full-text index: only called after the user agreed (a write to a database Parley may not own). */
export async function createSearchIndex(): Promise<void> {
  set({ indexing: 'creating', message: null });
  try {
    const index = await catalogApi.createIndex();
    set({
      index,
      indexing: 'done',
      message: { text: `Created the full-text index ${index.name}: search now covers every label.`, error: false },
    });
  } catch (err) {
    set({ indexing: 'idle', message: { text: `The index was not created: ${errorText(err)}`, error: true } });
  }
}

/** Saves the caption overrides for this database (an empty map restores the rule). */
export async function saveCaptions(captions: CaptionSettings['captions']): Promise<boolean> {
  try {
    const saved = await catalogApi.saveCaptions({ captions });
    set({ captions: saved.captions, message: { text: 'Captions saved for this database.', error: false } });
    const schema = await api.schema().catch(() => null);
    if (schema) set({ schema });
    return true;
  } catch (err) {
    set({ message: { text: `Captions not saved: ${errorText(err)}`, error: true } });
    return false;
  }
}

export const dismissCatalogMessage = () => set({ message: null });
