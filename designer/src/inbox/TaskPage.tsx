// One task: what to do, the form its kind needs, and the case around it (balance, history,
// earlier contact, the agreed arrangement). Completing goes through the case workflow; its
// refusal, or the server's, is shown in words.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession, useUser } from '../session/session.tsx';
import { dateTime, roleLabel, taskKindLabel } from '../i18n/format.ts';
import { useStaff } from '../staff/staff-directory.ts';
import { useLoad } from '../staff/use-load.ts';
import { inboxApi, type TaskDetail } from './api.ts';
import { CaseContext } from './CaseContext.tsx';
import { ApprovalForm } from './forms/ApprovalForm.tsx';
import { OutcomeForm } from './forms/OutcomeForm.tsx';
import { refusalText } from './InboxPage.tsx';

export function TaskPage() {
  const { taskId = '' } = useParams();
  const { t } = useTranslation('inbox');
  const detail = useLoad(() => inboxApi.task(taskId), [taskId]);
  const d = detail.value;
  if (detail.error && !d) {
    return (
      <section className="page st-page">
        <p className="st-banner error" role="alert">
          {detail.error.message}
        </p>
        <Link to="/inbox">{t('backToInbox')}</Link>
      </section>
    );
  }
  if (!d) return <div className="page-state">{t('loading')}</div>;
  return <TaskView d={d} reload={detail.reload} />;
}

function TaskView({ d, reload }: { d: TaskDetail; reload: () => Promise<void> }) {
  const { t } = useTranslation('inbox');
  const user = useUser();
  const session = useSession();
  const navigate = useNavigate();
  const { staff } = useStaff();
  const [error, setError] = useState<string | null>(null);
  const task = d.task;
  const levelLabel = (id: string) => d.approval?.step.levels.find((l) => l.id === id)?.label ?? id;
  const claimBox = useRef<HTMLDivElement>(null);

  async function claim(action: 'claim' | 'unclaim') {
    setError(null);
    try {
      await (action === 'claim' ? inboxApi.claim(task.id) : inboxApi.unclaim(task.id));
      await reload();
      // The button pressed is gone; the focus goes to its counterpart rather than to the page's top.
      claimBox.current?.querySelector('button')?.focus();
    } catch (err) {
      setError(refusalText(t, err, { levelLabel }));
    }
  }

  async function reassign(assignee: string | null) {
    setError(null);
    try {
      await inboxApi.reassign(task.id, assignee);
      await reload();
    } catch (err) {
      setError(refusalText(t, err, { levelLabel }));
    }
  }

  async function submit(outcome: string, fields: Record<string, unknown>) {
    setError(null);
    try {
      await inboxApi.complete(task.id, outcome, fields);
      // An approver's work is the next decision in the inbox; a caseworker follows the case on.
      void navigate(task.approval ? '/inbox' : `/cases/${d.case.id}`, { state: { done: task.title } });
    } catch (err) {
      setError(refusalText(t, err, { levelLabel }));
      throw err;
    }
  }

  const open = task.status === 'open';
  const candidates = staff.filter((s) => s.active && s.roles.some((r) => task.roles.includes(r)));

  return (
    <section className="page st-page st-task-page" data-testid="task-page">
      <p className="st-crumbs">
        <Link to="/inbox">{t('backToInbox')}</Link>
      </p>
      <header className="st-page-header">
        <div>
          <h1>{task.title}</h1>
          <p className="muted">
            {taskKindLabel(task.kind)} · {t('forRole', { role: roleLabel(task.role) })}
            {task.dueAt ? ` · ${t('dueAt', { when: dateTime(task.dueAt) })}` : ''}
            {task.overdue ? ` · ` : ''}
            {task.overdue && <strong className="st-late">{t('overdue')}</strong>}
            {task.escalatedAt ? ` · ${t('escalatedAt', { when: dateTime(task.escalatedAt), from: roleLabel(task.originalRole) })}` : ''}
          </p>
        </div>
        <div className="st-claim" data-testid="claim" ref={claimBox} aria-live="polite">
          {task.assignee ? (
            <span>{task.assignee === user.id ? t('claimedByMe') : t('claimedBy', { name: task.assigneeName })}</span>
          ) : (
            <span className="muted">{t('unclaimed')}</span>
          )}
          {open && !task.assignee && (
            <button type="button" className="button small" onClick={() => void claim('claim')}>
              {t('claim')}
            </button>
          )}
          {open && task.assignee && (task.assignee === user.id || session.hasRole('team-lead')) && (
            <button type="button" className="button small subtle" onClick={() => void claim('unclaim')}>
              {t('unclaim')}
            </button>
          )}
          {open && session.hasRole('team-lead') && (
            <label className="st-inline">
              {t('reassign')}
              <select value={task.assignee ?? ''} onChange={(e) => void reassign(e.target.value || null)}>
                <option value="">{t('toQueue')}</option>
                {candidates.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </header>

      {task.instructions && <p className="st-instructions">{task.instructions}</p>}
      {!open && (
        <p className="st-banner info" role="status">
          {t('closedTask', { status: t(`status.${task.status}`) })}
        </p>
      )}
      {open && d.refusal && (
        <p className="st-banner error" role="alert" data-testid="refusal">
          {d.refusal.code === 'four-eyes'
            ? t('refusal.fourEyes', { level: levelLabel((/level "([^"]+)"/.exec(d.refusal.message) ?? [])[1] ?? '') })
            : d.refusal.code === 'claimed'
              ? t('refusal.claimed', { name: task.assigneeName })
              : d.refusal.code === 'role'
                ? t('refusal.role', { roles: task.roles.map(roleLabel).join(` ${t('or')} `) })
                : d.refusal.message}
        </p>
      )}
      {d.case.paused && (
        <p className="st-banner info" role="status">
          {t('casePaused')}
        </p>
      )}
      {error && (
        <p className="st-banner error" role="alert" data-testid="form-error">
          {error}
        </p>
      )}

      <div className="st-columns">
        <div className="st-main">
          {open &&
            (d.approval ? (
              <ApprovalForm d={d} disabled={!d.mayComplete} onSubmit={submit} />
            ) : (
              <OutcomeForm d={d} disabled={!d.mayComplete} onSubmit={submit} />
            ))}
          {!open && task.outcome && (
            <div className="st-card">
              <h2>{t('result')}</h2>
              <p>{task.outcomes.find((o) => o.id === task.outcome)?.label ?? task.outcome}</p>
            </div>
          )}
        </div>
        <aside className="st-side">
          <CaseContext d={d} />
        </aside>
      </div>
    </section>
  );
}
