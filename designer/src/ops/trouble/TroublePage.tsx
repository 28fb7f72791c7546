// Cases that need someone to look: an activity that keeps failing (with Temporal's error and
// the retry count; tried again now from its row), tasks past their deadline (a team lead
// assigns them from the row), pauses past their review date (resumed from the row), and steps
// the legal check blocked at run time. Every row links to the case and to Temporal's Web UI.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { opsApi } from '../api.ts';
import { factLabels, legalRules, type Fact, type LegalRuleId } from '../../../../definition/legal.ts';
import { casesApi } from '../../cases/api.ts';
import { supervisorRoles } from '../../../../definition/access.ts';
import type { Role } from '../../../../definition/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { inboxApi } from '../../inbox/api.ts';
import { useSession } from '../../session/session.tsx';
import { useStaff } from '../../staff/staff-directory.ts';
import { date, dateTime, euro, number } from '../../i18n/format.ts';
import i18n, { currentLanguage } from '../../i18n/index.ts';
import { roleLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';

export function TroublePage() {
  const { t } = useTranslation('ops');
  const { value: d, error, loading, reload } = useLoad(() => opsApi.trouble(), [], { refreshMs: 15_000 });
  const supervises = useSession().hasRole(...supervisorRoles);
  return (
    <section className="page ops-page" data-testid="ops-trouble">
      <div className="row spread">
        <h1>{t('trouble.title')}</h1>
        <button type="button" className="button small" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      <PageState loading={loading && !d} error={error} />
      {d && (
        <>
          <Section id="failing" title={t('trouble.failing.title', { count: d.failing.items.length })} hint={t('trouble.failing.hint')} empty={d.failing.items.length === 0}>
            {d.failing.error && <p className="form-error">{t('trouble.failing.scanError', { message: d.failing.error })}</p>}
            <table className="ops-table">
              <thead>
                <tr>
                  <th>{t('cases.col.reference')}</th>
                  <th>{t('cases.col.step')}</th>
                  <th className="num">{t('cases.col.balance')}</th>
                  <th>{t('trouble.failing.activity')}</th>
                  <th className="num">{t('trouble.failing.retries')}</th>
                  <th>{t('trouble.failing.error')}</th>
                  <th>{t('trouble.failing.next')}</th>
                  <th>
                    <span className="visually-hidden">{t('trouble.actionColumn')}</span>
                  </th>
                  <th>
                    <span className="visually-hidden">{t('trouble.linkColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.failing.items.map((f) => (
                  <tr key={`${f.caseId}-${f.activity}`} data-case={f.caseId}>
                    <CaseCell row={f} />
                    <td>{f.stepName ?? f.stepId ?? '—'}</td>
                    <td className="num">{euro(f.balanceCents)}</td>
                    <td>
                      {/* What it does in words; Temporal's name for it, to find it there. */}
                      {t(`trouble.failing.activities.${f.activity}`, { defaultValue: f.activity })}
                      <div className="muted small">
                        <code>{f.activity}</code>
                      </div>
                    </td>
                    <td className="num" data-testid="retries">
                      {number(f.retries)}
                    </td>
                    <td className="error-text">{f.error ?? '—'}</td>
                    <td>{dateTime(f.nextAttemptAt)}</td>
                    <td>
                      <RowAction
                        label={t('trouble.failing.retry')}
                        name={t('trouble.failing.retryCase', { reference: f.reference })}
                        failed={t('trouble.failing.retryFailed')}
                        run={() => opsApi.retryActivity(f.caseId, f.activityId)}
                        onDone={reload}
                      />
                    </td>
                    <td>
                      <TemporalLink url={f.temporalUrl} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>

          <Section id="overdue" title={t('trouble.overdue.title', { count: d.overdueTasks.length })} hint={t('trouble.overdue.hint')} empty={d.overdueTasks.length === 0}>
            <table className="ops-table">
              <thead>
                <tr>
                  <th>{t('cases.col.reference')}</th>
                  <th>{t('trouble.overdue.task')}</th>
                  <th className="num">{t('cases.col.balance')}</th>
                  <th>{t('trouble.overdue.role')}</th>
                  <th>{t('trouble.overdue.due')}</th>
                  <th className="num">{t('trouble.overdue.days')}</th>
                  <th className="num">{t('trouble.overdue.reminders')}</th>
                  {supervises && <th>{t('trouble.overdue.assign')}</th>}
                  <th>
                    <span className="visually-hidden">{t('trouble.linkColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.overdueTasks.map((r) => (
                  <tr key={r.taskId} data-case={r.caseId}>
                    <CaseCell row={r} />
                    <td>{r.title}</td>
                    <td className="num">{euro(r.balanceCents)}</td>
                    <td>
                      {roleLabel(r.role)}
                      {r.escalatedAt && <span className="ops-pill blocked">{t('trouble.overdue.escalated')}</span>}
                    </td>
                    <td>{dateTime(r.dueAt)}</td>
                    <td className="num">{number(r.overdueDays, 1)}</td>
                    <td className="num">{r.reminders}</td>
                    {supervises && (
                      <td>
                        <AssignTask taskId={r.taskId} role={r.role} assignee={r.assignee} label={t('trouble.overdue.assignTask', { title: r.title, reference: r.reference })} onDone={reload} />
                      </td>
                    )}
                    <td>
                      <TemporalLink url={r.temporalUrl} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>

          <Section id="pauses" title={t('trouble.pauses.title', { count: d.pausesPastReview.length })} hint={t('trouble.pauses.hint')} empty={d.pausesPastReview.length === 0}>
            <table className="ops-table">
              <thead>
                <tr>
                  <th>{t('cases.col.reference')}</th>
                  <th>{t('cases.col.step')}</th>
                  <th className="num">{t('cases.col.balance')}</th>
                  <th>{t('trouble.pauses.review')}</th>
                  <th className="num">{t('trouble.pauses.daysPast')}</th>
                  <th>
                    <span className="visually-hidden">{t('trouble.actionColumn')}</span>
                  </th>
                  <th>
                    <span className="visually-hidden">{t('trouble.linkColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.pausesPastReview.map((r) => (
                  <tr key={r.caseId} data-case={r.caseId}>
                    <CaseCell row={r} />
                    <td>{r.stepName ?? r.stepId ?? '—'}</td>
                    <td className="num">{euro(r.balanceCents)}</td>
                    <td>{date(r.reviewDate)}</td>
                    <td className="num">{number(r.daysPast)}</td>
                    <td>
                      <RowAction
                        label={t('trouble.pauses.resume')}
                        name={t('trouble.pauses.resumeCase', { reference: r.reference })}
                        failed={t('trouble.pauses.resumeFailed')}
                        run={() => casesApi.resume(r.caseId, { note: t('trouble.pauses.resumeNote') })}
                        onDone={reload}
                      />
                    </td>
                    <td>
                      <TemporalLink url={r.temporalUrl} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>

          <Section id="legal" title={t('trouble.legal.title', { count: d.legalBlocks.length })} hint={t('trouble.legal.hint')} empty={d.legalBlocks.length === 0}>
            <table className="ops-table">
              <thead>
                <tr>
                  <th>{t('cases.col.reference')}</th>
                  <th>{t('cases.col.step')}</th>
                  <th className="num">{t('cases.col.balance')}</th>
                  <th>{t('trouble.legal.rules')}</th>
                  <th>{t('trouble.legal.since')}</th>
                  <th>
                    <span className="visually-hidden">{t('trouble.linkColumn')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.legalBlocks.map((r) => (
                  <tr key={r.caseId} data-case={r.caseId}>
                    <CaseCell row={r} />
                    <td>{r.stepName ?? r.stepId ?? '—'}</td>
                    <td className="num">{euro(r.balanceCents)}</td>
                    <td>{r.rules.map((x) => t('trouble.legal.rule', { rule: ruleName(x.rule), missing: x.missing.map(factName).join('; ') })).join(' · ')}</td>
                    <td>{dateTime(r.blockedAt)}</td>
                    <td>
                      <TemporalLink url={r.temporalUrl} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </section>
  );
}

const ruleName = (rule: string) => (rule in legalRules ? `${i18n.t('ops:trouble.legal.ruleNumber', { number: legalRules[rule as LegalRuleId].number })}` : rule);
const factName = (fact: string) => (fact in factLabels ? factLabels[fact as Fact][currentLanguage()] : fact);

/** The case a row is about: its reference, linked, and the tenant's name where the reader may see it. */
function CaseCell({ row }: { row: { caseId: string; reference: string; tenantName: string | null } }) {
  return (
    <td>
      <Link to={`/ops/cases/${row.caseId}`}>{row.reference}</Link>
      {row.tenantName && <div className="muted small">{row.tenantName}</div>}
    </td>
  );
}

/** One action on a row (resume a pause, try a failing activity again): busy while it runs, a line when it fails. */
function RowAction({ label, name, failed, run, onDone }: { label: string; name: string; failed: string; run: () => Promise<unknown>; onDone: () => void }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={state === 'busy'}
        aria-label={name}
        onClick={async () => {
          setState('busy');
          try {
            await run();
            setState('idle');
            onDone();
          } catch {
            setState('failed');
          }
        }}
      >
        {label}
      </button>
      {state === 'failed' && (
        <span className="error-text small" role="alert">
          {failed}
        </span>
      )}
    </>
  );
}

/** A team lead gives an overdue task to a colleague with its role, or back to the queue. */
function AssignTask({ taskId, role, assignee, label, onDone }: { taskId: string; role: Role; assignee: string | null; label: string; onDone: () => void }) {
  const { t } = useTranslation('ops');
  const { staff } = useStaff();
  const [error, setError] = useState<string | null>(null);
  const candidates = staff.filter((s) => s.active && s.roles.includes(role));
  return (
    <>
      <select
        aria-label={label}
        value={assignee ?? ''}
        onChange={async (e) => {
          setError(null);
          try {
            await inboxApi.reassign(taskId, e.target.value || null);
            onDone();
          } catch (err) {
            setError(err instanceof ApiError ? err.message : String(err));
          }
        }}
      >
        <option value="">{t('trouble.overdue.queue')}</option>
        {candidates.map((s) => (
          <option key={s.id} value={s.id}>
            {s.displayName}
          </option>
        ))}
      </select>
      {error && (
        <span className="error-text small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

function Section({ id, title, hint, empty, children }: { id: string; title: string; hint: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation('ops');
  return (
    <section className="ops-card ops-trouble-section" aria-labelledby={`trouble-${id}`} data-testid={`trouble-${id}`}>
      <h2 id={`trouble-${id}`}>{title}</h2>
      <p className="muted">{hint}</p>
      {empty ? <p className="muted">{t('trouble.none')}</p> : children}
    </section>
  );
}

function TemporalLink({ url }: { url: string | null }) {
  const { t } = useTranslation('ops');
  if (!url) return null;
  return (
    <a href={url} target="_blank" rel="noreferrer" className="temporal-link">
      {t('trouble.temporal')}
    </a>
  );
}
