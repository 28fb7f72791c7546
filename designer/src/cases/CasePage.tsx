// One case for staff: tenant and tenancy, what is owed, where the case is in its process (a
// small drawing with the current step marked), its open tasks and arrangement, everything
// that happened, the actions the user's role allows and, for those who may, the audit log.
// It polls a fingerprint without personal data and reloads (an audited read) on a change.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { auditReaders } from '../../../definition/access.ts';
import { taskLink } from '../inbox/api.ts';
import { useSession } from '../session/session.tsx';
import { caseOutcomeLabel, riskSignalLabel, contactPreferenceLabel, date, dateTime, euro, roleLabel } from '../i18n/format.ts';
import { useStaff } from '../staff/staff-directory.ts';
import { useEvery, useLoad } from '../staff/use-load.ts';
import { casesApi, type CaseDetail } from './api.ts';
import { AuditLog } from './AuditLog.tsx';
import { CaseActions } from './CaseActions.tsx';
import { PaymentRequests } from './PaymentRequests.tsx';
import { ProcessMap } from './ProcessMap.tsx';
import { WhatHappensNext } from './WhatHappensNext.tsx';
import type { Step } from '../../../definition/schema.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { Timeline } from './Timeline.tsx';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const detail = useLoad(() => casesApi.get(id), [id]);
  const d = detail.value;
  if (detail.error && !d)
    return (
      <section className="page st-page">
        <p className="st-banner error" role="alert">
          {detail.error.message}
        </p>
        <Link to="/cases">{t('backToList')}</Link>
      </section>
    );
  if (!d) return <div className="page-state">{t('loading')}</div>;
  return <CaseView d={d} reload={detail.reload} />;
}

function CaseView({ d, reload }: { d: CaseDetail; reload: () => Promise<void> }) {
  const { t } = useTranslation('cases');
  const session = useSession();
  const location = useLocation();
  const { nameOf } = useStaff();
  const c = d.case;
  const [flash, setFlash] = useState<string | null>(() => {
    const done = (location.state as { done?: string } | null)?.done;
    return done ? t('taskDone', { title: done }) : null;
  });
  const definition = useLoad(() => casesApi.definition(c.definitionId, c.definitionVersion), [c.definitionId, c.definitionVersion]);
  const steps = definition.value?.body.steps ?? [];

  // Reload when the case moved on (a step, a payment, a task elsewhere).
  const seen = useRef<string | null>(null);
  useEffect(() => {
    void casesApi.progress(c.id).then((p) => (seen.current = p.version));
  }, [d, c.id]);
  useEvery(3000, () => {
    void casesApi.progress(c.id).then((p) => {
      if (seen.current !== null && p.version !== seen.current) {
        seen.current = p.version;
        void reload();
      }
    });
  });

  const live = d.live;
  const stepEvents = d.timeline.filter((e) => e.type === 'step');
  const visited = new Set(stepEvents.map((e) => e.stepId ?? ''));
  const taken = new Set(stepEvents.map((e) => (e.data.previous ? `${e.data.previous.stepId}:${e.data.previous.outcome}` : '')));
  const current = c.status === 'closed' ? null : c.currentStep;
  const lastStep = stepEvents[stepEvents.length - 1];
  const cameFrom = lastStep?.stepId === current ? ((lastStep?.data.previous?.stepId as string | undefined) ?? null) : null;
  const forgiven = live?.forgivenCents ?? d.timeline.filter((e) => e.type === 'forgiven').reduce((s, e) => s + Number(e.data.amountCents ?? 0), 0);
  const paid = live?.totalPaidCents ?? d.payments.filter((p) => p.appliedAt).reduce((s, p) => s + p.amountCents, 0);
  const openTasks = d.tasks.filter((x) => x.status === 'open');
  const paused = live?.paused ?? (c.status === 'paused' ? { reason: c.pauseReason ?? '', reviewDate: c.pauseReviewDate ?? '', by: '', since: '' } : null);

  return (
    <section className="page st-page st-case-page" data-testid="case-page">
      <p className="st-crumbs">
        <Link to="/cases">{t('backToList')}</Link>
      </p>
      <header className="st-page-header">
        <div>
          <h1>{d.tenant.name}</h1>
          <p className="muted">
            {c.tenancyReference} · {d.tenancy.street}, {d.tenancy.postalCode} {d.tenancy.city} · {definition.value?.name ?? c.definitionId} {t('version', { v: c.definitionVersion })}
          </p>
        </div>
        <div className="st-header-status">
          <StatusBadge status={c.status} />
          {c.purpose === 'prevention' && (
            <span className="st-purpose" data-testid="purpose">
              {t('prevention.signal', { signal: c.riskSignal ? riskSignalLabel(c.riskSignal) : '' })}
            </span>
          )}
          {c.status === 'closed' && <span className="st-outcome-label">{caseOutcomeLabel(c.outcome)}</span>}
        </div>
      </header>

      {flash && (
        <p className="st-banner ok st-flash" role="status" data-testid="flash">
          {flash}
        </p>
      )}
      {paused && (
        <p className="st-banner info" role="status" data-testid="paused">
          {t('pausedBanner', { date: date(paused.reviewDate), who: nameOf(paused.by) })} <span className="st-quote inline">{paused.reason}</span>
        </p>
      )}
      {live?.blocked && (
        <p className="st-banner error" role="status">
          {t('blockedBanner')}
        </p>
      )}

      <div className="st-summary" data-testid="case-summary">
        <div className="st-figure main">
          <span>{t('summary.balance')}</span>
          <strong data-testid="balance">{euro(c.balanceCents)}</strong>
        </div>
        <div className="st-figure">
          <span>{t('summary.arrears')}</span>
          <strong>{euro(c.arrearsCents)}</strong>
        </div>
        <div className="st-figure">
          <span>{t('summary.paid')}</span>
          <strong>{euro(paid)}</strong>
        </div>
        <div className="st-figure">
          <span>{t('summary.forgiven')}</span>
          <strong data-testid="forgiven">{euro(forgiven)}</strong>
        </div>
        {c.creditCents > 0 && (
          <div className="st-figure">
            <span>{t('summary.credit')}</span>
            <strong data-testid="credit">{euro(c.creditCents)}</strong>
          </div>
        )}
        {live?.costsChargedCents ? (
          <div className="st-figure">
            <span>{t('summary.costs')}</span>
            <strong>{euro(live.costsChargedCents)}</strong>
          </div>
        ) : null}
        <div className="st-figure">
          <span>{t('summary.step')}</span>
          <strong data-testid="current-step">{c.status === 'closed' ? caseOutcomeLabel(c.outcome) : (c.currentStepName ?? '—')}</strong>
          {live?.currentStep?.until && <span className="muted small">{t('summary.until', { when: dateTime(live.currentStep.until) })}</span>}
        </div>
      </div>

      <div className="st-columns">
        <div className="st-main">
          <WhatHappensNext steps={steps as Step[]} live={live} />
          <div className="st-card">
            <h2>{t('map.title')}</h2>
            {steps.length > 0 ? <ProcessMap steps={steps} current={current} cameFrom={cameFrom} visited={visited} taken={taken} /> : <p className="muted">{t('map.loading')}</p>}
            <p className="muted small">{t('map.legend')}</p>
          </div>

          <CaseActions
            d={d}
            steps={steps}
            onChanged={async (message) => {
              setFlash(message);
              await reload();
            }}
          />

          <PaymentRequests
            d={d}
            onChanged={async (message) => {
              setFlash(message);
              await reload();
            }}
          />

          <div className="st-card">
            <h2>{t('timeline.title')}</h2>
            <Timeline events={d.timeline} messages={d.messages} payments={d.payments} steps={steps} nameOf={nameOf} />
          </div>

          {session.hasRole(...auditReaders) && <AuditLog caseId={c.id} />}
        </div>

        <aside className="st-side">
          <div className="st-card" data-testid="tenant">
            <h2>{t('tenant.title')}</h2>
            <dl className="st-facts">
              <dt>{t('tenant.name')}</dt>
              <dd>{d.tenant.name}</dd>
              <dt>{t('tenant.phone')}</dt>
              <dd>{d.tenant.phone ? <a href={`tel:${d.tenant.phone.replace(/[^+0-9]/g, '')}`}>{d.tenant.phone}</a> : '—'}</dd>
              <dt>{t('tenant.email')}</dt>
              <dd>{d.tenant.email ? <a href={`mailto:${d.tenant.email}`}>{d.tenant.email}</a> : '—'}</dd>
              <dt>{t('tenant.channel')}</dt>
              <dd>
                {d.tenant.preferredChannel ? contactPreferenceLabel(d.tenant.preferredChannel) : '—'}
                {d.tenant.preferredTime ? ` · ${t(`tenant.time.${d.tenant.preferredTime}`)}` : ''}
              </dd>
            </dl>
            <h3>{t('tenancy.title')}</h3>
            <dl className="st-facts">
              <dt>{t('tenancy.reference')}</dt>
              <dd>{d.tenancy.reference}</dd>
              <dt>{t('tenancy.address')}</dt>
              <dd>
                {d.tenancy.street}, {d.tenancy.postalCode} {d.tenancy.city}
              </dd>
              <dt>{t('tenancy.rent')}</dt>
              <dd>{euro(d.tenancy.monthlyRentCents)}</dd>
              <dt>{t('tenancy.minors')}</dt>
              <dd>{d.tenancy.minorsInHousehold === null ? t('unknown') : d.tenancy.minorsInHousehold ? t('yes') : t('no')}</dd>
              <dt>{t('tenancy.debitDay')}</dt>
              <dd>{d.tenancy.debitDay ? t('tenancy.debitDayValue', { day: d.tenancy.debitDay }) : '—'}</dd>
              {d.tenancy.ledger && (
                <>
                  <dt>{t('tenancy.ledger')}</dt>
                  <dd data-testid="ledger-arrears">{t('tenancy.ledgerValue', { amount: euro(d.tenancy.ledger.arrearsCents), date: date(d.tenancy.ledger.asOf) })}</dd>
                </>
              )}
              <dt>{t('tenancy.dueDate')}</dt>
              <dd>{date(c.dueDate)}</dd>
              <dt>{t('tenancy.opened')}</dt>
              <dd>{date(c.openedAt)}</dd>
            </dl>
          </div>

          <div className="st-card" data-testid="open-tasks">
            <h2>{t('tasks.title')}</h2>
            {openTasks.length === 0 && <p className="muted">{t('tasks.none')}</p>}
            <ul className="st-list">
              {openTasks.map((task) => (
                <li key={task.id}>
                  <Link to={taskLink(task.id)}>{task.title}</Link>
                  <div className="muted small">
                    {roleLabel(task.role)}
                    {task.dueAt ? ` · ${t('tasks.due', { when: dateTime(task.dueAt) })}` : ''}
                    {task.assignee ? ` · ${t('tasks.claimedBy', { name: nameOf(task.assignee) })}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          </div>

          {live?.arrangement && (
            <div className="st-card" data-testid="arrangement">
              <h2>{t('arrangement.title')}</h2>
              <p>{t('arrangement.line', { count: live.arrangement.plan.instalments, amount: euro(live.arrangement.plan.instalmentCents), interval: t(`interval.${live.arrangement.plan.interval}`) })}</p>
              <table className="st-table compact">
                <tbody>
                  {live.arrangement.instalments.map((i) => (
                    <tr key={i.index} className={i.index < live.arrangement!.next ? 'past' : i.index === live.arrangement!.next ? 'next' : undefined}>
                      <td>{i.index + 1}</td>
                      <td>{date(i.dueDate)}</td>
                      <td className="num">{euro(i.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">{t('arrangement.progress', { paid: euro(live.arrangement.paidCents), misses: live.arrangement.misses })}</p>
            </div>
          )}

        </aside>
      </div>
    </section>
  );
}
