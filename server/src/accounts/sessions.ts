/**
 * Signed-in sessions, kept in the server's memory (accounts on). Decision: a random token issued by
 * `POST /api/session` rather than HTTP Basic on every request — Argon2 costs 0.1–0.2 s of CPU per check by
 * design, which every request would pay with Basic (and the browser would keep the password); a token is
 * checked with one map look-up. Tokens are stored as their SHA-256 only, last 12 hours, and are lost when the
 * server restarts (everyone signs in again: acceptable for one server process, and nothing to leak on disk).
 * A session re-reads its user from the database at most once a minute, so a removed user or a changed role
 * takes effect within a minute, without a database round trip per request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../../contract';

export const SESSION_TTL_MS = 12 * 3600_000;
export const RECHECK_MS = 60_000;

interface Session {
  user: SessionUser;
  expires: number;
  checked: number;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export class Sessions {
  private readonly byDigest = new Map<string, Session>();

  constructor(
    /** the user as stored now (null when removed) */
    private readonly lookup: (name: string) => Promise<SessionUser | null>,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  issue(user: SessionUser): { token: string; expires: string } {
    const t = this.now();
    for (const [k, s] of this.byDigest) if (s.expires <= t) this.byDigest.delete(k);
    const token = randomBytes(32).toString('base64url');
    const expires = t + this.ttlMs;
    this.byDigest.set(digest(token), { user, expires, checked: t });
    return { token, expires: new Date(expires).toISOString() };
  }

  /** The user a token signs in, or null (unknown, expired, or the user was removed). */
  async resolve(token: string): Promise<SessionUser | null> {
    const key = digest(token);
    const s = this.byDigest.get(key);
    const t = this.now();
    if (!s) return null;
    if (s.expires <= t) {
      this.byDigest.delete(key);
      return null;
    }
    if (t - s.checked >= RECHECK_MS) {
      const user = await this.lookup(s.user.name);
      if (!user) {
        this.byDigest.delete(key);
        return null;
      }
      s.user = user;
      s.checked = t;
    }
    return s.user;
  }

  revoke(token: string): void {
    this.byDigest.delete(digest(token));
  }
}

/**
 * Failed sign-ins per user name: after `max` failures within `windowMs`, that name is refused (429) until the
 * window has passed, whatever the address (the per-address limit is the route's rate limit).
 */
export class LoginGuard {
  private readonly failures = new Map<string, { count: number; first: number }>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** milliseconds until this name may try again (0: now) */
  blockedFor(name: string): number {
    const f = this.failures.get(name);
    if (!f) return 0;
    const left = f.first + this.windowMs - this.now();
    if (left <= 0) {
      this.failures.delete(name);
      return 0;
    }
    return f.count >= this.max ? left : 0;
  }

  failed(name: string): void {
    const t = this.now();
    const f = this.failures.get(name);
    if (!f || t - f.first >= this.windowMs) this.failures.set(name, { count: 1, first: t });
    else f.count++;
  }

  succeeded(name: string): void {
    this.failures.delete(name);
  }
}
