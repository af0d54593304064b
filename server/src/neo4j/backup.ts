/**
 * The exact half of `npm run backup` / `npm run restore` (issue 12): every node and relationship with its exact
 * labels, type and typed property values, streamed out of one read transaction and written back in batches. Lives
 * here because it needs the driver's own value types: an integer and a float must stay an integer and a float,
 * a date a date (the plain JSON of convert.ts cannot tell 3 from 3.0, nor a date from its ISO string).
 *
 * Encoding of a property value (JSON, one node or relationship per line of `store.ndjson`):
 * - string, boolean, null: as they are; a JSON number is always an integer (a Neo4j INTEGER);
 * - `{"$int": "9007199254740993"}`: an integer beyond JavaScript's safe range;
 * - `{"$float": 2.5}`: a float (`"NaN"`, `"Infinity"`, `"-Infinity"` as strings);
 * - `{"$type": "Date" | "DateTime" | "LocalDateTime" | "Time" | "LocalTime" | "Duration" | "Point", "f": {…}}`:
 *   the driver type's fields (`year`, `month`, …, `timeZoneId`);
 * - lists: a JSON array of the above.
 */
import neo4j, { isInt, type Integer, type ManagedTransaction } from 'neo4j-driver';
import type { Db } from './db';
import { toPlain, type Plain } from './convert';

export type Encoded =
  | null
  | string
  | boolean
  | number
  | Encoded[]
  | { $int: string }
  | { $float: number | string }
  | { $type: string; f: Record<string, number | string | null> };

export type EncodedProps = Record<string, Encoded>;

const TEMPORAL_FIELDS: Record<string, readonly string[]> = {
  Date: ['year', 'month', 'day'],
  DateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds', 'timeZoneId'],
  LocalDateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond'],
  Time: ['hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds'],
  LocalTime: ['hour', 'minute', 'second', 'nanosecond'],
  Duration: ['months', 'days', 'seconds', 'nanoseconds'],
  Point: ['srid', 'x', 'y', 'z'],
};

function typeOf(v: object): string | undefined {
  if (neo4j.isDate(v)) return 'Date';
  if (neo4j.isDateTime(v)) return 'DateTime';
  if (neo4j.isLocalDateTime(v)) return 'LocalDateTime';
  if (neo4j.isTime(v)) return 'Time';
  if (neo4j.isLocalTime(v)) return 'LocalTime';
  if (neo4j.isDuration(v)) return 'Duration';
  if (neo4j.isPoint(v)) return 'Point';
  return undefined;
}

function fieldValue(v: unknown): number | string | null {
  if (v === undefined || v === null) return null;
  if (isInt(v)) return (v as Integer).toNumber();
  if (typeof v === 'bigint') return Number(v);
  return v as number | string;
}

/** A driver value as the backup writes it. */
export function encodeValue(v: unknown): Encoded {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return { $float: Number.isFinite(v) ? v : String(v) };
  if (isInt(v)) {
    const i = v as Integer;
    return i.inSafeRange() ? i.toNumber() : { $int: i.toString() };
  }
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof v === 'object') {
    const type = typeOf(v);
    if (type) {
      const f: Record<string, number | string | null> = {};
      for (const key of TEMPORAL_FIELDS[type]!) f[key] = fieldValue((v as Record<string, unknown>)[key]);
      return { $type: type, f };
    }
  }
  throw new Error(`neo4j/backup: a property value of an unknown kind (${Object.prototype.toString.call(v)})`);
}

const num = (f: Record<string, number | string | null>, key: string): number => Number(f[key] ?? 0);

/** A backup value as the driver sends it, exactly the value that was read. */
export function decodeValue(e: Encoded): unknown {
  if (e === null || typeof e === 'string' || typeof e === 'boolean') return e;
  if (typeof e === 'number') {
    if (!Number.isSafeInteger(e)) throw new Error(`a JSON number in a backup must be a whole number, got ${e}`);
    return neo4j.int(e);
  }
  if (Array.isArray(e)) return e.map(decodeValue);
  if ('$int' in e) return neo4j.int(e.$int);
  if ('$float' in e) return Number(e.$float);
  const f = e.f;
  switch (e.$type) {
    case 'Date':
      return new neo4j.types.Date(num(f, 'year'), num(f, 'month'), num(f, 'day'));
    case 'DateTime': {
      const zone = typeof f['timeZoneId'] === 'string' ? f['timeZoneId'] : undefined;
      return new neo4j.types.DateTime(
        num(f, 'year'),
        num(f, 'month'),
        num(f, 'day'),
        num(f, 'hour'),
        num(f, 'minute'),
        num(f, 'second'),
        num(f, 'nanosecond'),
        zone ? undefined : num(f, 'timeZoneOffsetSeconds'),
        zone,
      );
    }
    case 'LocalDateTime':
      return new neo4j.types.LocalDateTime(
        num(f, 'year'),
        num(f, 'month'),
        num(f, 'day'),
        num(f, 'hour'),
        num(f, 'minute'),
        num(f, 'second'),
        num(f, 'nanosecond'),
      );
    case 'Time':
      return new neo4j.types.Time(
        num(f, 'hour'),
        num(f, 'minute'),
        num(f, 'second'),
        num(f, 'nanosecond'),
        num(f, 'timeZoneOffsetSeconds'),
      );
    case 'LocalTime':
      return new neo4j.types.LocalTime(num(f, 'hour'), num(f, 'minute'), num(f, 'second'), num(f, 'nanosecond'));
    case 'Duration':
      return new neo4j.types.Duration(num(f, 'months'), num(f, 'days'), num(f, 'seconds'), num(f, 'nanoseconds'));
    case 'Point':
      return new neo4j.types.Point(
        num(f, 'srid'),
        num(f, 'x'),
        num(f, 'y'),
        f['z'] === null || f['z'] === undefined ? undefined : num(f, 'z'),
      );
    default:
      throw new Error(`a backup value has an unknown $type ${JSON.stringify(e.$type)}`);
  }
}

function encodeProps(props: Record<string, unknown>): EncodedProps {
  const out: EncodedProps = {};
  for (const [k, v] of Object.entries(props)) {
    Object.defineProperty(out, k, { value: encodeValue(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function decodeProps(props: EncodedProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    Object.defineProperty(out, k, { value: decodeValue(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export interface BackupNode {
  /** the node's key within this backup (its element id when it was read) */
  k: string;
  labels: string[];
  props: EncodedProps;
  /** the same properties as plain JSON (temporal values as ISO strings), for the data-set half */
  plain: Record<string, Plain>;
}

export interface BackupRelationship {
  a: string;
  type: string;
  b: string;
  props: EncodedProps;
  plain: Record<string, Plain>;
}

export interface SchemaItem {
  name: string;
  createStatement: string;
}

/**
 * Reads the whole database in one read transaction: the schema, then every node, then every relationship, each
 * handed to the callbacks as it streams (nothing is held in memory here). Neo4j's isolation is read committed, so
 * writes committed during a long backup may be partly in it (see README "Backups").
 */
export async function exportGraph(
  db: Db,
  sink: {
    schema(items: SchemaItem[]): void | Promise<void>;
    node(n: BackupNode): void | Promise<void>;
    relationship(r: BackupRelationship): void | Promise<void>;
  },
): Promise<void> {
  // the schema commands cannot share a transaction with the reads
  const schema = [...(await db.query('backup-constraints')), ...(await db.query('backup-indexes'))];
  await sink.schema(schema.map((r) => ({ name: String(r['name']), createStatement: String(r['createStatement']) })));
  const session = db.openSession({ defaultAccessMode: neo4j.session.READ });
  try {
    const tx = await session.beginTransaction();
    try {
      for await (const rec of tx.run(db.queries.get('backup-nodes').text)) {
        const props = rec.get('props') as Record<string, unknown>;
        await sink.node({
          k: rec.get('k') as string,
          labels: rec.get('labels') as string[],
          props: encodeProps(props),
          plain: toPlain(props) as Record<string, Plain>,
        });
      }
      for await (const rec of tx.run(db.queries.get('backup-relationships').text)) {
        const props = rec.get('props') as Record<string, unknown>;
        await sink.relationship({
          a: rec.get('a') as string,
          type: rec.get('type') as string,
          b: rec.get('b') as string,
          props: encodeProps(props),
          plain: toPlain(props) as Record<string, Plain>,
        });
      }
    } finally {
      await tx.close();
    }
  } finally {
    await session.close();
  }
}

/** How many nodes and relationships the database holds. */
export async function countGraph(db: Db): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.query('restore-count');
  return { nodes: Number(row?.['nodes'] ?? 0), relationships: Number(row?.['relationships'] ?? 0) };
}

/** Writes a batch of nodes exactly; returns the new element id of each backup key. */
export async function restoreNodes(
  db: Db,
  nodes: { k: string; labels: string[]; props: EncodedProps }[],
): Promise<Map<string, string>> {
  const params = { nodes: nodes.map((n) => ({ k: n.k, labels: n.labels, props: decodeProps(n.props) })) };
  const rows = await writeTx(db, 'restore-nodes', params);
  return new Map(rows.map((r) => [r.get('k') as string, r.get('e') as string]));
}

/** Writes a batch of relationships exactly between restored nodes (`a`, `b`: their new element ids). */
export async function restoreRelationships(
  db: Db,
  rels: { a: string; type: string; b: string; props: EncodedProps }[],
): Promise<number> {
  const params = { rels: rels.map((r) => ({ a: r.a, type: r.type, b: r.b, props: decodeProps(r.props) })) };
  const rows = await writeTx(db, 'restore-relationships', params);
  return Number((rows[0]?.get('created') as Integer | undefined)?.toNumber() ?? 0);
}

/** Deletes everything, in batches (a failed restore into an empty database is undone this way). */
export async function wipeGraph(db: Db): Promise<void> {
  for (;;) {
    const rows = await writeTx(db, 'restore-wipe', { limit: neo4j.int(10_000) });
    if (Number((rows[0]?.get('deleted') as Integer | undefined)?.toNumber() ?? 0) === 0) return;
  }
}

async function writeTx(db: Db, name: string, params: Record<string, unknown>) {
  const session = db.openSession({ defaultAccessMode: neo4j.session.WRITE });
  try {
    const text = db.queries.get(name).text;
    return await session.executeWrite(async (tx: ManagedTransaction) => (await tx.run(text, params)).records);
  } finally {
    await session.close();
  }
}
