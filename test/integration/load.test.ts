// Loading data files: validated whole, written in one transaction (all or nothing), idempotent.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config';
import { DatasetInvalidError, loadDatasetFile } from '../../server/src/load';
import type { Db } from '../../server/src/neo4j/db';
import { createRepositories, type Repositories } from '../../server/src/repositories';
import { testDb, testEnv } from '../_helpers';

const run = promisify(execFile);
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'load', name);
const seed = path.join(repoRoot, 'data', 'seed.json');

let db: Db;
let repos: Repositories;

/** Counts plus a digest of every property, so that "nothing changed" is checked to the letter. */
async function fingerprint() {
  const [row] = await db.query('MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleyInternal RETURN count(n) AS nodes');
  const [rels] = await db.query('MATCH ()-[r]->() RETURN count(r) AS rels');
  const props = await db.query(
    `MATCH (n) WHERE NOT n:Snapshot AND NOT n:ParleyInternal
     OPTIONAL MATCH (n)-[r]->(m)
     WITH n, r ORDER BY n.id, type(r), r.id
     RETURN n.id AS id, properties(n) AS np, collect(properties(r)) AS rp
     ORDER BY id`,
  );
  return { nodes: row?.nodes, rels: rels?.rels, props: JSON.stringify(props) };
}

async function cleanup() {
  await db.query(
    "MATCH (n) WHERE n.id STARTS WITH 'person:load-test' OR n.id STARTS WITH 'meeting:load-test' OR n.id STARTS WITH 'place:load-test' OR n.id = 'source:load-test-note' DETACH DELETE n",
    {},
    { mode: 'write' },
  );
}

beforeAll(async () => {
  db = testDb();
  repos = createRepositories(db);
  await cleanup();
});
afterAll(async () => {
  await cleanup();
  await db.close();
});

describe('loading a data file', () => {
  it('changes nothing when the seed is loaded a second time', async () => {
    const before = await fingerprint();
    const summary = await loadDatasetFile(repos.dataset, seed);
    expect(summary.nodes).toBeGreaterThan(0);
    expect(await fingerprint()).toEqual(before);
  });

  it('loads a new file, then loading it again changes nothing', async () => {
    const before = await fingerprint();
    const s = await loadDatasetFile(repos.dataset, fixture('small-valid.json'));
    expect(s).toMatchObject({ nodes: 4, relationships: 3, sources: 1 });
    const after = await fingerprint();
    expect(after.nodes).toBe((before.nodes as number) + 5);
    expect(after.rels).toBe((before.rels as number) + 3);
    await loadDatasetFile(repos.dataset, fixture('small-valid.json'));
    expect(await fingerprint()).toEqual(after);
    await cleanup();
  });

  it('rejects an invalid file with every error listed and writes nothing', async () => {
    const before = await fingerprint();
    let err: unknown;
    try {
      await loadDatasetFile(repos.dataset, fixture('three-errors.json'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetInvalidError);
    const paths = (err as DatasetInvalidError).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^relationships\[0\]\.evidence\[0\]\.quote/),
        expect.stringMatching(/^relationships\[1\]\.target/),
        expect.stringMatching(/^relationships\[2\]\.type/),
      ]),
    );
    expect(await fingerprint()).toEqual(before);
  });

  it('rolls the whole load back when the database refuses part of it', async () => {
    const before = await fingerprint();
    // Nodes first, then a relationship whose property Neo4j refuses (a map): the nodes must not stay.
    await expect(
      repos.dataset.load({
        sources: [],
        nodes: [
          { id: 'person:load-test-a', label: 'Person', name: 'A', aliases: [], description: '', properties: {} },
          { id: 'person:load-test-b', label: 'Person', name: 'B', aliases: [], description: '', properties: {} },
        ],
        relationships: [
          {
            type: 'KNOWS',
            source: 'person:load-test-a',
            target: 'person:load-test-b',
            properties: { nested: { not: 'storable' } },
            evidence: [],
            inferred: true,
            inferenceReason: 'test',
          },
        ],
      }),
    ).rejects.toThrow(/Property values can only be of primitive types|primitive/i);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('names that reach Cypher text', () => {
  it('refuses a label or type that is not a plain name before writing anything', async () => {
    const before = await fingerprint();
    const node = { id: 'person:load-test-a', label: 'Person', name: 'A', aliases: [], description: '', properties: {} };
    const rel = {
      source: 'person:load-test-a',
      target: 'person:load-test-a',
      properties: {},
      evidence: [],
      inferred: true,
    };
    await expect(
      repos.dataset.load({
        sources: [],
        nodes: [node],
        relationships: [{ ...rel, type: 'BAD TYPE`) DETACH DELETE a //' }],
      }),
    ).rejects.toThrow(/not a valid label, type or key/);
    await expect(
      repos.dataset.load({ sources: [], nodes: [{ ...node, label: 'Person`:Admin' }], relationships: [] }),
    ).rejects.toThrow(/not a valid label, type or key/);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('npm run load', () => {
  const env = { ...process.env, ...testEnv(), PARLEY_LOG_LEVEL: 'silent' };
  const cli = path.join(repoRoot, 'server', 'src', 'cli', 'load.ts');
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

  it('loads a valid file through the import engine and says what it loaded', async () => {
    const { stdout, stderr } = await run(tsx, [cli, fixture('small-valid.json')], { env, cwd: repoRoot });
    expect(stderr).toMatch(/read 4 nodes, 3 relationships, 1 source\(s\) from 1 file/);
    expect(stdout).toMatch(/import imp-\S+ committed/);
    expect(stdout).toMatch(/Person: 2 created, 0 updated, 0 unchanged/);
    await cleanup();
  });

  it("reads CSV columns under the names a --mapping file gives them (the Import page's mapping)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-load-mapping-'));
    const people = path.join(dir, 'people.csv');
    const links = path.join(dir, 'links.csv');
    writeFileSync(
      people,
      'key,kind,title,nick,team\nperson:load-test-mapped-a,Person,Ada Mapped,A. M.;Ada,blue\n' +
        'person:load-test-mapped-b,Person,Bo Mapped,,red\n',
    );
    writeFileSync(links, 'from,to,kind\nperson:load-test-mapped-a,person:load-test-mapped-b,KNOWS\n');
    const mapping = path.join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        'people.csv': {
          kind: 'nodes',
          columns: {
            key: { to: 'id' },
            kind: { to: 'label' },
            title: { to: 'name' },
            nick: { to: 'aliases' },
            team: { to: 'property', name: 'colour' },
          },
        },
        [links]: {
          kind: 'relationships',
          columns: { from: { to: 'source' }, to: { to: 'target' }, kind: { to: 'type' } },
        },
      }),
    );
    const { stdout } = await run(tsx, [cli, '--mapping', mapping, people, links], { env, cwd: repoRoot });
    expect(stdout).toMatch(/import imp-\S+ committed/);
    const rows = await db.query(
      `MATCH (a:Person {id: 'person:load-test-mapped-a'})-[r:KNOWS]->(b:Person {id: 'person:load-test-mapped-b'})
       RETURN a.name AS name, a.aliases AS aliases, a.colour AS colour, b.name AS other`,
    );
    expect(rows).toEqual([{ name: 'Ada Mapped', aliases: ['A. M.', 'Ada'], colour: 'blue', other: 'Bo Mapped' }]);
    await cleanup();
  });

  it('exits 1 listing every error of an invalid file, and 2 without a file', async () => {
    const before = await fingerprint();
    const res = await run(tsx, [cli, fixture('three-errors.json')], { env, cwd: repoRoot }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((res as { code: number }).code).toBe(1);
    const stderr = (res as { stderr: string }).stderr;
    expect(stderr).toMatch(/\d+ problems; nothing was written/);
    expect(stderr).toMatch(/relationships\[2\]\.type/);
    // the fixture is kept as .txt (out of Prettier's way); the loader reads .txt files as source texts
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'parley-load-')), 'broken.json');
    copyFileSync(fixture('broken-syntax.json.txt'), broken);
    const syntax = await run(tsx, [cli, broken], { env, cwd: repoRoot }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((syntax as { code: number }).code).toBe(1);
    expect((syntax as { stderr: string }).stderr).toMatch(/line \d+/);
    const usage = await run(tsx, [cli], { env, cwd: repoRoot }).catch((e: { code: number }) => e);
    expect((usage as { code: number }).code).toBe(2);
    expect(await fingerprint()).toEqual(before);
  });
});
