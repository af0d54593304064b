/**
 * One run of Parley's loader for the loading arms (bench/_loading.ts), in a process of its own so that its peak
 * memory is the loader's alone: the import engine's streamed path (as `npm run load -- --stream` runs it) on the
 * given files into NEO4J_URI, with the schema applied first. Prints one JSON line: the time to read and check
 * the files, to write the nodes and the relationships, and the peak RSS.
 * `tsx bench/_loader-child.ts <batchSize> <files…>`
 */
import path from 'node:path';
import { openImport, runOpened } from '../server/src/import/open';
import { Db } from '../server/src/neo4j/db';
import { createRepositories } from '../server/src/repositories';

/**
 * PARLEY_PROFILE=<tag> (bench/_loading-profile.ts): every statement the writer runs in a transaction printed on
 * stderr with its wall time and its row count, `PROF <tag> <ms> rows=<n> <text>`; and every transaction, from
 * its start to its commit, `PROF <tag> <ms> rows=0 TRANSACTION (<ms> in its statements)`: the difference is the
 * commit and the loader's own work between statements.
 */
function profileStatements(db: Db, tag: string) {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (work, opts) => {
    const t0 = performance.now();
    let inStatements = 0;
    const out = await transaction(
      (tx) =>
        work({
          run: async (text, params = {}) => {
            const t = performance.now();
            const rows = await tx.run(text, params);
            inStatements += performance.now() - t;
            const p = params as { rows?: unknown[]; ids?: unknown[] };
            const n = (p.rows ?? p.ids ?? []).length;
            process.stderr.write(
              `PROF ${tag} ${Math.round(performance.now() - t)} rows=${n} ${text.replace(/\s+/g, ' ').slice(0, 100)}\n`,
            );
            return rows;
          },
        }),
      opts,
    );
    const ms = (x: number) => Math.round(x);
    process.stderr.write(
      `PROF ${tag} ${ms(performance.now() - t0)} rows=0 TRANSACTION (${ms(inStatements)} in its statements)\n`,
    );
    return out;
  }) as Db['transaction'];
}

async function main() {
  const [batch, ...files] = process.argv.slice(2);
  const db = new Db({
    uri: process.env.NEO4J_URI!,
    user: 'neo4j',
    password: '',
    database: '',
    queryTimeoutMs: 600_000,
  });
  try {
    if (process.env.PARLEY_PROFILE) profileStatements(db, process.env.PARLEY_PROFILE);
    const repos = createRepositories(db);
    await repos.dataset.applySchema();
    const t0 = performance.now();
    const opened = await openImport(
      files.map((f) => ({ path: f, name: path.basename(f) })),
      { streamAboveBytes: -1 },
    );
    if (!opened.streamed || opened.scan.problems.length > 0)
      throw new Error(
        `the files have problems: ${JSON.stringify(opened.streamed ? opened.scan.problems.slice(0, 3) : [])}`,
      );
    const nodes = opened.scan.counts.nodes + opened.scan.sources.length;
    const t1 = performance.now();
    let tNodes = 0;
    let firstBatchMs = 0;
    let tPrev = 0;
    const batchMs: number[] = [];
    const result = await runOpened(repos.imports, opened, {
      batchSize: Number(batch),
      onProgress: (p) => {
        const now = performance.now();
        if (p.phase === 'writing') {
          if (tPrev > 0) batchMs.push(now - tPrev);
          else firstBatchMs = now - t1;
          tPrev = now;
          if (tNodes === 0 && p.done >= nodes) tNodes = now;
        }
      },
    });
    const t2 = performance.now();
    batchMs.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        status: result.status,
        nodes,
        relationships: opened.scan.counts.relationships,
        scanMs: Math.round(t1 - t0),
        nodesMs: Math.round(tNodes - t1),
        relsMs: Math.round(t2 - tNodes),
        writeMs: Math.round(t2 - t1),
        firstBatchMs: Math.round(firstBatchMs),
        medianBatchMs: Math.round(batchMs[Math.floor(batchMs.length / 2)] ?? 0),
        maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        cpuS: Math.round((process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e5) / 10,
      })}\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
