/**
 * `npm run bench:scan -- <csv folder>`: the import engine's first pass (stream.ts: every row read and checked,
 * no database) over a folder of CSV files, e.g. one written by `npm run bench:generate -- XL --csv <folder>`,
 * with its time and peak memory. Shows that the reader's memory follows the node count (the id map), not the
 * size of the files: the files are never held.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanImportFiles } from '../server/src/import/stream';

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error('bench/scan: give a folder of CSV files');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => ({ path: path.join(dir, f), name: f }));
  const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);
  const t0 = performance.now();
  const scan = await scanImportFiles(files);
  const s = (performance.now() - t0) / 1000;
  const rows = scan.counts.nodes + scan.sources.length + scan.counts.relationships;
  process.stdout.write(
    `${JSON.stringify({
      files: files.length,
      csvMiB: Math.round(bytes / 2 ** 20),
      nodes: scan.counts.nodes + scan.sources.length,
      relationships: scan.counts.relationships,
      problems: scan.problems.length,
      seconds: Math.round(s * 10) / 10,
      rowsPerSecond: Math.round(rows / s),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
