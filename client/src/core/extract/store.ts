/**
 * The article review screen's store (zustand, like the explorer's and the Import page's): the article, the
 * proposals, the analyst's decisions and edits, the search for a node to merge with, and the actions that
 * sequence the API and the pure producers of state/extract/. It lives as long as the tab, so leaving the screen
 * and coming back finds the review where it was.
 */
import { createStore, useStore } from 'zustand';
import type { ExtractResponse, SearchHit } from '../../../../contract';
import { api } from '../../api/client';
import { extractApi } from '../../api/extract';
import {
  datasetRequest,
  reviewItems,
  type Decision,
  type Edit,
  type MeetingEdit,
  type MergeChoice,
  type ReviewItem,
} from '../../state/extract/review';

export interface ArticleFields {
  text: string;
  title: string;
  outlet: string;
  published: string;
}

export interface MergeSearch {
  /** the entity whose merge target is looked for */
  key: string;
  query: string;
  hits: SearchHit[];
  loading: boolean;
  error: string | null;
}

export interface ExtractState {
  fields: ArticleFields;
  proposals: ExtractResponse | null;
  items: ReviewItem[];
  decisions: Record<string, Decision>;
  edits: Record<string, Edit>;
  meetingEdits: Record<string, MeetingEdit>;
  merges: Record<string, MergeChoice>;
  current: number;
  busy: boolean;
  message: { text: string; error: boolean } | null;
  search: MergeSearch | null;
}

const EMPTY_FIELDS: ArticleFields = { text: '', title: '', outlet: '', published: '' };
const initial: ExtractState = {
  fields: EMPTY_FIELDS,
  proposals: null,
  items: [],
  decisions: {},
  edits: {},
  meetingEdits: {},
  merges: {},
  current: 0,
  busy: false,
  message: null,
  search: null,
};

export const extractStore = createStore<ExtractState>(() => initial);
export const useExtract = <T>(select: (s: ExtractState) => T): T => useStore(extractStore, select);
const set = (patch: Partial<ExtractState>) => extractStore.setState(patch);
const get = () => extractStore.getState();
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const setFields = (fields: ArticleFields) => set({ fields });

export async function propose(): Promise<void> {
  const { fields } = get();
  set({ busy: true, message: null });
  try {
    const p = await extractApi.propose({
      text: fields.text,
      ...(fields.title.trim() ? { title: fields.title.trim() } : {}),
      ...(fields.outlet.trim() ? { outlet: fields.outlet.trim() } : {}),
      ...(fields.published ? { published: fields.published } : {}),
    });
    const n = p.entities.length + p.meetings.length + p.relationships.length;
    set({
      proposals: p,
      items: reviewItems(p, {}),
      decisions: {},
      edits: {},
      meetingEdits: {},
      merges: {},
      current: 0,
      search: null,
      message: { text: [`${n} proposals.`, ...p.warnings].join(' '), error: n === 0 },
    });
  } catch (err) {
    set({ message: { text: `Could not read the article: ${errorText(err)}`, error: true } });
  } finally {
    set({ busy: false });
  }
}

/** back to the article form (the proposals are dropped) */
export const editArticle = () => set({ proposals: null, items: [], search: null, message: null });

export const select = (index: number) => {
  const { items, current, search } = get();
  const next = Math.max(0, Math.min(items.length - 1, index));
  set({ current: next, ...(next !== current && search ? { search: null } : {}) });
};
export const move = (delta: number) => select(get().current + delta);

export function decide(id: string, decision: Decision): void {
  set({ decisions: { ...get().decisions, [id]: decision } });
}

/** accept or reject the current item and move on (the `a` and `r` keys) */
export function decideCurrent(decision: Decision): void {
  const { items, current } = get();
  const item = items[current];
  if (!item) return;
  decide(item.id, decision);
  move(1);
}

export const acceptAll = () =>
  set({ decisions: Object.fromEntries(get().items.map((i) => [i.id, 'accepted' as const])) });

export function editEntity(key: string, edit: Edit): void {
  const { proposals, edits, items, current } = get();
  if (!proposals) return;
  const id = items[current]?.id;
  const nextEdits = { ...edits, [key]: edit };
  const nextItems = reviewItems(proposals, nextEdits);
  // a relabelled entity moves to another group: the cursor follows it
  const at = nextItems.findIndex((i) => i.id === id);
  set({ edits: nextEdits, items: nextItems, current: at >= 0 ? at : current });
}

export function editMeeting(key: string, edit: MeetingEdit): void {
  set({ meetingEdits: { ...get().meetingEdits, [key]: edit } });
}

/** `false`: add as new; `undefined`: the proposed match; a node: merge into it */
export function setMerge(key: string, choice: MergeChoice): void {
  set({ merges: { ...get().merges, [key]: choice } });
}

let searchSeq = 0;
/** searches the graph (GET /api/search) for a node to merge the entity `key` with */
export async function searchMerge(key: string, query: string): Promise<void> {
  const seq = ++searchSeq;
  const q = query.trim();
  if (q.length < 2) {
    set({ search: { key, query, hits: [], loading: false, error: null } });
    return;
  }
  set({ search: { key, query, hits: get().search?.hits ?? [], loading: true, error: null } });
  try {
    const res = await api.search(q, 8);
    if (seq !== searchSeq) return;
    set({ search: { key, query, hits: res.hits, loading: false, error: null } });
  } catch (err) {
    if (seq !== searchSeq) return;
    set({ search: { key, query, hits: [], loading: false, error: `The search failed: ${errorText(err)}` } });
  }
}

export const closeSearch = () => set({ search: null });

export function chooseMerge(key: string, hit: SearchHit): void {
  setMerge(key, { id: hit.id, name: hit.name, chosen: true });
  set({ search: null });
}

/** accepted relationships whose end is not accepted: the data set leaves them out */
export function orphanCount(s: ExtractState): number {
  const p = s.proposals;
  if (!p) return 0;
  return p.relationships.filter(
    (r, i) =>
      s.decisions[`r:${i}`] === 'accepted' &&
      [r.source, r.target].some((k) => s.decisions[`e:${k}`] !== 'accepted' && s.decisions[`m:${k}`] !== 'accepted'),
  ).length;
}

/**
 * "Add to graph": the accepted part becomes one data set (POST /api/extract/dataset), imported all or nothing;
 * answers the explorer's address showing the new nodes, or null when nothing was added (the message says why).
 */
export async function addToGraph(): Promise<string | null> {
  const s = get();
  if (!s.proposals) return null;
  set({ busy: true, message: null });
  try {
    const { dataset, dropped } = await extractApi.dataset(datasetRequest(s.proposals, s));
    const result = await extractApi.importDataset(dataset, `${s.proposals.source.key.replace(/\W+/g, '-')}.json`);
    const ids = dataset.nodes.map((n) => n.id);
    const first = dataset.nodes.find((n) => n['label'] === 'Person') ?? dataset.nodes[0];
    set({
      busy: false,
      message: {
        text: `Added in import ${result.id}${dropped.length ? `; left out: ${dropped.join('; ')}` : ''}.`,
        error: false,
      },
    });
    const q = new URLSearchParams({ start: 'empty', show: ids.slice(0, 50).join(',') });
    if (first) q.set('node', first.id);
    return `/?${q.toString()}`;
  } catch (err) {
    set({ busy: false, message: { text: `Nothing was added: ${errorText(err)}`, error: true } });
    return null;
  }
}

/** for tests: back to a blank screen */
export const resetExtract = () => extractStore.setState(initial, true);
