import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { homeFor } from '../app/areas.ts';
import { useSession } from '../session/session.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Asked for once the password was right and the account has a second factor.
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Why signing in failed, in the reader's language (the server's reason, not its English words). */
  const refusal = (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('signIn.failed', { message: String(err) });
    const details = err.details as { reason?: string; retryAfterSeconds?: number } | undefined;
    if (err.code === 'network') return t('signIn.network');
    if (err.code === 'rate-limited') return t('signIn.tooMany', { minutes: Math.max(1, Math.ceil((details?.retryAfterSeconds ?? 60) / 60)) });
    if (details?.reason === 'credentials') return t('signIn.wrongCredentials');
    if (details?.reason === 'code') return t('signIn.wrongCode');
    return t('signIn.failed', { message: err.message });
  };
  const from = (location.state as { from?: string } | null)?.from;

  if (session.status === 'signed-in') return <Navigate to={from ?? '/'} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await session.signIn(username.trim(), password, code ?? undefined);
      void navigate(from ?? homeFor(user.roles)?.path ?? '/', { replace: true });
    } catch (err) {
      const asksCode = err instanceof ApiError && (err.details as { secondFactor?: string } | undefined)?.secondFactor === 'totp';
      if (asksCode && code === null) {
        setCode('');
        return;
      }
      if (asksCode) setCode('');
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit}>
        <h1>{t('appName')}</h1>
        <h2>{t('signIn.title')}</h2>
        <p className="muted">{t('signIn.intro')}</p>
        <label>
          {t('signIn.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {code !== null && (
          <label>
            {t('signIn.code')}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.trim())} required autoFocus />
            <span className="muted small">{t('signIn.codeHint')}</span>
          </label>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
