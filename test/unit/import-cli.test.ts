// The loader's arguments and its progress line, and the limits' messages: pure pieces of the import engine.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { parseArgs, readMappingFile } from '../../server/src/import/cli';
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
      stream: false,
      mapping: null,
    });
    expect(parseArgs(['--mapping', 'm.json', 'x.csv'])).toMatchObject({ mapping: 'm.json', files: ['x.csv'] });
    expect(parseArgs(['--stream', 'x.csv'])).toMatchObject({ stream: true, files: ['x.csv'] });
    expect(parseArgs(['--dry-run', 'x.json'])).toMatchObject({ dryRun: true, rule: 'keep', files: ['x.json'] });
  });

  it('answers the usage for no file, a bad rule or an unknown option', () => {
    expect(parseArgs([])).toMatch(/^usage: npm run load/);
    expect(parseArgs(['--rule', 'merge', 'a.csv'])).toMatch(/^--rule takes keep or replace/);
    expect(parseArgs(['--fast', 'a.csv'])).toMatch(/^unknown option --fast/);
    expect(parseArgs(['a.csv', '--mapping'])).toMatch(/^--mapping takes a JSON file/);
    expect(parseArgs(['--mapping', 'm.json', '--stream', 'a.csv'])).toMatch(
      /^--mapping and --stream do not go together/,
    );
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

describe('npm run load without a database', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-cli-'));
  // port 1 on loopback: nothing listens there, so any attempt to reach a database fails
  const env = { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', PARLEY_LOG_LEVEL: 'silent' };
  const cli = [
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    path.join(repoRoot, 'server', 'src', 'cli', 'load.ts'),
  ] as const;
  const load = (...files: string[]) =>
    run(cli[0], [cli[1], ...files], { env, cwd: repoRoot }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it(
    'checks the files first: an invalid file is refused with its problems before any connection',
    { timeout: 60_000 },
    async () => {
      const bad = path.join(dir, 'bad.csv');
      writeFileSync(bad, 'id,label,name\nx:1,Bad Label,One\n');
      const res = await load(bad);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('bad.csv line 2, column 2: "Bad Label" is not a valid label');
      expect(res.stderr).not.toContain('NEO4J_URI');
    },
  );

  it('refuses a bad --mapping file with what is wrong, before any connection', { timeout: 60_000 }, async () => {
    const people = path.join(dir, 'people.csv');
    writeFileSync(people, 'key,kind,title\nx:1,Thing,One\n');
    const mapping = (name: string, body: string) => {
      const f = path.join(dir, name);
      writeFileSync(f, body);
      return f;
    };
    const cases: [string, string][] = [
      [mapping('not-json.json', '{"people.csv": '), 'cannot be read as JSON'],
      [path.join(dir, 'missing.json'), 'cannot be read as JSON: no such file'],
      // the API's own schema and words: a nodes file has no "target" column
      [
        mapping(
          'bad-target.json',
          JSON.stringify({ 'people.csv': { kind: 'nodes', columns: { key: { to: 'target' } } } }),
        ),
        'is invalid at people.csv.columns.key: a nodes file has no "target" column',
      ],
      [
        mapping(
          'bad-name.json',
          JSON.stringify({ 'people.csv': { kind: 'nodes', columns: { key: { to: 'property', name: '__proto__' } } } }),
        ),
        'is invalid at people.csv.columns.key.name',
      ],
      [
        mapping('other-file.json', JSON.stringify({ 'others.csv': { kind: 'nodes', columns: { key: { to: 'id' } } } })),
        'names "others.csv", which is not among the files given',
      ],
    ];
    for (const [file, message] of cases) {
      expect(readMappingFile(file, [people])).toEqual({ ok: false, problem: expect.stringContaining(message) });
    }
    // the command: exit 1, nothing written, no connection tried
    const res = await load('--mapping', cases[2]![0], people);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(cases[2]![1]);
    expect(res.stderr).toMatch(/or ignore; nothing was written\n$/);
    expect(res.stderr).not.toContain('NEO4J_URI');
    // files are named as typed or by their base name
    const good = mapping(
      'good.json',
      JSON.stringify({ 'people.csv': { kind: 'nodes', columns: { key: { to: 'id' } } } }),
    );
    expect(readMappingFile(good, [people])).toEqual({
      ok: true,
      mapping: { [people]: { kind: 'nodes', columns: { key: { to: 'id' } } } },
    });
  });

  it('says that NEO4J_URI is the fix when it cannot connect', { timeout: 60_000 }, async () => {
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, 'id,label,name\nx:1,Thing,One\n');
    const res = await load(good);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cannot connect to a Neo4j at bolt:\/\/127\.0\.0\.1:1: set NEO4J_URI/);
  });
});
