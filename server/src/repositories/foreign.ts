/**
 * Is this a database Parley wrote, or a foreign one (README "Another Neo4j")? Parley's id look-ups seek through
 * the `id` index of each of its own labels; only a database that also holds other labels, where any node may
 * carry an `id`, needs the label-free fallback that reads every node. The answer comes from the token store
 * (schema-names) and is kept 10 s per database handle.
 */
import { shared } from '../neo4j/admission';
import type { Db } from '../neo4j/db';

/** The labels Parley writes (data files, snapshots); its bookkeeping labels all start with `Parley`. */
export const PARLEY_LABELS: ReadonlySet<string> = new Set([
  'Person',
  'Agency',
  'Meeting',
  'Issue',
  'Place',
  'Source',
  'Snapshot',
]);
const TTL_MS = 10_000;
const cache = new WeakMap<object, { at: number; value: Promise<boolean> }>();

export function hasForeignLabels(db: Pick<Db, 'query'>): Promise<boolean> {
  const now = performance.now();
  const hit = cache.get(db);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  // shared: no one request's disconnect may stop the read the others wait on (neo4j/admission.ts)
  const value = shared(() => db.query('schema-names')).then(
    ([row]) =>
      (Array.isArray(row?.labels) ? row.labels : []).some(
        (l) => typeof l === 'string' && !PARLEY_LABELS.has(l) && !l.startsWith('Parley'),
      ),
    (err: unknown) => {
      cache.delete(db);
      throw err;
    },
  );
  cache.set(db, { at: now, value });
  return value;
}

/**
 * The element id of each API id that names a node (outside snapshots and Parley's bookkeeping): seeks through
 * Parley's labels first (resolve-ids), then, only on a foreign database and only for the ids not found, the scan
 * (resolve-ids-any). Ids that name nothing are absent from the map.
 */
export async function resolveIds(db: Pick<Db, 'query'>, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const take = (rows: Record<string, unknown>[]) => {
    for (const r of rows) if (typeof r.id === 'string' && typeof r.elementId === 'string') found.set(r.id, r.elementId);
  };
  if (ids.length === 0) return found;
  take(await db.query('resolve-ids', { ids }));
  const lost = ids.filter((id) => !found.has(id));
  if (lost.length > 0 && (await hasForeignLabels(db))) take(await db.query('resolve-ids-any', { ids: lost }));
  return found;
}
