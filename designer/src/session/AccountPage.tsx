// One's own account: change the password. The server checks the current one (a wrong one counts
// as a failed sign-in) and refuses a weak new one with the reason; other sessions then end.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { useUser } from './session.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (next !== again) return setMessage({ kind: 'error', text: t('account.mismatch') });
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setAgain('');
      setMessage({ kind: 'ok', text: t('account.changed') });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiError ? err.message : (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <div>
          <h1>{t('account.title')}</h1>
          <p className="muted">{t('account.intro', { name: user.displayName, username: user.username })}</p>
        </div>
      </header>
      <form className="st-card st-form" onSubmit={(e) => void submit(e)}>
        <h2>{t('account.password')}</h2>
        <div className="st-field">
          <label htmlFor={`${id}-current`}>{t('account.current')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-next`}>{t('account.next')}</label>
          <input id={`${id}-next`} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={10} aria-describedby={`${id}-hint`} />
          <span id={`${id}-hint`} className="muted small">
            {t('account.hint')}
          </span>
        </div>
        <div className="st-field">
          <label htmlFor={`${id}-again`}>{t('account.again')}</label>
          <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
        </div>
        {message && (
          <p className={`st-banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {t('account.submit')}
        </button>
      </form>
    </section>
  );
}
