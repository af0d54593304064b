import { useState, type FormEvent } from 'react';
import './export/export.css';

/** The sign-in form (accounts on): name and password; `onSignIn` rejects with the server's message. */
export function SignInForm({ onSignIn }: { onSignIn: (name: string, password: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(name.trim(), password);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="save-dialog-backdrop">
      <form className="save-dialog" aria-label="Sign in" onSubmit={(e) => void submit(e)}>
        <strong>Sign in to Parley</strong>
        <label>
          Name
          <input autoFocus autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={busy || !name.trim() || !password}>
            Sign in
          </button>
        </div>
      </form>
    </div>
  );
}
