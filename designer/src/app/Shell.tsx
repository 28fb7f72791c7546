// The frame around every signed-in page: the areas the user's roles allow, the language
// switch and sign-out. Pages render below it and own the rest of the screen.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { languages, setLanguage, type Language } from '../i18n/index.ts';
import { useUser, useSession } from '../session/session.tsx';
import { areasFor } from './areas.ts';
import { useFocusHeadingOnNavigate } from './focus-on-navigate.ts';

export function Shell() {
  const { t, i18n } = useTranslation();
  const user = useUser();
  const session = useSession();
  const { signOut } = session;
  const needsSecondFactor = session.status === 'signed-in' && session.secondFactorRequired;
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(main);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="shell-header">
        <span className="shell-brand">{t('appName')}</span>
        <nav className="shell-nav" aria-label={t('nav.main')}>
          {areasFor(user.roles).map((a) => (
            <NavLink key={a.id} to={a.path} className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {t(a.label)}
            </NavLink>
          ))}
        </nav>
        <div className="shell-user">
          <label className="shell-language">
            <span className="visually-hidden">{t('session.language')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('session.language')}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <NavLink to="/account" className="shell-name" title={t('session.signedInAs', { name: user.displayName })}>
            {user.displayName}
          </NavLink>
          <button
            type="button"
            className="button subtle"
            onClick={() => {
              void signOut().then(() => navigate('/signin', { replace: true }));
            }}
          >
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <main className="shell-main" id="main" ref={main} tabIndex={-1}>
        {needsSecondFactor && (
          <p className="st-banner info" role="status" data-testid="second-factor-needed">
            {t('session.secondFactorNeeded')} <NavLink to="/account">{t('session.secondFactorSetUp')}</NavLink>
          </p>
        )}
        <Outlet />
      </main>
    </div>
  );
}
