/**
 * Accounts on (PARLEY_ACCOUNTS): one hook, run before every route, finds who is signed in (a Bearer token from
 * `POST /api/session`) and checks the route's need from accounts/policy.ts: 401 `sign_in_required` without a
 * valid session, 403 `forbidden` when the role is not enough, 403 `console_not_allowed` when the admin has not
 * given the console to that role. Accounts off: nothing happens here, PARLEY_TOKEN works as before.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../contract';
import path from 'node:path';
import { accountsSecret } from './accounts/password';
import { atLeast, needOf } from './accounts/policy';
import { LoginGuard, Sessions } from './accounts/sessions';
import { repoRoot } from './config';
import { HttpError } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    accounts: { on: boolean; sessions: Sessions; guard: LoginGuard; secret: () => Buffer };
  }
  interface FastifyRequest {
    /** who is signed in (accounts on), else null */
    parleyUser: SessionUser | null;
  }
}

/** The Bearer token of a request, if any. */
export function bearer(req: FastifyRequest): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ?? null;
}

export function registerAccounts(app: FastifyInstance, on: boolean, secretFile?: string): void {
  const sessions = new Sessions((name) => app.repos.users.user(name));
  const file = secretFile ?? path.join(repoRoot, '.neo4j', 'accounts.secret');
  // read (or made) at start when accounts are on, so a bad file stops the server at once
  let secret: Buffer | null = on ? accountsSecret(file) : null;
  const guard = new LoginGuard();
  app.decorate('accounts', { on, sessions, guard, secret: () => (secret ??= accountsSecret(file)) });
  app.decorateRequest('parleyUser', null);
  if (!on) return;
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    const need = needOf(req.method, req.routeOptions.url ?? null, path);
    const token = bearer(req);
    req.parleyUser = token ? await sessions.resolve(token) : null;
    if (need === 'public') return;
    const user = req.parleyUser;
    if (!user) {
      throw new HttpError(
        401,
        'sign_in_required',
        token
          ? 'Your session has ended or the token is wrong: sign in again (POST /api/session {name, password}).'
          : 'This Parley has accounts: sign in (POST /api/session {name, password}) and send "Authorization: Bearer <token>".',
      );
    }
    if (need === 'console') {
      const { consoleRoles } = await app.repos.users.access();
      if (!consoleRoles.includes(user.role)) {
        throw new HttpError(
          403,
          'console_not_allowed',
          `The console is open to ${consoleRoles.length ? consoleRoles.join(', ') : 'no role'} on this server; you are ${user.name} (${user.role}). An admin can change it (PUT /api/settings/access).`,
        );
      }
      return;
    }
    if (!atLeast(user.role, need)) {
      throw new HttpError(
        403,
        'forbidden',
        `This needs the ${need} role; you are signed in as ${user.name} (${user.role}). Ask an admin (npm run user -- role ${user.name} ${need}).`,
      );
    }
  });
}

/** Who did a write, for its record: the signed-in user (accounts on), else null. */
export function actorName(req: FastifyRequest): string | null {
  return req.parleyUser?.name ?? null;
}
