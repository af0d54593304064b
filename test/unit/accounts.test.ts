// The pure parts of accounts (issue 12): the role table, sessions (expiry, re-reading the user, sign-out),
// the per-name sign-in guard, the CLI's arguments (never a password), and the configuration rule.
import { describe, expect, it } from 'vitest';
import { atLeast, needOf } from '../../server/src/accounts/policy';
import { LoginGuard, RECHECK_MS, Sessions } from '../../server/src/accounts/sessions';
import { parseUserArgs } from '../../server/src/cli/user';
import { labelProblem } from '../../server/src/import/names';
import { ConfigError, loadConfig } from '../../server/src/config';
import type { SessionUser } from '../../contract';

describe('the role table', () => {
  it('names what each route needs; an unlisted write needs an editor, an unlisted read a viewer', () => {
    expect(needOf('GET', '/api/health', '/api/health')).toBe('public');
    expect(needOf('POST', '/api/session', '/api/session')).toBe('public');
    expect(needOf('GET', null, '/s/abc')).toBe('public');
    expect(needOf('GET', null, '/api/docs/static/index.html')).toBe('public');
    expect(needOf('GET', '/api/graph', '/api/graph')).toBe('viewer');
    expect(needOf('GET', null, '/api/nope')).toBe('viewer');
    expect(needOf('POST', '/api/cypher', '/api/cypher')).toBe('console');
    expect(needOf('POST', '/api/imports', '/api/imports')).toBe('editor');
    expect(needOf('POST', '/api/some-new-write', '/api/some-new-write')).toBe('editor');
    expect(needOf('PUT', '/api/settings/access', '/api/settings/access')).toBe('admin');
    expect(needOf('POST', '/api/search/index', '/api/search/index')).toBe('admin');
  });
  it('ranks viewer < editor < admin', () => {
    expect(atLeast('admin', 'editor')).toBe(true);
    expect(atLeast('editor', 'editor')).toBe(true);
    expect(atLeast('viewer', 'editor')).toBe(false);
    expect(atLeast('editor', 'admin')).toBe(false);
  });
});

describe('sessions', () => {
  const alice: SessionUser = { name: 'alice', role: 'editor' };

  it('a token signs its user in until it expires; a wrong token signs no one in', async () => {
    let now = 1_000_000;
    const s = new Sessions(
      async () => alice,
      () => now,
      10_000,
    );
    const { token, expires } = s.issue(alice);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expires).toBe(new Date(1_010_000).toISOString());
    expect(await s.resolve(token)).toEqual(alice);
    expect(await s.resolve(`${token}x`)).toBeNull();
    now += 10_000;
    expect(await s.resolve(token)).toBeNull();
  });

  it('re-reads the user after a minute: a new role applies, a removed user is signed out', async () => {
    let now = 0;
    let stored: SessionUser | null = alice;
    const s = new Sessions(
      async () => stored,
      () => now,
    );
    const { token } = s.issue(alice);
    stored = { name: 'alice', role: 'viewer' };
    expect(await s.resolve(token)).toEqual(alice); // within the minute: as signed in
    now += RECHECK_MS;
    expect(await s.resolve(token)).toEqual({ name: 'alice', role: 'viewer' });
    stored = null;
    now += RECHECK_MS;
    expect(await s.resolve(token)).toBeNull();
  });

  it('revoke ends a token at once', async () => {
    const s = new Sessions(async () => alice);
    const { token } = s.issue(alice);
    s.revoke(token);
    expect(await s.resolve(token)).toBeNull();
  });
});

describe('the per-name sign-in guard', () => {
  it('locks a name after 10 failures in 15 minutes, until the window ends; a success clears it', () => {
    let now = 0;
    const g = new LoginGuard(10, 15 * 60_000, () => now);
    for (let i = 0; i < 9; i++) g.failed('bob');
    expect(g.blockedFor('bob')).toBe(0);
    g.failed('bob');
    expect(g.blockedFor('bob')).toBe(15 * 60_000);
    expect(g.blockedFor('carol')).toBe(0);
    now += 15 * 60_000;
    expect(g.blockedFor('bob')).toBe(0);
    for (let i = 0; i < 5; i++) g.failed('dan');
    g.succeeded('dan');
    for (let i = 0; i < 9; i++) g.failed('dan');
    expect(g.blockedFor('dan')).toBe(0);
  });
});

describe('npm run user arguments', () => {
  it('parses each command', () => {
    expect(parseUserArgs(['add', 'alice', '--role', 'editor'])).toEqual({ cmd: 'add', name: 'alice', role: 'editor' });
    expect(parseUserArgs(['--', 'add', '--role', 'admin', 'bob'])).toEqual({ cmd: 'add', name: 'bob', role: 'admin' });
    expect(parseUserArgs(['role', 'alice', 'viewer'])).toEqual({ cmd: 'role', name: 'alice', role: 'viewer' });
    expect(parseUserArgs(['remove', 'alice'])).toEqual({ cmd: 'remove', name: 'alice' });
    expect(parseUserArgs(['password', 'alice'])).toEqual({ cmd: 'password', name: 'alice' });
    expect(parseUserArgs(['list'])).toEqual({ cmd: 'list' });
    expect(parseUserArgs(['console', 'viewer,editor,admin'])).toEqual({
      cmd: 'console',
      roles: ['viewer', 'editor', 'admin'],
    });
    expect(parseUserArgs(['console', 'none'])).toEqual({ cmd: 'console', roles: [] });
  });
  it('refuses a password on the command line, bad names and roles, with a sentence', () => {
    expect(parseUserArgs(['add', 'alice', '--role', 'editor', '--password', 'x'])).toMatch(/never given/);
    expect(parseUserArgs(['add', 'alice', '--role', 'root'])).toMatch(/viewer, editor, admin/);
    expect(parseUserArgs(['add', 'a b', '--role', 'editor'])).toMatch(/letters, digits/);
    expect(parseUserArgs(['add', 'alice'])).toMatch(/--role/);
    expect(parseUserArgs(['console', 'viewer,god'])).toMatch(/viewer, editor, admin/);
    expect(parseUserArgs(['frobnicate'])).toMatch(/unknown command/);
    expect(parseUserArgs([])).toBe('');
  });
});

describe('configuration', () => {
  it('PARLEY_ACCOUNTS is off by default, on with on/true/1/yes, and cannot be combined with PARLEY_TOKEN', () => {
    expect(loadConfig({}).PARLEY_ACCOUNTS).toBe(false);
    for (const v of ['on', 'true', '1', 'yes']) expect(loadConfig({ PARLEY_ACCOUNTS: v }).PARLEY_ACCOUNTS).toBe(true);
    expect(loadConfig({ PARLEY_ACCOUNTS: 'off' }).PARLEY_ACCOUNTS).toBe(false);
    expect(() => loadConfig({ PARLEY_ACCOUNTS: 'maybe' })).toThrow(/PARLEY_ACCOUNTS/);
    expect(() => loadConfig({ PARLEY_ACCOUNTS: 'on', PARLEY_TOKEN: 'token-12345' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARLEY_ACCOUNTS: 'on', PARLEY_TOKEN: 'token-12345' })).toThrow(/one or the other/);
  });
});

describe('accounts stay out of imports', () => {
  it('a data file may not claim any Parley… label (a ParleyUser made by an import would be an account)', () => {
    expect(labelProblem('ParleyUser')).toMatch(/Parley's own/);
    expect(labelProblem('ParleySettings')).toMatch(/Parley's own/);
    expect(labelProblem('Person')).toBeNull();
  });
});
