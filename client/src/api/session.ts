/**
 * Accounts (server: PARLEY_ACCOUNTS): the session token, kept for the tab (sessionStorage, like the snapshot
 * token), sent by every API call that has no explicit token; and the one signal the app listens to — the API
 * answered 401 `sign_in_required` — to show its sign-in form.
 */
import type { SessionStatus, SignInResponse } from '../../../contract';

const KEY = 'parley.session';
const EVENT = 'parley:sign-in-required';

export const sessionToken = {
  get: (): string | null => {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set: (token: string | null): void => {
    try {
      if (token) sessionStorage.setItem(KEY, token);
      else sessionStorage.removeItem(KEY);
    } catch {
      /* storage off: the token lives until the page reloads */
    }
  },
};

/** Called by the API clients when an answer is 401 `sign_in_required`. */
export function signInRequired(): void {
  sessionToken.set(null);
  window.dispatchEvent(new Event(EVENT));
}

export function onSignInRequired(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}

/** Signs in; keeps the token; rejects with the server's message. */
export async function signIn(name: string, password: string): Promise<SignInResponse> {
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const body = (await res.json().catch(() => ({}))) as Partial<SignInResponse> & { message?: string };
  if (!res.ok || !body.token) throw new Error(body.message ?? `The server answered ${res.status}.`);
  sessionToken.set(body.token);
  return body as SignInResponse;
}

export async function sessionStatus(): Promise<SessionStatus | null> {
  const token = sessionToken.get();
  const res = await fetch('/api/session', { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return res.ok ? ((await res.json()) as SessionStatus) : null;
}

export async function signOut(): Promise<void> {
  const token = sessionToken.get();
  sessionToken.set(null);
  if (token) await fetch('/api/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
}
