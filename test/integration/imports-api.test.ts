// The imports API through inject(): multipart upload, the preview, limits that say so (400 with every problem,
// 413 with the limit, 401 without the token), the write with its NDJSON progress, the list, and undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../_helpers';
import { dbFingerprint } from './import-helpers';

let t: TestApp;
const TOKEN = 'import-test-token';

function multipart(files: { name: string; content: string | Buffer }[]) {
  const boundary = '----parleyimporttest';
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${TOKEN}` },
  };
}

const NODES = 'id,label,name,aliases\napi:one,ApiThing,Thing One,First\napi:two,ApiThing,Thing Two,\n';
const LINKS = 'source,target,type\napi:one,api:two,NEXT_TO\n';

beforeAll(async () => {
  t = await createTestApp({ config: { PARLEY_TOKEN: TOKEN, PARLEY_IMPORT_MAX_MB: 2 } });
  await t.db.query('MATCH (n:ApiThing) DETACH DELETE n', {}, { mode: 'write' });
});
afterAll(async () => {
  await t.db.query('MATCH (n:ApiThing) DETACH DELETE n', {}, { mode: 'write' });
  await t.close();
});

describe('POST /api/imports', () => {
  it('previews with ?dryRun=1 and writes nothing', async () => {
    const before = await dbFingerprint(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=1',
      ...multipart([
        { name: 'n.csv', content: NODES },
        { name: 'r.csv', content: LINKS },
      ]),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ok).toBe(true);
    expect(body.plan.labels).toEqual({ ApiThing: { created: 2, updated: 0, unchanged: 0, conflicts: 0 } });
    expect(body.plan.types).toEqual({ NEXT_TO: { created: 1, updated: 0, unchanged: 0, conflicts: 0 } });
    expect(body.files.map((f: { kind: string }) => f.kind)).toEqual(['nodes-csv', 'relationships-csv']);
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a header only', 'id,label,name\n', 'has a header but no rows'],
    ['duplicate headers', 'id,label,name,name\na:1,X,One,Two\n', 'duplicate header "name"'],
    ['a __proto__ column', 'id,label,name,__proto__\na:1,X,One,p\n', '"__proto__" is not allowed'],
    ['a 1 MB cell', `id,label,name,notes\na:1,X,One,${'x'.repeat(1024 * 1024 + 1)}\n`, 'larger than 1 MB'],
    [
      'text that is not UTF-8',
      Buffer.from([
        0x69, 0x64, 0x2c, 0x6c, 0x61, 0x62, 0x65, 0x6c, 0x2c, 0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x61, 0x2c, 0x58, 0x2c,
        0xe9, 0x0a,
      ]),
      'not UTF-8',
    ],
    ['a bad label', 'id,label,name\na:1,Bad Label,One\n', 'is not a valid label'],
  ])('answers 400 for %s, with the place, and writes nothing', async (_what, content, message) => {
    const before = await dbFingerprint(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart([{ name: 'bad.csv', content }]),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_import');
    expect(body.problems[0]).toMatchObject({ file: 'bad.csv', message: expect.stringContaining(message) });
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it('answers 413 with the limit for a file over it', async () => {
    const big = `id,label,name,notes\n${Array.from({ length: 5000 }, (_, i) => `a:${i},X,N${i},${'y'.repeat(500)}`).join('\n')}\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      ...multipart([{ name: 'big.csv', content: big }]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('limit of 2 MB') });
  });

  it('answers 401 without the token', async () => {
    const { payload, headers } = multipart([{ name: 'n.csv', content: NODES }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { 'content-type': headers['content-type'] },
    });
    expect(res.statusCode).toBe(401);
  });

  it('writes with NDJSON progress, lists the import, and undoes it as a whole', async () => {
    const before = await dbFingerprint(t.db);
    const { payload, headers } = multipart([
      { name: 'n.csv', content: NODES },
      { name: 'r.csv', content: LINKS },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?batchSize=1',
      payload,
      headers: { ...headers, accept: 'application/x-ndjson' },
    });
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            phase?: string;
            done?: number;
            total?: number;
            result?: { id: string; status: string };
          },
      );
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { status: 'committed' } });
    const writing = lines.filter((l) => l.phase === 'writing');
    expect(writing.at(-1)).toMatchObject({ done: 3, total: 3 });
    const id = lines.at(-1)!.result!.id;
    const list = await t.app.inject({ method: 'GET', url: '/api/imports' });
    expect(list.json().imports[0]).toMatchObject({
      id,
      status: 'committed',
      files: ['n.csv', 'r.csv'],
      by: expect.stringMatching(/^token:/),
    });
    const [row] = await t.db.query(
      "MATCH (a:ApiThing {id: 'api:one'})-[:NEXT_TO]->(b:ApiThing) RETURN a.aliases AS aliases, b.name AS name",
    );
    expect(row).toEqual({ aliases: ['First'], name: 'Thing Two' });
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/undo`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id, status: 'undone' });
    expect(await dbFingerprint(t.db)).toEqual(before);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/undo`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(again.statusCode).toBe(409);
  });
});
