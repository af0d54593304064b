// Accounts (issue 12, "optional accounts for a shared server") through inject() against the run's real Neo4j:
// each write route answers 401 without a session and 403 to a viewer, and lets an editor through; the admin's
// routes refuse an editor; the console follows the admin's access setting; every write records who did it
// (import, merge and its undo, snapshot); signing in is limited; `npm run user` creates an account from stdin.
// Token mode (accounts off) is unchanged: its own describe at the end.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotDocument } from '../../contract';
import { accountsSecret, checkPassword, hashPassword } from '../../server/src/accounts/password';
import { loadConfig, repoRoot } from '../../server/src/config';
import { createTestApp, testEnv, type TestApp } from '../_helpers';

const run = Math.random().toString(36).slice(2, 8);
const PASSWORD = 'correct horse battery';
const names = { viewer: `viewer-${run}`, editor: `editor-${run}`, admin: `admin-${run}` } as const;
type Who = keyof typeof names | 'anonymous';

let t: TestApp;
const secret = accountsSecret(loadConfig({}).PARLEY_ACCOUNTS_SECRET_FILE);
const tokens: Record<string, string> = {};

async function signIn(name: string, password = PASSWORD) {
  return t.app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
}

function call(who: Who, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const auth = who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` };
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...auth },
    ...(payload === undefined ? {} : { payload: payload as string }),
  });
}

function multipart(name: string, content: string) {
  const b = '----parleyaccounts';
  return {
    payload: `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${content}\r\n--${b}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
}

function snapshot(): SnapshotDocument {
  return {
    format: 'parley-snapshot',
    version: 1,
    title: `accounts ${run}`,
    caption: '',
    view: {
      mode: 'graph',
      camera: { x: 0.5, y: 0.5, ratio: 1, angle: 0 },
      viewport: { width: 800, height: 600 },
      filters: { hiddenLabels: [], hiddenTypes: [], from: null, to: null },
      selection: [],
      query: { kind: 'search', text: 'Coulter' },
      styles: {},
      legend: [],
    },
    graph: {
      nodes: [
        { id: 'person:sonata-coulter', label: 'Sonata Coulter', kind: 'Person', x: 0, y: 0, size: 8, color: '#4e79a7' },
      ],
      edges: [],
    },
    sources: [],
  };
}

const LABEL = `AcctThing${run}`;
const NODES = `id,label,name\nacct-${run}:a,${LABEL},Thing A\nacct-${run}:b,${LABEL},Thing A.\n`;

beforeAll(async () => {
  t = await createTestApp({ config: { PARLEY_ACCOUNTS: true } });
  const hash = await hashPassword(PASSWORD, secret);
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    expect(await t.repos.users.create(names[role], role, hash)).toBe(true);
  }
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const res = await signIn(names[role]);
    expect(res.statusCode, res.body).toBe(201);
    tokens[role] = res.json<{ token: string }>().token;
  }
});
afterAll(async () => {
  for (const n of Object.values(names)) await t.repos.users.remove(n);
  await t.repos.users.remove(`cli-${run}`);
  await t.db.query(`MATCH (n:${LABEL}) DETACH DELETE n`, {}, { mode: 'write' });
  await t.close();
});

// Each write route with a body that passes the role check; what an editor gets after it is the route's own answer.
const WRITES: [string, string, unknown?][] = [
  ['POST', '/api/snapshots', {}],
  ['DELETE', '/api/snapshots/no-such-snapshot'],
  ['POST', '/api/duplicates/dismiss', { a: 'person:nobody-1', b: 'person:nobody-2' }],
  ['POST', '/api/merges', { keep: 'person:nobody-1', merge: 'person:nobody-2' }],
  ['POST', '/api/merges/no-such-merge/undo', {}],
  ['POST', '/api/imports?dryRun=1'],
  ['POST', '/api/imports/no-such-import/undo'],
  ['POST', '/api/extract/dataset', {}],
];
const ADMIN: [string, string, unknown?][] = [
  ['PUT', '/api/settings/captions', { captions: {} }],
  ['PUT', '/api/settings/access', { consoleRoles: ['editor', 'admin'] }],
  ['POST', '/api/search/index'],
];

describe('who may call what', () => {
  it('reads need a session; health, the session and the API description do not', async () => {
    const anon = await call('anonymous', 'GET', '/api/graph');
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({
      error: 'sign_in_required',
      message: expect.stringMatching(/POST \/api\/session/),
    });
    expect((await call('anonymous', 'GET', '/api/health')).statusCode).toBe(200);
    expect((await call('anonymous', 'GET', '/api/openapi.json')).statusCode).toBe(200);
    expect((await call('anonymous', 'GET', '/api/session')).json()).toEqual({ accounts: true, user: null });
    expect((await call('viewer', 'GET', '/api/graph')).statusCode).toBe(200);
    expect((await call('viewer', 'GET', '/api/session')).json()).toEqual({
      accounts: true,
      user: { name: names.viewer, role: 'viewer' },
    });
    // accounts are Parley's bookkeeping: not a label of the schema, not drawn
    const schema = (await call('viewer', 'GET', '/api/schema')).json<{ labels: { label: string }[] }>();
    expect(schema.labels.map((l) => l.label)).not.toContain('ParleyUser');
    expect((await call('viewer', 'GET', '/api/graph?limit=5000')).body).not.toContain(names.viewer);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/graph', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ message: string }>().message).toMatch(/sign in again/);
  });

  it.each(WRITES)('%s %s: 401 anonymous, 403 viewer, editor and admin get through', async (method, url, body) => {
    const anon = await call('anonymous', method, url, body);
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ error: 'sign_in_required' });
    const viewer = await call('viewer', method, url, body);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/needs the editor role/),
    });
    for (const who of ['editor', 'admin'] as const) {
      const res = await call(who, method, url, body);
      expect([401, 403], `${who}: ${res.body}`).not.toContain(res.statusCode);
      expect(res.statusCode).toBeLessThan(500);
    }
  });

  it.each(ADMIN)('%s %s: 401 anonymous, 403 viewer and editor', async (method, url, body) => {
    expect((await call('anonymous', method, url, body)).statusCode).toBe(401);
    for (const who of ['viewer', 'editor'] as const) {
      const res = await call(who, method, url, body);
      expect(res.statusCode, who).toBe(403);
      expect(res.json<{ message: string }>().message).toMatch(/needs the admin role/);
    }
  });

  it('admins manage: captions and the access setting', async () => {
    expect((await call('admin', 'PUT', '/api/settings/captions', { captions: {} })).statusCode).toBe(200);
    const res = await call('admin', 'PUT', '/api/settings/access', { consoleRoles: ['editor', 'admin'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ consoleRoles: ['editor', 'admin'] });
  });

  it('the console is open to the roles the admin chooses (editors and admins by default)', async () => {
    const q = { query: 'RETURN 1 AS one' };
    const refused = await call('viewer', 'POST', '/api/cypher', q);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      error: 'console_not_allowed',
      message: expect.stringMatching(/editor, admin/),
    });
    expect((await call('editor', 'POST', '/api/cypher', q)).statusCode).toBe(200);
    expect((await call('anonymous', 'POST', '/api/cypher', q)).statusCode).toBe(401);
    try {
      const set = await call('admin', 'PUT', '/api/settings/access', { consoleRoles: ['viewer', 'admin'] });
      expect(set.json()).toEqual({ consoleRoles: ['viewer', 'admin'] });
      expect((await call('viewer', 'POST', '/api/cypher', q)).statusCode).toBe(200);
      expect((await call('editor', 'POST', '/api/cypher', q)).statusCode).toBe(403);
      expect((await call('viewer', 'GET', '/api/settings/access')).json()).toEqual({
        consoleRoles: ['viewer', 'admin'],
      });
    } finally {
      await call('admin', 'PUT', '/api/settings/access', { consoleRoles: ['editor', 'admin'] });
    }
  });
});

describe('every write records who did it', () => {
  it('a snapshot: createdBy', async () => {
    const res = await call('editor', 'POST', '/api/snapshots', snapshot());
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();
    const list = (await call('viewer', 'GET', '/api/snapshots')).json<{
      snapshots: { id: string; createdBy?: string | null }[];
    }>();
    expect(list.snapshots.find((s) => s.id === id)?.createdBy).toBe(names.editor);
    expect((await call('editor', 'DELETE', `/api/snapshots/${id}`)).statusCode).toBe(204);
  });

  it('an import (by), a merge (user) and its undo (undoneBy)', async () => {
    const up = multipart('things.csv', NODES);
    const imp = await call('editor', 'POST', '/api/imports', up.payload, up.headers);
    expect(imp.statusCode, imp.body).toBe(201);
    const importId = imp.json<{ id: string }>().id;
    const rec = (await call('viewer', 'GET', `/api/imports/${importId}`)).json<{ by: string | null }>();
    expect(rec.by).toBe(`user:${names.editor}`);

    const merged = await call('admin', 'POST', '/api/merges', { keep: `acct-${run}:a`, merge: `acct-${run}:b` });
    expect(merged.statusCode, merged.body).toBe(201);
    const m = merged.json<{ id: string; user: string | null; authenticated: boolean }>();
    expect(m).toMatchObject({ user: names.admin, authenticated: true });
    const undone = await call('editor', 'POST', `/api/merges/${m.id}/undo`, {});
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'undone', undoneBy: names.editor, user: names.admin });
    expect((await call('editor', 'POST', `/api/imports/${importId}/undo`)).statusCode).toBe(200);
  });
});

describe('signing in', () => {
  it('a wrong password and an unknown name get the same 401; signing out ends the token', async () => {
    const wrong = await signIn(names.viewer, 'not the password');
    const unknown = await signIn(`nobody-${run}`, PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const res = await signIn(names.viewer);
    const token = res.json<{ token: string }>().token;
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/graph', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/graph', headers })).statusCode).toBe(401);
  });

  it('npm run user -- add reads the password from stdin, never from the command line', () => {
    const env = { ...process.env, ...testEnv(), PARLEY_LOG_LEVEL: 'silent' };
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const cli = path.join(repoRoot, 'server', 'src', 'cli', 'user.ts');
    const refused = spawnSync(tsx, [cli, 'add', `cli-${run}`, '--role', 'editor', '--password', 'x'], {
      env,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/never given on the command line/);
    const ok = spawnSync(tsx, [cli, 'add', `cli-${run}`, '--role', 'editor'], {
      env,
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`created cli-${run} \\(editor\\)`));
  });

  it('the account made by the CLI signs in with that password', async () => {
    const stored = await t.repos.users.get(`cli-${run}`);
    expect(stored?.role).toBe('editor');
    expect(stored?.hash).toMatch(/^\$argon2id\$/);
    expect(await checkPassword(stored!.hash, PASSWORD, secret)).toBe(true);
    // keyed with the secret: the hash alone (what the console could read) does not verify
    expect(await checkPassword(stored!.hash, PASSWORD, Buffer.alloc(32))).toBe(false);
    expect((await signIn(`cli-${run}`)).statusCode).toBe(201);
  });

  it('at most 10 sign-ins a minute from one address (this file used up to 9 so far): then 429', async () => {
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) last = (await signIn(names.viewer, 'wrong password')).statusCode;
    expect(last).toBe(429);
  });
});

describe('accounts off: PARLEY_TOKEN works exactly as before', () => {
  it('reads open, writes need the token, the session routes say accounts are off', async () => {
    const token = 'the-server-token-123';
    const off = await createTestApp({ config: { PARLEY_TOKEN: token } });
    try {
      const go = (method: string, url: string, payload?: unknown, auth?: string) =>
        off.app.inject({
          method: method as 'GET',
          url,
          ...(auth ? { headers: { authorization: auth } } : {}),
          ...(payload === undefined ? {} : { payload: payload as string }),
        });
      expect((await go('GET', '/api/graph')).statusCode).toBe(200);
      expect((await go('POST', '/api/cypher', { query: 'RETURN 1 AS one' })).statusCode).toBe(200);
      const no = await go('POST', '/api/snapshots', {});
      expect(no.statusCode).toBe(401);
      expect(no.json()).toMatchObject({ error: 'unauthorized' });
      expect((await go('POST', '/api/snapshots', {}, 'Bearer wrong-token-000')).statusCode).toBe(401);
      expect((await go('POST', '/api/snapshots', {}, `Bearer ${token}`)).statusCode).toBe(400);
      expect((await go('POST', '/api/merges', { keep: 'a', merge: 'b' })).statusCode).toBe(401);
      expect((await go('GET', '/api/session')).json()).toEqual({ accounts: false, user: null });
      const signIn = await go('POST', '/api/session', { name: names.editor, password: PASSWORD });
      expect(signIn.statusCode).toBe(404);
      expect(signIn.json()).toMatchObject({ error: 'accounts_off' });
      const created = await go('POST', '/api/snapshots', snapshot(), `Bearer ${token}`);
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      const list = (await go('GET', '/api/snapshots')).json<{
        snapshots: { id: string; createdBy?: string | null }[];
      }>();
      expect(list.snapshots.find((s) => s.id === id)?.createdBy).toBeNull();
      expect((await go('DELETE', `/api/snapshots/${id}`, undefined, `Bearer ${token}`)).statusCode).toBe(204);
    } finally {
      await off.close();
    }
  });
});
