// Route guards: sign-in first, then the area's roles (the server enforces them again).
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/session.tsx';
import { area, homeFor, type Area } from './areas.ts';

export function RequireSignIn() {
  const session = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (session.status === 'loading') return <div className="page-state">{t('states.loading')}</div>;
  if (session.status === 'signed-out') return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

export function RequireArea({ area: id }: { area: Area['id'] }) {
  const session = useSession();
  const { t } = useTranslation();
  if (!session.hasRole(...area(id).roles)) return <div className="page-state" role="alert">{t('states.notAllowed')}</div>;
  return <Outlet />;
}

/** "/" goes to the area the user's roles work in (homeFor). */
export function HomeRedirect() {
  const session = useSession();
  const { t } = useTranslation();
  const first = session.user ? homeFor(session.user.roles) : undefined;
  if (!first) return <div className="page-state">{t('states.noAreas')}</div>;
  return <Navigate to={first.path} replace />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <div className="page-state">{t('states.notFound')}</div>;
}
