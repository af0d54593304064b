/**
 * Backups of Parley's database (issue 12, "nothing lost"). Two kinds:
 *
 * - **Online** (the database answers): a folder with `store.ndjson` — every node and relationship with its exact
 *   labels, type and typed values (neo4j/backup.ts), Parley's bookkeeping included —, `graph.json` — the model part
 *   as a Parley data set the import engine reads —, and `manifest.json` (counts, schema, checksums).
 *   Decision: the bookkeeping labels (`ParleyImport`, `ParleyCreated`, `ParleyPreImage`, `ParleyMerge`,
 *   `ParleyMergedAway`, `ParleyDismissal`, `ParleySettings`) and `Snapshot` are in the backup: without them a
 *   restored database could not undo an import or a merge, would propose dismissed duplicates again and lose the
 *   caption settings and every snapshot link. An import running during the backup is caught with its `running`
 *   record, which the recovery at the next start undoes, so a restore never keeps half an import.
 * - **Offline** (the local Neo4j is stopped): a copy of its store folder (`<data folder>/data`) and its password
 *   file, restored by copying them back into an unused data folder.
 *
 * A restore writes into an empty database only (all or nothing: a failed restore deletes what it wrote), and checks
 * the counts against the manifest.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../neo4j/db';
import {
  countGraph,
  exportGraph,
  restoreNodes,
  restoreRelationships,
  wipeGraph,
  type EncodedProps,
  type SchemaItem,
} from '../neo4j/backup';
import { toDataset, type PlainNode, type PlainRelationship } from './dataset';

export const BACKUP_FORMAT = 'parley-backup';
export const BACKUP_VERSION = 1;
const BATCH = 2_000;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  kind: 'online' | 'offline';
  createdAt: string;
  from: string;
  counts?: { nodes: number; relationships: number; byLabel: Record<string, number> };
  schema?: SchemaItem[];
  store?: { file: string; sha256: string };
  dataset?: {
    file: string;
    sources: number;
    nodes: number;
    relationships: number;
    left: { nodes: number; relationships: number };
    /** model items the data-set format refused, with the reason (the first 20) */
    problems: string[];
  };
  /** offline: the copied folder and the password file, relative to the backup */
  copy?: { data: string; passwordFile: string | null };
}

type Line =
  | { node: { k: string; labels: string[]; props: EncodedProps } }
  | { rel: { a: string; type: string; b: string; props: EncodedProps } };

/** An online backup of the database `db` into `dir` (created; must not exist yet). */
export async function writeBackup(db: Db, dir: string, from: string): Promise<Manifest> {
  if (existsSync(dir)) throw new Error(`${dir} already exists: give a new folder for the backup`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storeFile = path.join(dir, 'store.ndjson');
  const out = createWriteStream(storeFile, { mode: 0o600 });
  const hash = createHash('sha256');
  let failed: Error | undefined;
  out.on('error', (e) => (failed = e));
  const write = async (line: Line) => {
    if (failed) throw failed;
    const text = `${JSON.stringify(line)}\n`;
    hash.update(text);
    // once() removes its listeners whichever comes first, 'drain' or 'error'
    if (!out.write(text)) await once(out, 'drain');
  };
  const nodes: PlainNode[] = [];
  const rels: PlainRelationship[] = [];
  const byLabel: Record<string, number> = {};
  let schema: SchemaItem[] = [];
  try {
    await exportGraph(db, {
      schema: (items) => {
        schema = items;
      },
      node: async (n) => {
        for (const l of n.labels) byLabel[l] = (byLabel[l] ?? 0) + 1;
        nodes.push({ k: n.k, labels: n.labels, plain: n.plain });
        await write({ node: { k: n.k, labels: n.labels, props: n.props } });
      },
      relationship: async (r) => {
        rels.push({ a: r.a, type: r.type, b: r.b, plain: r.plain });
        await write({ rel: { a: r.a, type: r.type, b: r.b, props: r.props } });
      },
    });
  } finally {
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  const { dataset, left, problems } = toDataset(nodes, rels);
  await writeFile(path.join(dir, 'graph.json'), `${JSON.stringify(dataset, null, 1)}\n`, { mode: 0o600 });
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kind: 'online',
    createdAt: new Date().toISOString(),
    from,
    counts: { nodes: nodes.length, relationships: rels.length, byLabel },
    schema,
    store: { file: 'store.ndjson', sha256: hash.digest('hex') },
    dataset: {
      file: 'graph.json',
      sources: dataset.sources.length,
      nodes: dataset.nodes.length,
      relationships: dataset.relationships.length,
      left,
      problems,
    },
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`${file} not found: give the folder that \`npm run backup\` wrote`);
  });
  const m = JSON.parse(text) as Manifest;
  if (m.format !== BACKUP_FORMAT || m.version !== BACKUP_VERSION) {
    throw new Error(`${file} is not a Parley backup of version ${BACKUP_VERSION}`);
  }
  return m;
}

const SCHEMA_STATEMENT = /^CREATE (CONSTRAINT|(RANGE |TEXT |POINT |FULLTEXT |VECTOR )?INDEX) `[^`]+` FOR [^;]*$/;

/**
 * Restores an online backup into `db`, which must be empty: the schema items it lacks, then every node and
 * relationship exactly. All or nothing: on any failure what was written is deleted again.
 */
export async function restoreBackup(
  db: Db,
  dir: string,
  log: (m: string) => void = () => {},
): Promise<{ nodes: number; relationships: number }> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== 'online' || !manifest.store || !manifest.counts) {
    throw new Error(`${dir} is an offline store copy: restore it with \`npm run restore -- --offline ${dir}\``);
  }
  const storeFile = path.join(dir, manifest.store.file);
  const sha = createHash('sha256');
  for await (const chunk of createReadStream(storeFile)) sha.update(chunk as Buffer);
  if (sha.digest('hex') !== manifest.store.sha256) {
    throw new Error(`${storeFile} does not match the checksum in manifest.json: the backup is damaged`);
  }
  const before = await countGraph(db);
  if (before.nodes > 0) {
    throw new Error(
      `the database holds ${before.nodes} nodes: a restore writes into an empty database only (start Parley with a new PARLEY_DATA_DIR, or point NEO4J_URI at an empty database)`,
    );
  }
  const existing = new Set(
    [...(await db.query('backup-constraints')), ...(await db.query('backup-indexes'))].map((r) => String(r['name'])),
  );
  for (const item of manifest.schema ?? []) {
    if (existing.has(item.name)) continue;
    if (!SCHEMA_STATEMENT.test(item.createStatement)) {
      throw new Error(`manifest.json: the schema item ${JSON.stringify(item.name)} is not a CREATE INDEX/CONSTRAINT`);
    }
    await db.query(item.createStatement, {}, { mode: 'write' });
  }
  const ids = new Map<string, string>();
  let nodes: { k: string; labels: string[]; props: EncodedProps }[] = [];
  let rels: { a: string; type: string; b: string; props: EncodedProps }[] = [];
  let created = { nodes: 0, relationships: 0 };
  const flushNodes = async () => {
    if (nodes.length === 0) return;
    for (const [k, e] of await restoreNodes(db, nodes)) ids.set(k, e);
    created.nodes += nodes.length;
    nodes = [];
  };
  const flushRels = async () => {
    if (rels.length === 0) return;
    created.relationships += await restoreRelationships(db, rels);
    rels = [];
  };
  try {
    const lines = createInterface({ input: createReadStream(storeFile, 'utf8'), crlfDelay: Infinity });
    for await (const text of lines) {
      if (text.trim() === '') continue;
      const line = JSON.parse(text) as Line;
      if ('node' in line) {
        nodes.push(line.node);
        if (nodes.length >= BATCH) await flushNodes();
      } else {
        await flushNodes();
        const a = ids.get(line.rel.a);
        const b = ids.get(line.rel.b);
        if (a === undefined || b === undefined) {
          throw new Error(`store.ndjson: a ${line.rel.type} relationship names a node the backup does not hold`);
        }
        rels.push({ ...line.rel, a, b });
        if (rels.length >= BATCH) await flushRels();
      }
      if ((created.nodes + created.relationships) % 20_000 === 0 && created.nodes > 0) {
        log(`restored ${created.nodes} nodes, ${created.relationships} relationships`);
      }
    }
    await flushNodes();
    await flushRels();
    const after = await countGraph(db);
    if (after.nodes !== manifest.counts.nodes || after.relationships !== manifest.counts.relationships) {
      throw new Error(
        `after the restore the database holds ${after.nodes} nodes and ${after.relationships} relationships, the backup ${manifest.counts.nodes} and ${manifest.counts.relationships}`,
      );
    }
    return after;
  } catch (error) {
    log('the restore failed: deleting what it wrote');
    created = { nodes: 0, relationships: 0 };
    await wipeGraph(db).catch(() => undefined);
    throw error;
  }
}

/** An offline backup: a copy of a stopped local Neo4j's store folder and password file. */
export async function writeOfflineBackup(dataDir: string, dir: string, passwordFile: string): Promise<Manifest> {
  const store = path.join(dataDir, 'data');
  if (!existsSync(store)) throw new Error(`${store} does not exist: nothing to copy`);
  if (existsSync(dir)) throw new Error(`${dir} already exists: give a new folder for the backup`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await cp(store, path.join(dir, 'data'), { recursive: true, preserveTimestamps: true });
  const hasPassword = existsSync(passwordFile);
  if (hasPassword) await copyFile(passwordFile, path.join(dir, path.basename(passwordFile)));
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kind: 'offline',
    createdAt: new Date().toISOString(),
    from: dataDir,
    copy: { data: 'data', passwordFile: hasPassword ? path.basename(passwordFile) : null },
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** Restores an offline backup into `dataDir`, which must not hold a store yet. */
export async function restoreOfflineBackup(dir: string, dataDir: string): Promise<void> {
  const manifest = await readManifest(dir);
  if (manifest.kind !== 'offline' || !manifest.copy) {
    throw new Error(`${dir} is an online backup: restore it with \`npm run restore -- ${dir}\``);
  }
  const target = path.join(dataDir, 'data');
  if (existsSync(target) && (await readdir(target)).length > 0) {
    throw new Error(`${target} already holds a store: restore into a new PARLEY_DATA_DIR`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  await cp(path.join(dir, manifest.copy.data), target, { recursive: true, preserveTimestamps: true });
  if (manifest.copy.passwordFile) {
    const to = path.join(dataDir, manifest.copy.passwordFile);
    await copyFile(path.join(dir, manifest.copy.passwordFile), to);
    await chmod(to, 0o600);
  }
}
