import { useEffect, useState } from 'react';
import { onSignInRequired, sessionStatus, signIn, signOut } from '../api/session';
import { SignInForm } from '../components/SignInForm';
import type { SessionUser } from '../../../contract';

/**
 * Accounts on (server PARLEY_ACCOUNTS): shows the sign-in form whenever the API answers 401 `sign_in_required`,
 * and the signed-in name with "Sign out" in the header. Signing in or out reloads the page, so every view
 * fetches again with (or without) the new token. Accounts off: renders nothing, ever.
 */
export function SignInGate() {
  const [asked, setAsked] = useState(false);
  const [user, setUser] = useState<SessionUser | null>(null);
  useEffect(() => onSignInRequired(() => setAsked(true)), []);
  useEffect(() => {
    void sessionStatus()
      .then((s) => setUser(s?.user ?? null))
      .catch(() => setUser(null));
  }, []);
  return (
    <>
      {user && (
        <span className="session-user">
          {user.name} ({user.role}){' '}
          <button type="button" className="link-button" onClick={() => void signOut().finally(() => location.reload())}>
            Sign out
          </button>
        </span>
      )}
      {asked && (
        <SignInForm
          onSignIn={async (name, password) => {
            await signIn(name, password);
            location.reload();
          }}
        />
      )}
    </>
  );
}
