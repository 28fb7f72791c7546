// All cases staff may see, searchable by tenant or reference, filtered by status, sorted.
// Dry runs (designer simulations) are left out by the server.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { caseOutcomeLabel, date, euro } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';
import { casesApi } from './api.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { intakeRunners, letterPrinters, municipalitySignalHandlers, nameReaders, statementImporters } from '../../../definition/access.ts';
import type { Role } from '../../../definition/catalog.ts';

/** The pages beside the case list, each for the roles that do that work. */
const casesWorkPages: Array<{ to: string; label: string; roles: readonly Role[] }> = [
  { to: '/cases/letters', label: 'letters.link', roles: letterPrinters },
  { to: '/cases/statements', label: 'statements.link', roles: statementImporters },
  { to: '/cases/intake', label: 'intake.link', roles: intakeRunners },
  { to: '/cases/signals', label: 'signals.link', roles: municipalitySignalHandlers },
];
import { useSession } from '../session/session.tsx';

const statuses = ['open', 'active', 'paused', 'blocked', 'closed', 'all'] as const;
const sorts = ['opened', 'balance', 'overdue', 'updated'] as const;

export function CaseListPage() {
  const { t } = useTranslation('cases');
  const [params, setParams] = useSearchParams();
  const status = statuses.find((s) => s === params.get('status')) ?? 'open';
  const sort = sorts.find((s) => s === params.get('sort')) ?? 'updated';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  // Only those who work cases see, and search by, tenants' names.
  const session = useSession();
  const names = session.hasRole(...nameReaders);
  const workPages = casesWorkPages.filter((p) => session.hasRole(...p.roles));
  const list = useLoad(() => casesApi.list({ status: status === 'all' ? undefined : status, sort, order: 'desc', q: q || undefined, limit: 100 }), [status, sort, q]);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <h1>{t('title')}</h1>
        {workPages.length > 0 && (
          <ul className="st-work-pages">
            {workPages.map((p) => (
              <li key={p.to}>
                <Link to={p.to}>{t(p.label)}</Link>
              </li>
            ))}
          </ul>
        )}
      </header>
      <form
        className="st-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', search.trim());
        }}
      >
        <label>
          {t('list.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t(names ? 'list.searchHint' : 'list.searchHintReference')} />
        </label>
        <label>
          {t('list.status')}
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`list.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('list.sort')}
          <select value={sort} onChange={(e) => set('sort', e.target.value)}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`list.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{t('list.count', { count: list.value?.total ?? 0 })}</span>
      </form>
      {list.error && (
        <p className="st-banner error" role="alert">
          {list.error.message}
        </p>
      )}
      <table className="st-table">
        <thead>
          <tr>
            <th>{t('list.col.tenant')}</th>
            <th>{t('list.col.step')}</th>
            <th>{t('list.col.status')}</th>
            <th className="num">{t('list.col.balance')}</th>
            <th>{t('list.col.due')}</th>
            <th>{t('list.col.opened')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.value?.cases ?? []).map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/cases/${c.id}`}>{c.tenantName ?? c.tenancyReference}</Link>
                <div className="muted small">
                  {c.tenancyReference}
                  {c.purpose === 'prevention' && <span className="st-purpose"> · {t('prevention.badge')}</span>}
                </div>
              </td>
              <td>{c.status === 'closed' ? caseOutcomeLabel(c.outcome) : (c.currentStepName ?? '—')}</td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td className="num">
                {euro(c.balanceCents)}
                {c.creditCents > 0 && <div className="muted small" data-testid="credit">{t('list.credit', { amount: euro(c.creditCents) })}</div>}
              </td>
              <td>{date(c.dueDate)}</td>
              <td>{date(c.openedAt)}</td>
            </tr>
          ))}
          {!list.loading && (list.value?.cases.length ?? 0) === 0 && (
            <tr>
              <td colSpan={6} className="st-empty">
                {t('list.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
