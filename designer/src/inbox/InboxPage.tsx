// The task inbox: my tasks, my team's queue (by role) and what is overdue, with counts,
// sortable by deadline and amount. Claiming happens here or on the task; the server decides.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { taskRoles } from '../../../definition/access.ts';
import { ApiError } from '../api/client.ts';
import { useUser } from '../session/session.tsx';
import { daysUntil, date, euro, roleLabel, taskKindLabel } from '../i18n/format.ts';
import { useEvery, useLoad } from '../staff/use-load.ts';
import { TabList, tabId } from '../staff/TabList.tsx';
import { inboxApi, taskLink, type InboxSort, type InboxView, type TaskCounts, type TaskListItem } from './api.ts';

const views: readonly InboxView[] = ['mine', 'team', 'overdue'];
const sorts: InboxSort[] = ['due', 'amount', 'opened'];
const defaultOrder: Record<InboxSort, 'asc' | 'desc'> = { due: 'asc', amount: 'desc', opened: 'asc' };

export function InboxPage() {
  const { t } = useTranslation('inbox');
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (views.find((v) => v === params.get('view')) ?? 'mine') as InboxView;
  const sort = (sorts.find((s) => s === params.get('sort')) ?? 'due') as InboxSort;
  const order = params.get('order') === 'asc' || params.get('order') === 'desc' ? (params.get('order') as 'asc' | 'desc') : defaultOrder[sort];
  const role = view === 'mine' ? undefined : (params.get('role') ?? undefined);
  const location = useLocation();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(() => {
    const done = (location.state as { done?: string } | null)?.done;
    return done ? { kind: 'ok', text: t('msg.decided', { title: done }) } : null;
  });
  const [counts, setCounts] = useState<TaskCounts | null>(null);

  const list = useLoad(async () => {
    const r = await inboxApi.list({ view, sort, order, ...(role ? { role } : {}) });
    setCounts(r.counts);
    return r;
  }, [view, sort, order, role]);

  // Counts carry no names: poll them, and reload the list (an audited read) only on a change.
  useEvery(15_000, () => {
    void inboxApi.counts().then((c) => {
      if (counts && (c.mine !== counts.mine || c.team !== counts.team || c.overdue !== counts.overdue)) void list.reload();
      setCounts(c);
    });
  });

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const sortBy = (s: InboxSort) => set({ sort: s, order: s === sort ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder[s] });

  async function act(task: TaskListItem, action: 'claim' | 'unclaim') {
    setMessage(null);
    try {
      await (action === 'claim' ? inboxApi.claim(task.id) : inboxApi.unclaim(task.id));
      setMessage({ kind: 'ok', text: t(action === 'claim' ? 'msg.claimed' : 'msg.unclaimed', { title: task.title }) });
      await list.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: refusalText(t, err) });
    }
  }

  const tasks = list.value?.tasks ?? [];
  const arrow = (s: InboxSort) => (s === sort ? (order === 'asc' ? ' ↑' : ' ↓') : '');

  return (
    <section className="page st-page">
      <header className="st-page-header">
        <h1>{t('title')}</h1>
        <button type="button" className="button subtle" onClick={() => void list.reload()}>
          {t('refresh')}
        </button>
      </header>

      <TabList
        label={t('views')}
        tabs={views}
        selected={view}
        onSelect={(v) => set({ view: v, role: undefined })}
        panelId="inbox-panel"
        testId={(v) => `tab-${v}`}
        render={(v) => (
          <>
            {t(`view.${v}`)} <span className={v === 'overdue' && (counts?.overdue ?? 0) > 0 ? 'st-count warn' : 'st-count'}>{counts ? counts[v] : '…'}</span>
          </>
        )}
      />

      <div role="tabpanel" id="inbox-panel" aria-labelledby={tabId('inbox-panel', view)}>

      <div className="st-toolbar">
        {view !== 'mine' && (
          <label>
            {t('role')}
            <select value={role ?? ''} onChange={(e) => set({ role: e.target.value || undefined })}>
              <option value="">{t('allRoles')}</option>
              {taskRoles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('sortBy')}
          <select value={sort} onChange={(e) => set({ sort: e.target.value, order: undefined })}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" onClick={() => set({ order: order === 'asc' ? 'desc' : 'asc' })} title={t('toggleOrder')}>
          {order === 'asc' ? t('ascending') : t('descending')}
        </button>
        <span className="muted">{t('shown', { count: list.value?.total ?? 0 })}</span>
      </div>

      {message && (
        <p className={message.kind === 'error' ? 'st-banner error' : 'st-banner ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {list.error && (
        <p className="st-banner error" role="alert">
          {list.error.message}
        </p>
      )}

      <table className="st-table cards" data-testid="inbox-table">
        <thead>
          <tr>
            <th>{t('col.task')}</th>
            <th>{t('col.tenant')}</th>
            <th className="num">
              <button type="button" className="st-th-button" onClick={() => sortBy('amount')}>
                {t('col.balance')}
                {arrow('amount')}
              </button>
            </th>
            <th>
              <button type="button" className="st-th-button" onClick={() => sortBy('due')}>
                {t('col.due')}
                {arrow('due')}
              </button>
            </th>
            <th>{t('col.role')}</th>
            <th>{t('col.assignee')}</th>
            <th>{t('col.lastContact')}</th>
            <th>
              <span className="visually-hidden">{t('col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-task-id={task.id} className={task.overdue ? 'overdue' : undefined}>
              <td>
                <Link to={taskLink(task.id)} className="st-task-title">
                  {task.title}
                </Link>
                <div className="muted small">
                  {taskKindLabel(task.kind)}
                  {task.approval ? ` · ${t('level', { n: task.approval.level + 1, of: task.approval.levels })}` : ''}
                </div>
              </td>
              <td>
                <Link to={`/cases/${task.caseId}`}>{task.case.tenantName}</Link>
                <div className="muted small">
                  {task.case.reference}
                  {task.case.status === 'paused' ? ` · ${t('paused')}` : ''}
                </div>
              </td>
              <td className="num" data-label={t('col.balance')}>
                {euro(task.case.balanceCents)}
              </td>
              <td data-label={t('col.due')}>
                <Deadline task={task} />
              </td>
              <td data-label={t('col.role')}>
                {roleLabel(task.role)}
                {task.escalatedAt && <span className="st-chip warn">{t('escalated')}</span>}
              </td>
              <td data-label={t('col.assignee')}>{task.assignee ? (task.assignee === user.id ? t('me') : task.assigneeName) : <span className="muted">{t('unclaimed')}</span>}</td>
              <td data-label={t('col.lastContact')}>{task.case.lastContactAt ? date(task.case.lastContactAt) : <span className="muted">{t('noContact')}</span>}</td>
              <td>
                <div className="st-actions">
                  {!task.assignee && (
                    <button type="button" className="button small" onClick={() => void act(task, 'claim')}>
                      {t('claim')}
                    </button>
                  )}
                  {task.assignee === user.id && (
                    <button type="button" className="button small subtle" onClick={() => void act(task, 'unclaim')}>
                      {t('unclaim')}
                    </button>
                  )}
                  <button type="button" className="button small primary" onClick={() => navigate(taskLink(task.id))}>
                    {t('open')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
          {!list.loading && tasks.length === 0 && (
            <tr>
              <td colSpan={8} className="st-empty">
                {t(`empty.${view}`)}
              </td>
            </tr>
          )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Deadline({ task }: { task: TaskListItem }) {
  const { t } = useTranslation('inbox');
  if (!task.dueAt) return <span className="muted">{t('noDeadline')}</span>;
  const days = daysUntil(task.dueAt, task.case.businessNow);
  return (
    <>
      {date(task.dueAt)}
      <div className={task.overdue ? 'small st-late' : 'small muted'}>
        {/* A paused case's deadlines stand still: no count down, and none past due. */}
        {task.case.status === 'paused' ? t('deadlinePaused') : task.overdue ? t('late', { count: Math.max(1, -days) }) : days <= 0 ? t('dueToday') : t('dueIn', { count: days })}
        {task.reminders > 0 ? ` · ${t('reminders', { count: task.reminders })}` : ''}
      </div>
    </>
  );
}

/** A refusal in the reader's language where we know the rule, else the server's own words. */
export function refusalText(
  t: (key: string, o?: Record<string, unknown>) => string,
  err: unknown,
  names: { levelLabel?: (levelId: string) => string } = {},
): string {
  if (!(err instanceof ApiError)) return (err as Error).message;
  const details = (err.details ?? {}) as { rule?: string; level?: string; levelLabel?: string; roles?: string[] };
  if (details.rule === 'four-eyes') return t('refusal.fourEyes', { level: details.levelLabel ?? names.levelLabel?.(details.level ?? '') ?? details.level });
  if (details.rule === 'claimed') return t('refusal.claimed', { name: /claimed by (.+?);/.exec(err.message)?.[1] ?? '' });
  if (details.rule === 'role') return t('refusal.role', { roles: (details.roles ?? []).map(roleLabel).join(` ${t('or')} `) });
  if (err.status === 409) return t('refusal.conflict', { message: err.message });
  return t('refusal.other', { message: err.message });
}
