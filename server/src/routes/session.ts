/**
 * Accounts API (README "Accounts"): sign in and out, who am I, and who may use the console. Signing in is
 * limited per address (10 a minute, the route's rate limit) and per name (accounts/sessions.ts LoginGuard: 10
 * failures in 15 minutes lock that name for the rest of the window). With accounts off, signing in answers 404
 * `accounts_off`, and the session says `accounts: false` (the client then never shows its sign-in form).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessSettingsSchema,
  sessionStatusSchema,
  signInRequestSchema,
  signInResponseSchema,
} from '../../../contract';
import { checkPassword } from '../accounts/password';
import { bearer } from '../auth';
import { HttpError } from '../errors';
import { answers } from './answers';

/** Sign-in attempts a minute from one address. */
export const SIGN_IN_PER_MINUTE = 10;

const accountsOff = () =>
  new HttpError(
    404,
    'accounts_off',
    'Accounts are off on this server (PARLEY_ACCOUNTS); writes use PARLEY_TOKEN when it is set.',
  );

export const sessionRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { repos } = fastify;

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'Whether accounts are on, and who this request is signed in as',
        tags: ['accounts'],
        response: answers({ 200: sessionStatusSchema }),
      },
    },
    (req) => ({ accounts: fastify.accounts.on, user: req.parleyUser }),
  );

  app.post(
    '/api/session',
    {
      config: { rateLimit: { max: SIGN_IN_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        summary: 'Sign in (accounts on): a token to send as "Authorization: Bearer <token>"',
        tags: ['accounts'],
        body: signInRequestSchema,
        response: answers({ 201: signInResponseSchema }),
      },
    },
    async (req, reply) => {
      if (!fastify.accounts.on) throw accountsOff();
      const { name, password } = req.body;
      const { guard, sessions } = fastify.accounts;
      const wait = guard.blockedFor(name);
      if (wait > 0) {
        throw new HttpError(
          429,
          'rate_limited',
          `Too many failed sign-ins for ${name}; try again in ${Math.ceil(wait / 60_000)} minute(s).`,
        );
      }
      const stored = await repos.users.get(name);
      const ok = await checkPassword(stored?.hash ?? null, password, fastify.accounts.secret());
      if (!ok || !stored) {
        guard.failed(name);
        throw new HttpError(401, 'sign_in_failed', 'The name or the password is wrong.');
      }
      guard.succeeded(name);
      const user = { name: stored.name, role: stored.role };
      return reply.code(201).send({ ...sessions.issue(user), user });
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        summary: 'Sign out: the token is refused from now on',
        tags: ['accounts'],
        response: answers({ 204: z.undefined().describe('signed out; no content') }),
      },
    },
    async (req, reply) => {
      const token = bearer(req);
      if (token) fastify.accounts.sessions.revoke(token);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/settings/access',
    {
      schema: {
        summary: 'Which roles may use the Cypher console (accounts on)',
        tags: ['accounts'],
        response: answers({ 200: accessSettingsSchema }),
      },
    },
    () => repos.users.access(),
  );

  app.put(
    '/api/settings/access',
    {
      schema: {
        summary: 'Choose which roles may use the Cypher console (admins; accounts on)',
        tags: ['accounts'],
        body: accessSettingsSchema,
        response: answers({ 200: accessSettingsSchema }),
      },
    },
    (req) => {
      if (!fastify.accounts.on) throw accountsOff();
      return repos.users.setAccess(req.body);
    },
  );
};
