// One case as ops sees it: where it stands, whether it is paused and why, and its timeline;
// with links to the staff case page and to the workflow in the Temporal Web UI.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { opsApi, type CaseDetail } from '../api.ts';
import { date, dateTime, euro } from '../../i18n/format.ts';
import { outcomeLabel, waitingOnLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';

export function OpsCasePage() {
  const { t } = useTranslation('ops');
  const { id = '' } = useParams();
  const detail = useLoad(() => opsApi.caseDetail(id), [id]);
  const config = useLoad(() => opsApi.config(), []);
  const d = detail.value;
  const temporalUrl = d && config.value?.temporalUiUrl ? `${config.value.temporalUiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(config.value.namespace)}/workflows/${encodeURIComponent(d.case.workflowId)}` : null;
  return (
    <section className="page ops-page" data-testid="ops-case">
      <PageState loading={detail.loading && !d} error={detail.error} />
      {d && (
        <>
          <div className="row spread">
            <h1>
              {d.case.tenancyReference} <span className="muted">· {d.case.tenantName}</span>
            </h1>
            <div className="row">
              <Link className="button" to={`/cases/${d.case.id}`}>
                {t('case.staffPage')}
              </Link>
              {temporalUrl && (
                <a className="button" href={temporalUrl} target="_blank" rel="noreferrer">
                  {t('case.temporal')}
                </a>
              )}
              <button type="button" className="button subtle" onClick={detail.reload}>
                {t('common.refresh')}
              </button>
            </div>
          </div>
          <dl className="ops-facts" data-testid="case-facts" data-status={d.case.status}>
            <dt>{t('cases.col.status')}</dt>
            <dd>
              <span className={`ops-pill ${d.case.status}`}>{t(`status.${d.case.status}`)}</span>
              {d.case.outcome && ` · ${outcomeLabel(d.case.outcome)}`}
            </dd>
            <dt>{t('cases.col.step')}</dt>
            <dd>{d.case.currentStepName ?? d.case.currentStep ?? '—'}</dd>
            <dt>{t('cases.col.waitingOn')}</dt>
            <dd>{waitingOnLabel(d.case.waitingOn, t)}</dd>
            <dt>{t('cases.col.version')}</dt>
            <dd>
              {d.case.definitionId}@{d.case.definitionVersion}
            </dd>
            <dt>{t('cases.col.balance')}</dt>
            <dd>{euro(d.case.balanceCents)}</dd>
            {d.case.status === 'paused' && (
              <>
                <dt>{t('case.pause')}</dt>
                <dd data-testid="pause-info">
                  {d.live?.paused?.reason ?? d.case.pauseReason} · {t('case.review', { date: date(d.case.pauseReviewDate) })}
                </dd>
              </>
            )}
          </dl>
          <h2>{t('case.timeline')}</h2>
          <ol className="ops-timeline" data-testid="timeline">
            {[...d.timeline].reverse().map((e) => (
              <li key={e.id} data-type={e.type} className={`tl-${e.type}`}>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
                <span className="tl-what">{describe(e, t)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

type Event = CaseDetail['timeline'][number];

function describe(e: Event, t: (key: string, o?: Record<string, unknown>) => string): string {
  const data = e.data ?? {};
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  switch (e.type) {
    case 'step':
      return t('timeline.step', { name: str('name') || e.stepId });
    case 'paused':
      return t('timeline.paused', { reason: str('reason'), date: date(str('reviewDate')) });
    case 'resumed':
      return str('note') ? t('timeline.resumedWithNote', { note: str('note') }) : t('timeline.resumed');
    case 'cancelled':
      return t('timeline.cancelled', { reason: str('reason') });
    case 'message':
      return t('timeline.message', { channel: str('channel'), status: str('status') });
    case 'payment':
      return t('timeline.payment', { amount: euro(Number(data.amountCents ?? 0)) });
    case 'migrated':
      return t('timeline.migrated', { from: String(data.fromVersion), to: String(data.toVersion), step: str('toStep') });
    case 'legal-block':
      return t('timeline.legalBlock', { step: e.stepId });
    case 'task-opened':
      return t('timeline.taskOpened', { title: str('title') });
    case 'task-closed':
      return t('timeline.taskClosed', { outcome: str('outcome') || str('status') });
    case 'closed':
      return t('timeline.closed', { outcome: outcomeLabel(str('outcome')) });
    default:
      return t(`timeline.types.${e.type}`, { defaultValue: e.type });
  }
}
