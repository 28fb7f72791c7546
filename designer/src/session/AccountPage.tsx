// One's own account: change the password, and set up the second factor (an authenticator
// app's code at sign-in). The server checks the current password (a wrong one counts as a
// failed sign-in) and refuses a weak new one with the reason; other sessions then end.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { useSession, useUser } from './session.tsx';

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
      <SecondFactorCard />
    </section>
  );
}

type Enrolment = { secret: string; uri: string; qrSvg: string };

/** Sets up (or replaces) the authenticator app: scan the code or type the secret, then confirm with a code from the app. */
function SecondFactorCard() {
  const { t } = useTranslation();
  const user = useUser();
  const session = useSession();
  const id = useId();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const fail = (err: unknown) => setMessage({ kind: 'error', text: (err as Error).message });

  const start = () => {
    setMessage(null);
    api.post<Enrolment>('/api/auth/second-factor').then(setEnrolment, fail);
  };
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      await api.post('/api/auth/second-factor/confirm', { code });
      setEnrolment(null);
      setCode('');
      await session.refresh();
      setMessage({ kind: 'ok', text: t('account.factorOn') });
    } catch (err) {
      fail(err);
    }
  }

  return (
    <div className="st-card st-form" data-testid="second-factor">
      <h2>{t('account.factor')}</h2>
      <p>{user.secondFactor ? t('account.factorIsOn') : t('account.factorIsOff')}</p>
      {enrolment ? (
        <form onSubmit={(e) => void confirm(e)}>
          <p>{t('account.factorScan')}</p>
          <img className="qr" alt={t('account.factorQr')} src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`} width={200} height={200} />
          <p className="small">
            {t('account.factorSecret')} <code data-testid="totp-secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <div className="st-field">
            <label htmlFor={`${id}-code`}>{t('account.factorCode')}</label>
            <input id={`${id}-code`} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.trim())} required />
          </div>
          <button type="submit" className="button primary">
            {t('account.factorConfirm')}
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={start}>
          {user.secondFactor ? t('account.factorReplace') : t('account.factorStart')}
        </button>
      )}
      {message && (
        <p className={`st-banner ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
