// The loader's arguments and its progress line, and the limits' messages: pure pieces of the import engine.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../server/src/import/cli';
import { decodeUtf8 } from '../../server/src/import/limits';
import { formatProgress, progressAt } from '../../server/src/import/progress';

describe('npm run load arguments', () => {
  it('reads files and options', () => {
    expect(parseArgs(['--', '--rule', 'replace', '--batch-size', '100', 'a.csv', 'b.txt'])).toEqual({
      files: ['a.csv', 'b.txt'],
      dryRun: false,
      rule: 'replace',
      batchSize: 100,
      recover: false,
    });
    expect(parseArgs(['--dry-run', 'x.json'])).toMatchObject({ dryRun: true, rule: 'keep', files: ['x.json'] });
  });

  it('answers the usage for no file, a bad rule or an unknown option', () => {
    expect(parseArgs([])).toMatch(/^usage: npm run load/);
    expect(parseArgs(['--rule', 'merge', 'a.csv'])).toMatch(/^--rule takes keep or replace/);
    expect(parseArgs(['--fast', 'a.csv'])).toMatch(/^unknown option --fast/);
  });
});

describe('progress', () => {
  it('gives the rate and the time left', () => {
    const p = progressAt('writing', 500, 2000, 0, 1000);
    expect(p).toEqual({ phase: 'writing', done: 500, total: 2000, rate: 500, etaMs: 3000, elapsedMs: 1000 });
    expect(formatProgress(p)).toBe('writing: 500/2000 rows (25%), 500 rows/s, about 3 s left');
  });
});

describe('text that is not UTF-8', () => {
  it('names the byte and its line', () => {
    const r = decodeUtf8('f.csv', Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x0a]));
    expect(r).toEqual({
      problem: { file: 'f.csv', line: 2, message: expect.stringContaining('byte 4, on line 2, is not valid UTF-8') },
    });
    expect(decodeUtf8('f.csv', Buffer.from('é\n', 'utf8'))).toEqual({ text: 'é\n' });
  });
});
