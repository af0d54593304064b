/**
 * `npm run load -- <files…>`: the import engine's command line (server/src/import/cli.ts). Exit code 0 when
 * the files were written, 1 when they were invalid or the import failed (nothing written), 2 for a usage error.
 */
import { ConfigError } from '../config';
import { main } from '../import/cli';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
