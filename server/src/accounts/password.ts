/**
 * Password hashing: Argon2id through @node-rs/argon2 (prebuilt binaries, no compiler at install), with the
 * library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum for Argon2id; about 0.1–0.2 s here). The hash
 * string carries its own salt and parameters, so stronger settings later still verify older hashes.
 *
 * The hashes live in Neo4j (`ParleyUser.hash`), which anyone given the Cypher console can read (it is read-only,
 * not blind). So every hash is keyed with a secret that is not in the database — Argon2's own `secret` input, a
 * "pepper" — kept in PARLEY_ACCOUNTS_SECRET_FILE (32 random bytes, created on first use, readable by its owner
 * only): a hash read through the console cannot be attacked offline without that file. The server and
 * `npm run user` must read the same file (both default to .neo4j/accounts.secret in the checkout).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/** The accounts secret from `file`, created (32 random bytes, mode 0600) when it does not exist yet. */
export function accountsSecret(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < 16) {
    throw new Error(`parley accounts: ${file} holds no secret (16+ bytes, base64); delete it to have a new one made.`);
  }
  return secret;
}

export function hashPassword(password: string, secret: Buffer): Promise<string> {
  return hash(password, { secret });
}

/** A hash of a password nobody has, verified when the user does not exist so both cases take as long. */
let decoy: Promise<string> | null = null;

/** true when `password` matches `stored`; a missing user (`stored` null) is checked against a decoy. */
export async function checkPassword(stored: string | null, password: string, secret: Buffer): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash(randomBytes(16).toString('hex'), { secret });
    await verify(await decoy, password, { secret }).catch(() => false);
    return false;
  }
  return verify(stored, password, { secret }).catch(() => false);
}

/** What a password must be: 10 to 1,024 characters (a pass phrase is welcome). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'the password must be at least 10 characters';
  if (password.length > 1024) return 'the password must be at most 1,024 characters';
  return null;
}
