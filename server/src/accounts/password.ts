/**
 * Password hashing: Argon2id through @node-rs/argon2 (prebuilt binaries, no compiler at install), with the
 * library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum for Argon2id; about 0.1–0.2 s here). The hash
 * string carries its own salt and parameters, so stronger settings later still verify older hashes.
 */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A hash of a password nobody has, verified when the user does not exist so both cases take as long. */
let decoy: Promise<string> | null = null;

/** true when `password` matches `stored`; a missing user (`stored` null) is checked against a decoy. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash(`decoy-${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** What a password must be: 10 to 1,024 characters (a pass phrase is welcome). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'the password must be at least 10 characters';
  if (password.length > 1024) return 'the password must be at most 1,024 characters';
  return null;
}
