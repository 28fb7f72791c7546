// The case around a task: who the tenant is, what is owed, what was agreed, earlier contact
// and what happened lately. Enough to make the call or the decision without leaving the task.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { channelLabel, date, dateTime, euro, purposeLabel, taskKindLabel } from '../i18n/format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { eventSummary, withoutEchoes } from '../staff/events.ts';
import { useStaff } from '../staff/staff-directory.ts';
import type { TaskDetail } from './api.ts';

export function CaseContext({ d }: { d: TaskDetail }) {
  const { t } = useTranslation('inbox');
  const { t: tc } = useTranslation('cases');
  const lang = currentLanguage();
  const { nameOf } = useStaff();
  const c = d.case;
  const plan = d.arrangement;
  return (
    <div className="st-context" data-testid="case-context">
      <div className="st-card">
        <h2>
          <Link to={`/cases/${c.id}`}>{d.tenant.name as string}</Link>
        </h2>
        <p className="muted">
          {c.reference} · {d.tenancy.street as string}, {d.tenancy.postalCode as string} {d.tenancy.city as string}
        </p>
        <dl className="st-facts">
          <dt>{t('ctx.balance')}</dt>
          <dd className="st-amount" data-testid="context-balance">
            {euro(c.balanceCents)}
          </dd>
          <dt>{t('ctx.arrears')}</dt>
          <dd>{euro(c.arrearsCents)}</dd>
          {c.totalPaidCents ? (
            <>
              <dt>{t('ctx.paid')}</dt>
              <dd>{euro(c.totalPaidCents)}</dd>
            </>
          ) : null}
          {c.forgivenCents ? (
            <>
              <dt>{t('ctx.forgiven')}</dt>
              <dd>{euro(c.forgivenCents)}</dd>
            </>
          ) : null}
          <dt>{t('ctx.dueDate')}</dt>
          <dd>{date(c.dueDate)}</dd>
          <dt>{t('ctx.phone')}</dt>
          <dd>{(d.tenant.phone as string | null) ?? '—'}</dd>
          <dt>{t('ctx.email')}</dt>
          <dd>{(d.tenant.email as string | null) ?? '—'}</dd>
          <dt>{t('ctx.channel')}</dt>
          <dd>{d.tenant.preferredChannel ? channelLabel(d.tenant.preferredChannel as string) : '—'}</dd>
          {d.tenancy.minorsInHousehold ? (
            <>
              <dt>{t('ctx.household')}</dt>
              <dd>{t('ctx.minors')}</dd>
            </>
          ) : null}
        </dl>
      </div>

      {d.afterOutcomes.length > 0 && (
        <div className="st-card" data-testid="what-next">
          <h3>{tc('next.title')}</h3>
          <ul className="st-next">
            {d.afterOutcomes.map((o) => (
              <li key={o.outcome}>{tc('next.outcome', { what: o.label, then: o.next ? tc('next.step', { name: o.next.name, what: o.next.what[lang] }) : tc('next.unknownStep') })}</li>
            ))}
          </ul>
        </div>
      )}

      {(plan || d.lastArrangement) && (
        <div className="st-card" data-testid="context-arrangement">
          <h3>{t('ctx.arrangement')}</h3>
          {plan ? (
            <>
              <p>
                {t('ctx.planLine', { amount: euro(plan.plan.instalmentCents), count: plan.plan.instalments, interval: t(`interval.${plan.plan.interval}`) })}
              </p>
              <p className="muted small">{t('ctx.planProgress', { paid: euro(plan.paidCents), next: plan.next + 1, misses: plan.misses })}</p>
            </>
          ) : (
            <p className="muted small">{t('ctx.earlierPlan', { when: date((d.lastArrangement as { at?: string }).at ?? null) })}</p>
          )}
        </div>
      )}

      <div className="st-card">
        <h3>{t('ctx.contact')}</h3>
        {d.contacts.length === 0 && <p className="muted">{t('ctx.noContact')}</p>}
        <ul className="st-list">
          {d.contacts.map((x, i) => (
            <li key={i}>
              <strong>{x.source === 'event' ? t('ctx.tenantContact') : taskKindLabel(x.kind)}</strong> · {dateTime(x.at)} · {x.byName ?? nameOf(x.by)}
              {x.outcomeLabel && <div>{x.outcomeLabel}</div>}
              {Object.values(x.fields)
                .filter((v): v is string => typeof v === 'string' && v.length > 0)
                .map((v, j) => (
                  <div key={j} className="st-quote">
                    {v}
                  </div>
                ))}
            </li>
          ))}
        </ul>
      </div>

      <div className="st-card">
        <h3>{t('ctx.history')}</h3>
        <ul className="st-list compact">
          {withoutEchoes(d.history.events).map((e) => (
            <li key={e.id}>
              <span className="muted small">{dateTime(e.at)}</span> {eventSummary(e, nameOf, d.levelLabels)}
            </li>
          ))}
        </ul>
        {d.history.messages.length > 0 && (
          <>
            <h3>{t('ctx.messages')}</h3>
            <ul className="st-list compact">
              {d.history.messages.map((m) => (
                <li key={m.id}>
                  <span className="muted small">{dateTime(m.at)}</span> {channelLabel(m.channel)}: {purposeLabel(m.purpose)}
                  {m.status === 'failed' ? ` (${t('ctx.failed')})` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
