/**
 * Who may call what when accounts are on (PARLEY_ACCOUNTS): one table, checked by one hook (accounts/hook.ts)
 * before any route runs. Viewers read; editors also write Parley's data (imports and their undo, merges, "not the
 * same", snapshots, adding extracted proposals); admins also manage (caption settings, the search index, who may
 * use the console). The console is its own rule: the roles the admin chose (setting `access`).
 *
 * Decision: a write route that is not in this table needs an editor (a new route is closed until it is listed),
 * and a read route a viewer. Public whatever the accounts: health, the session routes, the API description, and
 * everything outside /api (the client's files; the client shows its sign-in form when the API answers 401).
 */
import type { Role } from '../../../contract';

export type Need = 'public' | 'console' | Role;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

const TABLE: Record<string, Need> = {
  'GET /api/health': 'public',
  'GET /api/session': 'public',
  'POST /api/session': 'public',
  'DELETE /api/session': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/cypher': 'console',
  // compute only: proposals from an article, nothing written
  'POST /api/extract': 'viewer',
  // a read with a body: the relationships among the nodes in view (explorer, console graph)
  'POST /api/graph/among': 'viewer',
  // what the explorer opens on (the whole graph, or the overview of a large database)
  'GET /api/graph/overview': 'viewer',
  'POST /api/snapshots': 'editor',
  'DELETE /api/snapshots/:id': 'editor',
  'POST /api/duplicates/dismiss': 'editor',
  'POST /api/merges': 'editor',
  'POST /api/merges/:id/undo': 'editor',
  'POST /api/imports': 'editor',
  'POST /api/imports/:id/undo': 'editor',
  // writes nothing itself, but its only use is the import that follows (an editor's)
  'POST /api/extract/dataset': 'editor',
  'PUT /api/settings/captions': 'admin',
  'POST /api/search/index': 'admin',
  'PUT /api/settings/access': 'admin',
};

/** What a request needs: `route` is the matched route's pattern (null when none matched), `path` its path. */
export function needOf(method: string, route: string | null, path: string): Need {
  if (!path.startsWith('/api/') && path !== '/api') return 'public';
  if (path === '/api/docs' || path.startsWith('/api/docs/')) return 'public';
  const listed = route ? TABLE[`${method} ${route}`] : undefined;
  if (listed) return listed;
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'viewer' : 'editor';
}

/** true when `role` is at least `need` (a role, not 'public' or 'console'). */
export function atLeast(role: Role, need: Role): boolean {
  return RANK[role] >= RANK[need];
}
