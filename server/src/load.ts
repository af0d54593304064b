/**
 * Loading a data file: validate it whole (every error listed, with its path), then write it in one
 * transaction. Used by `npm start` for the seed, by `npm run load -- <file>`, and by the tests.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkDataLimits, dataFileTooBig } from './dataset/limits';
import { readDatasetFile } from './dataset/schema';
import type { DatasetRepository, LoadSummary } from './repositories/dataset';

export class DatasetInvalidError extends Error {
  override name = 'DatasetInvalidError';
  constructor(
    readonly file: string,
    readonly errors: { path: string; message: string }[],
  ) {
    super(
      `${file} is not a valid Parley data file (${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was written):\n` +
        errors.map((e) => `  ${e.path || '(file)'}: ${e.message}`).join('\n'),
    );
  }
}

export async function loadDatasetFile(repo: DatasetRepository, file: string): Promise<LoadSummary> {
  const abs = path.resolve(file);
  // size limits first (dataset/limits.ts): never parse or validate a file that is too big
  const tooBig = existsSync(abs) ? dataFileTooBig(statSync(abs).size) : null;
  if (tooBig) throw new DatasetInvalidError(file, [{ path: '$', message: tooBig }]);
  if (existsSync(abs)) {
    const limits = checkDataLimits(readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''));
    if (limits.length) throw new DatasetInvalidError(file, limits);
  }
  const parsed = await readDatasetFile(abs);
  if (!parsed.ok) throw new DatasetInvalidError(file, parsed.errors);
  return repo.load(parsed.dataset);
}
