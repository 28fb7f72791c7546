// One case as ops sees it: where it stands, whether it is paused and why, and its timeline;
// with links to the staff case page and to the workflow in the Temporal Web UI.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { opsApi } from '../api.ts';
import { date, dateTime, euro } from '../../i18n/format.ts';
import { outcomeLabel, waitingOnLabel } from '../shared/labels.ts';
import { PageState } from '../shared/PageState.tsx';
import { useLoad } from '../use-load.ts';
import { eventSummary, withoutEchoes } from '../../staff/events.ts';
import { useStaff } from '../../staff/staff-directory.ts';

export function OpsCasePage() {
  const { t } = useTranslation('ops');
  // One wording of the timeline for every page (staff/events.ts): channels, outcomes and partners by name, not code.
  const { nameOf } = useStaff();
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
            {withoutEchoes(d.timeline).reverse().map((e) => (
              <li key={e.id} data-type={e.type} className={`tl-${e.type}`}>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
                <span className="tl-what">
                  {eventSummary(e, nameOf)}
                  {/* The words a person wrote with it: a pause's or cancellation's reason, a resumption's note. */}
                  {[e.data?.reason, e.data?.note].filter((x): x is string => typeof x === 'string' && x !== '').map((x) => ` · ${x}`)}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
