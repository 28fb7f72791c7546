// The cases at one step of the heat view, with the same four views as the badge: all open,
// waiting on a person, paused, failing. Each links to the case as ops sees it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TenantName } from '../../cases/TenantName.tsx';
import { Link } from 'react-router';
import { roles } from '../../../../definition/catalog.ts';
import { opsApi, type Heat } from '../api.ts';
import { euro } from '../../i18n/format.ts';
import { waitingOnLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';

type View = 'all' | 'person' | 'paused' | 'failing';
const LIMIT = 200;

export function StepCases({ heat, stepId, onClose }: { heat: Heat; stepId: string; onClose: () => void }) {
  const { t } = useTranslation('ops');
  const [view, setView] = useState<View>('all');
  const step = heat.definition.body.steps.find((s) => s.id === stepId);
  const counts = heat.steps.find((s) => s.stepId === stepId);
  const { value, error, loading } = useLoad(
    () => opsApi.cases({ definitionId: heat.definition.id, version: String(heat.definition.version), step: stepId, status: 'open', sort: 'overdue' }, { limit: LIMIT, offset: 0 }),
    [heat.definition.id, heat.definition.version, stepId, counts?.open],
  );
  const failing = new Map(heat.failing.filter((f) => f.stepId === stepId).map((f) => [f.caseId, f]));
  const rows = (value?.cases ?? []).filter((c) => {
    if (view === 'person') return c.waitingOn !== null && (roles.ids as string[]).includes(c.waitingOn);
    if (view === 'paused') return c.status === 'paused';
    if (view === 'failing') return failing.has(c.id);
    return true;
  });
  const views: Array<[View, number]> = [
    ['all', counts?.open ?? 0],
    ['person', counts?.waitingOnPerson ?? 0],
    ['paused', counts?.paused ?? 0],
    ['failing', counts?.failing ?? 0],
  ];
  return (
    <div data-testid="step-cases" data-step={stepId}>
      <div className="row spread">
        <h2>{step?.name ?? stepId}</h2>
        <button type="button" className="button small subtle" onClick={onClose}>
          {t('heat.allSteps')}
        </button>
      </div>
      <div className="ops-segmented" role="group" aria-label={t('heat.viewLabel')}>
        {views.map(([v, n]) => (
          <button key={v} type="button" className={view === v ? 'active' : undefined} aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`heat.view.${v}`)} ({n})
          </button>
        ))}
      </div>
      <PageState loading={loading && !value} error={error} empty={!!value && rows.length === 0} />
      {rows.length > 0 && (
        <table className="ops-table compact">
          <thead>
            <tr>
              <th>{t('cases.col.reference')}</th>
              <th>{t('cases.col.tenant')}</th>
              <th>{t('cases.col.waitingOn')}</th>
              <th className="num">{t('cases.col.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-case={c.id}>
                <td>
                  <Link to={`/ops/cases/${c.id}`}>{c.tenancyReference}</Link>
                  {c.status === 'paused' && <span className="ops-pill paused">{t('status.paused')}</span>}
                  {c.status === 'blocked' && <span className="ops-pill blocked">{t('status.blocked')}</span>}
                  {failing.has(c.id) && <span className="ops-pill failing" title={failing.get(c.id)!.error ?? ''}>{t('status.failing')}</span>}
                </td>
                <td>
                  <TenantName name={c.tenantName} />
                </td>
                <td>{waitingOnLabel(c.waitingOn, t)}</td>
                <td className="num">{euro(c.balanceCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {value && value.total > LIMIT && <p className="muted">{t('heat.more', { shown: LIMIT, total: value.total })}</p>}
    </div>
  );
}
