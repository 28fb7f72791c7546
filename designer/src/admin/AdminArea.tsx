// The admin area: users and their roles, and teams with their postcode areas. The CLI (npm run
// users) manages users from a shell too.
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { TeamsPage } from './TeamsPage.tsx';
import { UsersPage } from './UsersPage.tsx';
import '../staff/staff.css';

export function AdminArea() {
  const { t } = useTranslation('admin');
  return (
    <>
      <nav className="st-tabs admin-tabs" aria-label={t('sections')}>
        <NavLink to="/admin" end className={({ isActive }) => `st-tab${isActive ? ' active' : ''}`}>
          {t('title')}
        </NavLink>
        <NavLink to="/admin/teams" className={({ isActive }) => `st-tab${isActive ? ' active' : ''}`}>
          {t('teams.title')}
        </NavLink>
      </nav>
      <Routes>
        <Route index element={<UsersPage />} />
        <Route path="teams" element={<TeamsPage />} />
      </Routes>
    </>
  );
}
