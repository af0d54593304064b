/**
 * The password of the local Neo4j (issue 12, "no open door"): one random password per data folder, generated on
 * its first start and kept in `<dataDir>/parley-neo4j.password`, readable and writable by its owner only (0600;
 * the data folder itself is 0700). The launcher hands it to Neo4j as the password of the user `neo4j`, so a data
 * folder created before authentication was turned on keeps working: its `neo4j` user still had the default
 * password, which Neo4j replaces at start (see Launcher.java). Whoever can read the data folder can read the
 * store anyway, so keeping the password there protects exactly what needs protecting: the Bolt port, open to every
 * local user, against anyone who cannot read the folder.
 *
 * Users with their own NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD never reach this code.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCAL_USER = 'neo4j';
export const PASSWORD_FILE = 'parley-neo4j.password';

export function passwordFileOf(dataDir: string): string {
  return join(dataDir, PASSWORD_FILE);
}

/** The password kept in a data folder, creating it (32 random URL-safe characters, mode 0600) when missing. */
export async function ensureLocalPassword(dataDir: string): Promise<{ password: string; file: string }> {
  const file = passwordFileOf(dataDir);
  const existing = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new Error(`cannot read the local Neo4j's password file ${file}: ${e.message}`);
  });
  if (existing !== undefined && existing.trim().length >= 8) {
    // a copy or an editor may have widened its mode: put it back
    await chmod(file, 0o600);
    return { password: existing.trim(), file };
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // the mode above is filtered by the umask; this is not
  return { password, file };
}

/** The password of the local Neo4j whose data folder is `dataDir`, or undefined when it has none yet. */
export function readLocalPassword(dataDir: string): string | undefined {
  try {
    const password = readFileSync(passwordFileOf(dataDir), 'utf8').trim();
    return password.length > 0 ? password : undefined;
  } catch {
    return undefined;
  }
}
