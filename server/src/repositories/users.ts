/**
 * Accounts (PARLEY_ACCOUNTS): `ParleyUser` nodes (name, role, Argon2id hash, created), and the `access` setting
 * (which roles may use the console) in the ParleySettings node that also keeps the captions. Created from the CLI
 * (`npm run user`); the server only reads them, and the admin changes the access setting through the API.
 */
import { accessSettingsSchema, ROLES, type AccessSettings, type Role, type SessionUser } from '../../../contract';
import type { Db } from '../neo4j/db';

/** Decision: the console is for editors and admins until an admin says otherwise (it is read-only by
 * construction, but it is the one route that runs a caller's own query: the heaviest load a viewer could send). */
export const DEFAULT_ACCESS: AccessSettings = { consoleRoles: ['editor', 'admin'] };

const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

export function createUsersRepository(db: Db) {
  async function get(name: string): Promise<(SessionUser & { hash: string }) | null> {
    const [row] = await db.query('user-get', { name });
    if (!row || !isRole(row.role) || typeof row.hash !== 'string') return null;
    return { name: String(row.name), role: row.role, hash: row.hash };
  }

  return {
    get,
    /** the user without the hash (sessions re-read it) */
    async user(name: string): Promise<SessionUser | null> {
      const u = await get(name);
      return u ? { name: u.name, role: u.role } : null;
    },
    /** false when the name is taken */
    async create(name: string, role: Role, hash: string): Promise<boolean> {
      const rows = await db.query(
        'user-create',
        { name, role, hash, created: new Date().toISOString() },
        { mode: 'write' },
      );
      return rows.length === 1;
    },
    /** false when there is no such user */
    async update(name: string, change: { role?: Role; hash?: string }): Promise<boolean> {
      const rows = await db.query(
        'user-update',
        { name, role: change.role ?? null, hash: change.hash ?? null },
        { mode: 'write' },
      );
      return rows.length === 1;
    },
    async remove(name: string): Promise<boolean> {
      const [row] = await db.query('user-delete', { name }, { mode: 'write' });
      return Number(row?.removed ?? 0) > 0;
    },
    async list(): Promise<{ name: string; role: string; created: string }[]> {
      const rows = await db.query('user-list');
      return rows.map((r) => ({ name: String(r.name), role: String(r.role), created: String(r.created ?? '') }));
    },
    async access(): Promise<AccessSettings> {
      const [row] = await db.query('settings-get', { key: 'access' });
      if (typeof row?.value !== 'string') return DEFAULT_ACCESS;
      try {
        const parsed = accessSettingsSchema.safeParse(JSON.parse(row.value));
        return parsed.success ? parsed.data : DEFAULT_ACCESS;
      } catch {
        return DEFAULT_ACCESS;
      }
    },
    async setAccess(next: AccessSettings): Promise<AccessSettings> {
      const clean = { consoleRoles: ROLES.filter((r) => next.consoleRoles.includes(r)) };
      await db.query('settings-put', { key: 'access', value: JSON.stringify(clean) }, { mode: 'write' });
      return clean;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
