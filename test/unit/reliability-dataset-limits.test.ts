// Issue 12, items 8 and 9: the loader never follows a symbolic link out of the data file's directory (a real
// symlink in a temporary folder), and data files have size limits per string, per list and per file, stated in
// the error. Nothing here reaches a database: the repository stub throws if loading is attempted.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { checkDataLimits, DATA_LIMITS, dataFileTooBig } from '../../server/src/dataset/limits';
import { readDatasetFile } from '../../server/src/dataset/schema';
import { readImportFiles } from '../../server/src/import/read';
import { DatasetInvalidError, loadDatasetFile } from '../../server/src/load';
import type { DatasetRepository } from '../../server/src/repositories/dataset';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'datasets');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noLoad = {
  load: () => Promise.reject(new Error('the loader must not be reached')),
} as unknown as DatasetRepository;

describe('symbolic links out of the data directory', () => {
  it('a textFile that links outside is refused, naming the link and where it points', () => {
    const dir = path.join(tmp, 'data');
    cpSync(fixtures, dir, { recursive: true });
    const secret = path.join(tmp, 'secret.txt');
    writeFileSync(secret, 'Jane Roe met John Doe in Vienna. It was a private note.\n');
    rmSync(path.join(dir, 'sources', 'vienna.txt'));
    symlinkSync(secret, path.join(dir, 'sources', 'vienna.txt'));
    const res = readDatasetFile(path.join(dir, 'valid-minimal.json'));
    expect(res.ok).toBe(false);
    const errors = res.ok ? [] : res.errors;
    expect(errors).toContainEqual({
      path: 'sources[0].textFile',
      message: expect.stringMatching(/symbolic link to .*secret\.txt, outside the data file's directory/),
    });
  });

  it('a link that stays inside the directory is followed', () => {
    const dir = path.join(tmp, 'inside');
    cpSync(fixtures, dir, { recursive: true });
    const real = path.join(dir, 'sources', 'vienna-real.txt');
    writeFileSync(real, readFileSync(path.join(fixtures, 'sources', 'vienna.txt')));
    rmSync(path.join(dir, 'sources', 'vienna.txt'));
    symlinkSync(real, path.join(dir, 'sources', 'vienna.txt'));
    expect(readDatasetFile(path.join(dir, 'valid-minimal.json')).ok).toBe(true);
  });
});

describe('size limits', () => {
  const base = () =>
    JSON.parse(readFileSync(path.join(fixtures, 'valid-minimal.json'), 'utf8')) as {
      sources: { text?: string }[];
      nodes: { name: string; aliases?: string[]; description?: string }[];
    };

  it('the fixtures and the seed are within the limits', () => {
    expect(checkDataLimits(readFileSync(path.join(fixtures, 'valid-minimal.json'), 'utf8'))).toEqual([]);
    expect(checkDataLimits(readFileSync(path.join(repoRoot, 'data', 'seed.json'), 'utf8'))).toEqual([]);
  });

  it('a 1 MB name, a 1 MB description and 100,000 aliases are each refused with the size and the limit', () => {
    const d = base();
    const node = d.nodes[0]!;
    node.name = 'x'.repeat(1_000_000);
    node.description = 'y'.repeat(1_000_000);
    node.aliases = Array.from({ length: 100_000 }, (_, i) => `a${i}`);
    const errors = checkDataLimits(JSON.stringify(d));
    expect(errors).toContainEqual({
      path: 'nodes[0].name',
      message:
        "this string is 1,000,000 characters; strings may be at most 10,000 (only a source's text may be longer)",
    });
    expect(errors.map((e) => e.path)).toContain('nodes[0].description');
    expect(errors).toContainEqual({
      path: 'nodes[0].aliases',
      message: `this list has 100,000 items; lists inside an item may have at most ${DATA_LIMITS.listItems}`,
    });
  });

  it("a source's text may be long, up to its own limit", () => {
    const d = base();
    d.sources[1]!.text = 'z'.repeat(50_000);
    expect(checkDataLimits(JSON.stringify(d))).toEqual([]);
  });

  it('nesting deeper than 64 is refused with the limit', () => {
    const errors = checkDataLimits(`{"version":1,"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`);
    expect(errors).toEqual([{ path: '$', message: expect.stringMatching(/nested more than 64 levels/) }]);
  });

  it('the import engine refuses such a file with the same messages, and proposes nothing to write', () => {
    const d = base();
    d.nodes[0]!.aliases = Array.from({ length: 1_000 }, (_, i) => `a${i}`);
    const file = path.join(tmp, 'many-aliases-import.json');
    writeFileSync(file, JSON.stringify(d));
    const set = readImportFiles([{ path: file, name: 'many-aliases-import.json' }]);
    expect(set.problems).toEqual([
      {
        file: 'many-aliases-import.json',
        path: 'nodes[0].aliases',
        message: `this list has 1,000 items; lists inside an item may have at most ${DATA_LIMITS.listItems}`,
      },
    ]);
    expect(set.nodes).toEqual([]);
  });

  it('a file over the size limit is refused by its size alone', () => {
    expect(dataFileTooBig(DATA_LIMITS.fileBytes)).toBeNull();
    expect(dataFileTooBig(DATA_LIMITS.fileBytes + 1)).toMatch(/may be at most 200 MiB: split it/);
  });

  it('loadDatasetFile refuses such a file before validating or loading it', async () => {
    const d = base();
    d.nodes[0]!.aliases = Array.from({ length: 1_000 }, (_, i) => `a${i}`);
    const file = path.join(tmp, 'many-aliases.json');
    writeFileSync(file, JSON.stringify(d));
    const err = await loadDatasetFile(noLoad, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetInvalidError);
    expect((err as Error).message).toMatch(/nodes\[0\]\.aliases: this list has 1,000 items/);
  });
});
