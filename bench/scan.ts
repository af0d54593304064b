/**
 * `npm run bench:scan -- <csv folder>`: the import engine's first pass (stream.ts: every row read and checked,
 * no database) over a folder of CSV files, e.g. one written by `npm run bench:generate -- XL --csv <folder>`,
 * with its time and peak memory. Shows that the reader's memory does not follow the size of the files: the files
 * are never held, and the node ids are kept as hashes in a compact table (id-table.ts, ~25 bytes a node).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanImportFiles } from '../server/src/import/stream';

const gc = (globalThis as { gc?: () => void }).gc;
/** the heap in use after a full collection, with the scan still referenced */
function live(scan: unknown): number {
  gc?.();
  const mib = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  return scan ? mib : 0;
}

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
      // what the scan keeps (run with `node --expose-gc --import tsx bench/scan.ts`): the heap after a full GC
      ...(gc ? { liveHeapMiB: live(scan) } : {}),
      // typed arrays (the id table) live outside the heap
      arrayBuffersMiB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
