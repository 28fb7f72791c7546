// The monitoring area's routes (issue 5): dashboard, heat view, case search with bulk actions,
// trouble list, version migration, and one case as ops sees it.
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { CaseSearchPage } from './cases/CaseSearchPage.tsx';
import { OpsCasePage } from './cases/OpsCasePage.tsx';
import { DashboardPage } from './dashboard/DashboardPage.tsx';
import { HeatViewPage } from './heat/HeatViewPage.tsx';
import { PolicyHoldsPage } from '../holds/PolicyHoldsPage.tsx';
import { MigrationPage } from './migration/MigrationPage.tsx';
import { TroublePage } from './trouble/TroublePage.tsx';
import './ops.css';

const sections = [
  { to: '/ops', key: 'nav.dashboard', end: true },
  { to: '/ops/heat', key: 'nav.heat', end: false },
  { to: '/ops/cases', key: 'nav.cases', end: false },
  { to: '/ops/trouble', key: 'nav.trouble', end: false },
  { to: '/ops/migration', key: 'nav.migration', end: false },
  // The holds' page is shared with the designer area (the policy owner's): its words are its own namespace's.
  { to: '/ops/holds', key: 'holds:title', end: false },
];

export function OpsArea() {
  const { t } = useTranslation('ops');
  return (
    <div className="ops">
      <nav className="ops-nav" aria-label={t('nav.label')}>
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
            {t(s.key)}
          </NavLink>
        ))}
      </nav>
      <div className="ops-body">
        <Routes>
          <Route index element={<DashboardPage />} />
          <Route path="heat" element={<HeatViewPage />} />
          <Route path="cases" element={<CaseSearchPage />} />
          <Route path="cases/:id" element={<OpsCasePage />} />
          <Route path="trouble" element={<TroublePage />} />
          <Route path="migration" element={<MigrationPage />} />
          <Route path="holds" element={<PolicyHoldsPage />} />
        </Routes>
      </div>
    </div>
  );
}
