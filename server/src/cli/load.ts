/**
 * `npm run load -- <file> [<file> ...]`: validates each data file and loads it into the configured Neo4j
 * (the local one unless NEO4J_URI is set). An invalid file is rejected with every error listed and nothing
 * written; the exit code is 1 then, 2 for a usage error.
 */
import { ConfigError, loadConfig } from '../config';
import { DatasetInvalidError, loadDatasetFile } from '../load';
import { startDatabase } from '../start';

async function main(): Promise<number> {
  const files = process.argv.slice(2).filter((a) => a !== '--');
  if (files.length === 0 || files.includes('--help')) {
    process.stderr.write('usage: npm run load -- <data-file.json> [more files]\n');
    return 2;
  }
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  const started = await startDatabase({ ...config, PARLEY_LOAD_SEED: false }, log);
  let failed = 0;
  try {
    for (const file of files) {
      try {
        const s = await loadDatasetFile(started.repos.dataset, file);
        process.stdout.write(
          `${file}: loaded ${s.nodes} nodes, ${s.relationships} relationships, ${s.sources} source(s) in ${s.ms} ms\n`,
        );
      } catch (err) {
        failed++;
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        if (!(err instanceof DatasetInvalidError)) break;
      }
    }
  } finally {
    await started.stop();
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
