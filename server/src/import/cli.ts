/**
 * `npm run load -- [options] <files…>`: .json, .csv, .gexf, .graphml and .txt files together, through the import
 * engine. The files are read and checked first, without any database (every problem listed with file, line
 * and column; exit 1, nothing written). Then it writes to:
 * - NEO4J_URI when set;
 * - else the running Parley's database, when something answers on the local Bolt port (PARLEY_NEO4J_PORT);
 * - else a local Neo4j it starts on that (free) port, as `npm start` does, and stops after.
 * It never starts a second Neo4j on a port in use. When it cannot connect it says that NEO4J_URI is the fix.
 * Before writing it undoes imports left unfinished by a killed process. Progress goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { checkImportMapping, type ImportMappingBody } from '../../../contract/import-mapping';
import { loadConfig, type Config } from '../config';
import { createRepositories } from '../repositories';
import { Db } from '../neo4j/db';
import { LOCAL_USER, readLocalPassword } from '../neo4j/local';
import { startDatabase } from '../start';
import { ImportFailedError, ImportInvalidError, recoverImports } from './engine';
import type { ConflictRule } from './merge';
import { formatProgress } from './progress';
import { openedCounts, openedProblems, openImport, previewOpened, runOpened } from './open';

const USAGE = `usage: npm run load -- [--dry-run] [--rule keep|replace] [--batch-size N] [--mapping F] <files…>
  files: .json (Parley data set), .csv (nodes, relationships, sources.csv, or neo4j-admin import files),
         .gexf, .graphml, .txt (source texts: the file name without .txt is the source id)
  --dry-run      check and preview only: what would be created, updated, unchanged, in conflict
  --rule         when a stored value differs: keep it (default) or replace it
  --batch-size   rows per transaction (default 5000)
  --recover      only undo imports left unfinished by a killed process
  --stream       read the CSV files as streams whatever their size (taken anyway above 32 MiB of CSV)
  --mapping F    a JSON file of column mappings, as the Import page sends: {"<file name>": {"kind": "nodes" or
                 "relationships", "columns": {"<column>": {"to": "id"} or {"to": "property", "name": "…"}…}}};
                 files are named as given or by their base name; mapped files are read whole (not streamed)
`;

export interface CliArgs {
  files: string[];
  dryRun: boolean;
  rule: ConflictRule;
  batchSize: number;
  recover: boolean;
  stream: boolean;
  /** the --mapping file, as given */
  mapping: string | null;
}

export function parseArgs(argv: readonly string[]): CliArgs | string {
  const out: CliArgs = {
    files: [],
    dryRun: false,
    rule: 'keep',
    batchSize: 5_000,
    recover: false,
    stream: false,
    mapping: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--help' || a === '-h') return USAGE;
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--recover') out.recover = true;
    else if (a === '--stream') out.stream = true;
    else if (a === '--rule') {
      const v = argv[++i];
      if (v !== 'keep' && v !== 'replace') return `--rule takes keep or replace\n${USAGE}`;
      out.rule = v;
    } else if (a === '--batch-size') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) return `--batch-size takes a whole number above 0\n${USAGE}`;
      out.batchSize = v;
    } else if (a === '--mapping') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) return `--mapping takes a JSON file\n${USAGE}`;
      out.mapping = v;
    } else if (a.startsWith('--')) return `unknown option ${a}\n${USAGE}`;
    else out.files.push(a);
  }
  if (out.files.length === 0 && !out.recover) return USAGE;
  if (out.mapping !== null && out.stream)
    return `--mapping and --stream do not go together: a mapped file is read whole\n${USAGE}`;
  return out;
}

/**
 * The --mapping file read and checked by the API's schema (contract/import-mapping.ts), its file names matched to
 * the files given (as typed, or by base name, as the Import page names them): the mapping keyed by the names the
 * engine reads the files under, or what is wrong with it.
 */
export function readMappingFile(
  file: string,
  files: readonly string[],
): { ok: true; mapping: ImportMappingBody } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { ok: false, problem: `--mapping ${file} cannot be read as JSON: ${why}` };
  }
  const r = checkImportMapping(json);
  if (!r.ok) return { ok: false, problem: `--mapping ${file} is invalid ${r.problem}` };
  const mapping: ImportMappingBody = {};
  const unknown: string[] = [];
  for (const [name, m] of Object.entries(r.mapping)) {
    const given = files.filter((f) => f === name || path.basename(f) === name);
    if (given.length === 1) mapping[given[0]!] = m;
    else if (given.length === 0) unknown.push(JSON.stringify(name));
    else
      return {
        ok: false,
        problem: `--mapping ${file} names ${JSON.stringify(name)}, which is more than one of the files: give its path as typed`,
      };
  }
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `--mapping ${file} names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the files given: map the files you load`,
    };
  }
  return { ok: true, mapping };
}

/** true when something accepts TCP connections on 127.0.0.1:port within `ms` */
export function portAnswers(port: number, ms = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The database a command-line tool writes to (see the README "Where it writes"): NEO4J_URI, the running Parley's,
 * or a local one it starts; `npm run load`, `npm run restore` and `npm run user` use it. */
export async function connectTo(config: Config, log: (m: string) => void) {
  if (config.NEO4J_URI || (await portAnswers(config.PARLEY_NEO4J_PORT))) {
    const uri = config.NEO4J_URI ?? `bolt://127.0.0.1:${config.PARLEY_NEO4J_PORT}`;
    log(`writing to the Neo4j at ${uri}${config.NEO4J_URI ? ' (NEO4J_URI)' : ' (the running Parley’s database)'}`);
    // the running Parley's database: the password kept in its data folder (readable by its owner only)
    const localPassword = config.NEO4J_URI ? undefined : readLocalPassword(config.PARLEY_DATA_DIR);
    const db = new Db({
      uri,
      user: localPassword ? LOCAL_USER : config.NEO4J_USER,
      password: localPassword ?? config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      queryTimeoutMs: config.PARLEY_QUERY_TIMEOUT_MS,
    });
    if (!(await db.answersWithin(15_000))) {
      await db.close();
      throw new Error(
        `cannot connect to a Neo4j at ${uri}${config.NEO4J_URI ? '' : ` (something else answers on port ${config.PARLEY_NEO4J_PORT})`}: ` +
          'set NEO4J_URI (with NEO4J_USER and NEO4J_PASSWORD) to the database to load into, e.g. NEO4J_URI=bolt://localhost:7687 npm run load -- …',
      );
    }
    const repos = createRepositories(db);
    await repos.dataset.applySchema();
    return { db, repos, stop: () => db.close() };
  }
  log(
    `nothing answers on port ${config.PARLEY_NEO4J_PORT}: starting the local Neo4j there (set NEO4J_URI to load into another database)`,
  );
  const started = await startDatabase({ ...config, PARLEY_LOAD_SEED: false }, log);
  return { db: started.db, repos: started.repos, stop: started.stop };
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(args);
    return 2;
  }
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  // 1. the files, without a database
  let mapping: ImportMappingBody | undefined;
  if (args.mapping !== null) {
    const m = readMappingFile(args.mapping, args.files);
    if (!m.ok) {
      process.stderr.write(`parley: ${m.problem}; nothing was written\n`);
      return 1;
    }
    mapping = m.mapping;
  }
  let lastRows = 0;
  const set = await openImport(
    args.files.map((f) => ({ path: path.resolve(f), name: f })),
    {
      ...(args.stream ? { streamAboveBytes: -1 } : {}),
      ...(mapping ? { mapping } : {}),
      onRows: (rows) => {
        if (rows - lastRows < 100_000) return;
        lastRows = rows;
        log(`checking: ${rows} rows read`);
      },
    },
  );
  if (openedProblems(set).length > 0) {
    process.stderr.write(`${new ImportInvalidError(openedProblems(set)).message}\n`);
    return 1;
  }
  if (args.files.length > 0) {
    const c = openedCounts(set);
    log(
      `read ${c.nodes} nodes, ${c.relationships} relationships, ${c.sources} source(s) from ${args.files.length} file(s)${set.streamed ? ' (streamed: the files are read again to write them)' : ''}`,
    );
  }
  // 2. the database
  const config = loadConfig();
  const { repos, stop } = await connectTo(config, log);
  try {
    const undone = await recoverImports(repos.imports, args.recover ? 0 : 120_000, log);
    if (args.recover) {
      process.stdout.write(
        `undid ${undone.length} unfinished import(s)${undone.length ? `: ${undone.join(', ')}` : ''}\n`,
      );
      if (args.files.length === 0) return 0;
    }
    if (args.dryRun) {
      const p = await previewOpened(repos.imports, set, args.rule);
      if (!p.ok) {
        process.stderr.write(`${new ImportInvalidError(p.problems).message}\n`);
        return 1;
      }
      process.stdout.write(`${JSON.stringify(p.plan, null, 2)}\n`);
      return 0;
    }
    let last = 0;
    const result = await runOpened(repos.imports, set, {
      rule: args.rule,
      batchSize: args.batchSize,
      files: args.files,
      onProgress: (p) => {
        const now = Date.now();
        if (p.phase === 'writing' && now - last < 1_000 && p.done < p.total) return;
        last = now;
        log(formatProgress(p));
      },
    });
    const sum = (b: Record<string, { created: number; updated: number; unchanged: number; conflicts: number }>) =>
      Object.entries(b)
        .map(
          ([k, c]) =>
            `${k}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged${c.conflicts ? `, ${c.conflicts} in conflict` : ''}`,
        )
        .join('\n  ');
    process.stdout.write(
      `import ${result.id} committed in ${result.ms} ms\n  ${sum(result.plan.labels)}\n  ${sum(result.plan.types)}\n` +
        (result.plan.conflicts.length
          ? `conflicts (rule ${args.rule}):\n${result.plan.conflicts.map((c) => `  ${c.id} ${c.key}: stored ${JSON.stringify(c.stored)}, file ${JSON.stringify(c.incoming)}`).join('\n')}\n`
          : ''),
    );
    return 0;
  } catch (err) {
    if (err instanceof ImportInvalidError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    if (err instanceof ImportFailedError) {
      process.stderr.write(`parley: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await stop();
  }
}
