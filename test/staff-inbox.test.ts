// The task inbox API against the real engine: the queues (mine, team, overdue) with their
// counts and sorting, claims (a claimed task is completed by its claimer or a team lead),
// reassignment by a team lead, the four-eyes rule on the server, a task's case context,
// and dry-run cases staying out of it all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../server/auth/users.ts';
import { complete, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api, tom: Api, mark: Api, priya: Api, johan: Api, eva: Api;
let ids: Record<string, string>;
beforeAll(async () => {
  // Queues list every open task in the database; other files' hundreds of calls would push these out.
  h = await startHarness({ ownDatabase: true });
  [sanne, tom, mark, priya, johan, eva] = await Promise.all([h.as('sanne'), h.as('tom'), h.as('mark'), h.as('priya'), h.as('johan'), h.as('eva')]);
  const staff = (await sanne.get('/api/staff')).body.staff as Array<{ id: string; username: string }>;
  ids = Object.fromEntries(staff.map((u) => [u.username, u.id]));
});
afterAll(async () => h?.stop());

/** A kwijtschelding case: its first task (the caseworker's proposal) opens at once. */
async function forgivenessCase(arrearsCents = 150_000, extra: Record<string, unknown> = {}) {
  const c = await h.openCase(sanne, { definitionId: 'kwijtschelding', arrearsCents, ...extra });
  const task = await openTask(h, c.id, 'forgiveness-approval');
  return { ...c, taskId: task.id };
}
/** The approval's next level once the earlier ones are closed. */
const nextLevel = (caseId: string, done: string[]) =>
  waitFor('the next approval level', async () => {
    const t = await openTask(h, caseId, 'forgiveness-approval');
    return !done.includes(t.id) && t;
  });
const cancel = async (caseId: string) => expect((await mark.post(`/api/cases/${caseId}/cancel`, { reason: 'Test afgerond' })).status).toBe(200);
const listed = async (api: Api, query: string) => {
  const res = await api.get(`/api/tasks${query}`);
  expect(res.status).toBe(200);
  return res.body as { total: number; tasks: Array<{ id: string; caseId: string; assignee: string | null; overdue: boolean; case: { balanceCents: number } }>; counts: { mine: number; team: number; overdue: number } };
};
const ids_ = (list: { tasks: Array<{ id: string }> }) => list.tasks.map((t) => t.id);

describe('the queues', () => {
  test('an unclaimed caseworker task is in every caseworker\'s own list and in the team lead\'s team queue, not in a controller\'s', async () => {
    const c = await forgivenessCase();
    expect(ids_(await listed(sanne, '?view=mine'))).toContain(c.taskId);
    expect(ids_(await listed(tom, '?view=mine'))).toContain(c.taskId);
    expect(ids_(await listed(mark, '?view=mine'))).not.toContain(c.taskId);
    expect(ids_(await listed(mark, '?view=team'))).toContain(c.taskId);
    expect(ids_(await listed(mark, '?view=team&role=team-lead'))).not.toContain(c.taskId);
    expect(ids_(await listed(priya, '?view=team'))).not.toContain(c.taskId);
    expect(ids_(await listed(johan, '?view=team'))).toContain(c.taskId);
    const item = (await listed(sanne, '?view=mine')).tasks.find((t) => t.id === c.taskId)!;
    expect(item).toMatchObject({ caseId: c.id, kind: 'approval', role: 'caseworker', assignee: null, overdue: false, case: { reference: c.reference, tenantName: 'Test Huurder', balanceCents: 150_000 } });
    await cancel(c.id);
  });

  test('sorting by amount and by deadline, in both directions; the counts say how many are mine, the team\'s and overdue', async () => {
    const small = await forgivenessCase(40_000);
    const large = await forgivenessCase(900_000);
    const byAmount = ids_(await listed(sanne, '?view=mine&sort=amount&limit=500'));
    expect(byAmount.indexOf(large.taskId)).toBeLessThan(byAmount.indexOf(small.taskId));
    const byAmountAsc = ids_(await listed(sanne, '?view=mine&sort=amount&order=asc&limit=500'));
    expect(byAmountAsc.indexOf(small.taskId)).toBeLessThan(byAmountAsc.indexOf(large.taskId));
    const amounts = (await listed(sanne, '?view=mine&sort=amount&limit=500')).tasks.map((t) => t.case.balanceCents);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    // Same deadline length, opened one after the other: the earlier deadline comes first.
    const byDue = ids_(await listed(sanne, '?view=mine&sort=due&limit=500'));
    expect(byDue.indexOf(small.taskId)).toBeLessThan(byDue.indexOf(large.taskId));
    const byDueDesc = ids_(await listed(sanne, '?view=mine&sort=due&order=desc&limit=500'));
    expect(byDueDesc.indexOf(large.taskId)).toBeLessThan(byDueDesc.indexOf(small.taskId));

    const counts = (await sanne.get('/api/tasks/counts')).body;
    const list = await listed(sanne, '?view=mine');
    expect(list.counts).toEqual(counts);
    expect(counts.mine).toBe(list.total);
    expect(counts.team).toBe((await listed(sanne, '?view=team')).total);
    await Promise.all([cancel(small.id), cancel(large.id)]);
  });

  test('a task past its deadline is overdue in the team\'s overdue list; once escalated to the team lead the caseworkers still see it, and a team lead may complete it after a caseworker claimed it', async () => {
    // Five business days a second: the proposal's deadline (5 days) passes, a reminder, then the escalation.
    const c = await forgivenessCase(150_000, { timeScale: daysPerSecond(5) });
    await waitFor('the task escalated to the team lead', async () => (await h.pool.query(`SELECT role FROM tasks WHERE id = $1`, [c.taskId])).rows[0]?.role === 'team-lead');
    const overdue = await waitFor('the task listed as overdue', async () => {
      const list = await listed(mark, '?view=overdue');
      return ids_(list).includes(c.taskId) && list;
    });
    expect(overdue.tasks.every((t) => t.overdue)).toBe(true);
    expect(overdue.counts.overdue).toBe(overdue.total);
    expect(ids_(await listed(mark, '?view=mine'))).toContain(c.taskId);
    expect(ids_(await listed(sanne, '?view=mine'))).toContain(c.taskId);

    expect((await sanne.post(`/api/tasks/${encodeURIComponent(c.taskId)}/claim`)).status).toBe(200);
    expect(ids_(await listed(tom, '?view=mine'))).not.toContain(c.taskId);
    await complete(mark, c.taskId, 'propose', { amountCents: 50_000, reason: 'Overgenomen door de teamleider' });
    const row = await h.pool.query(`SELECT status, completed_by FROM tasks WHERE id = $1`, [c.taskId]);
    expect(row.rows[0]).toEqual({ status: 'completed', completed_by: ids.mark });
    await cancel(c.id);
  });

  test('reading the inbox is recorded as a read of the tenants it showed; a wrong query is a 400 naming the parameter', async () => {
    const c = await forgivenessCase();
    await listed(tom, '?view=mine&limit=500');
    const reads = await h.pool.query(`SELECT entity FROM audit_log WHERE actor = $1 AND action = 'personal-data.list' AND (details -> 'caseIds') ? $2`, [ids.tom, c.id]);
    expect(reads.rows.map((r) => r.entity)).toContain('inbox:mine');
    const bad = await tom.get('/api/tasks?view=everything&sort=name');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('query.view');
    expect(bad.body.error.message).toContain('query.sort: sort is due, amount or opened');
    expect((await eva.get('/api/tasks')).status).toBe(403);
    expect((await h.anonymous.get('/api/tasks/counts')).status).toBe(401);
    await cancel(c.id);
  });

  test('a dry run\'s tasks never reach the inbox', async () => {
    const c = await forgivenessCase();
    await h.pool.query(`UPDATE cases SET dry_run = true WHERE id = $1`, [c.id]);
    expect(ids_(await listed(sanne, '?view=mine&limit=500'))).not.toContain(c.taskId);
    expect(ids_(await listed(johan, '?view=team&limit=500'))).not.toContain(c.taskId);
    expect((await sanne.get(`/api/tasks/${encodeURIComponent(c.taskId)}`)).status).toBe(404);
    expect((await sanne.post(`/api/tasks/${encodeURIComponent(c.taskId)}/claim`)).status).toBe(404);
    await h.pool.query(`UPDATE cases SET dry_run = false WHERE id = $1`, [c.id]);
    await cancel(c.id);
  });
});

describe('claims and reassignment', () => {
  const path = (taskId: string, action: string) => `/api/tasks/${encodeURIComponent(taskId)}/${action}`;

  test('a claimed task belongs to its claimer: others cannot claim, give back or complete it; a team lead can give it back and reassign it', async () => {
    const c = await forgivenessCase();
    const claimed = await sanne.post(path(c.taskId, 'claim'));
    expect(claimed.status).toBe(200);
    expect(claimed.body.task).toMatchObject({ assignee: ids.sanne, assigneeName: 'Sanne Jansen' });
    expect((await sanne.post(path(c.taskId, 'claim'))).status).toBe(200);

    const tomClaims = await tom.post(path(c.taskId, 'claim'));
    expect(tomClaims.status).toBe(409);
    expect(tomClaims.body.error.message).toBe(`task ${c.taskId} is already claimed by Sanne Jansen`);
    const tomCompletes = await tom.post(path(c.taskId, 'complete'), { outcome: 'propose', fields: { amountCents: 1_000, reason: 'x' } });
    expect(tomCompletes.status).toBe(403);
    expect(tomCompletes.body.error.message).toBe(`task ${c.taskId} is claimed by Sanne Jansen; only they or a team lead can complete it`);
    expect((await tom.post(path(c.taskId, 'unclaim'))).status).toBe(403);
    expect((await h.pool.query(`SELECT status FROM tasks WHERE id = $1`, [c.taskId])).rows[0].status).toBe('open');

    const back = await mark.post(path(c.taskId, 'unclaim'));
    expect(back.status).toBe(200);
    expect(back.body.task.assignee).toBeNull();
    expect((await mark.post(path(c.taskId, 'unclaim'))).status).toBe(409);

    const toTom = await mark.post(path(c.taskId, 'reassign'), { assignee: ids.tom });
    expect(toTom.status).toBe(200);
    expect(toTom.body.task).toMatchObject({ assignee: ids.tom, assigneeName: 'Tom Bakker' });
    expect(ids_(await listed(tom, '?view=mine'))).toContain(c.taskId);
    expect(ids_(await listed(sanne, '?view=mine&limit=500'))).not.toContain(c.taskId);
    await complete(tom, c.taskId, 'propose', { amountCents: 20_000, reason: 'Voorstel van Tom' });

    const trail = await h.pool.query(`SELECT actor, action, before, after FROM audit_log WHERE entity = 'task' AND entity_id = $1 AND action LIKE 'task.%' ORDER BY id`, [c.taskId]);
    expect(trail.rows.map((r) => [r.action, r.actor, r.before?.assignee ?? null, r.after?.assignee ?? null])).toEqual([
      ['task.claim', ids.sanne, null, ids.sanne],
      ['task.unclaim', ids.mark, ids.sanne, null],
      ['task.reassign', ids.mark, null, ids.tom],
      ['task.complete', ids.tom, null, null],
    ]);
    await cancel(c.id);
  });

  test('reassigning is refused naming the field for someone without the role, an unknown user or a bad body; only a team lead may reassign', async () => {
    const c = await forgivenessCase();
    const toController = await mark.post(path(c.taskId, 'reassign'), { assignee: ids.priya });
    expect(toController.status).toBe(400);
    expect(toController.body.error.message).toBe('body.assignee: Priya Ramdin does not have the role caseworker this task needs');
    const unknown = await mark.post(path(c.taskId, 'reassign'), { assignee: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('body.assignee: there is no active user');
    const bad = await mark.post(path(c.taskId, 'reassign'), { assignee: 'tom' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('body.assignee: assignee must be a user id');
    expect((await sanne.post(path(c.taskId, 'reassign'), { assignee: ids.sanne })).status).toBe(403);
    expect((await mark.post(path('no-such-task', 'reassign'), { assignee: ids.sanne })).status).toBe(404);
    expect((await h.pool.query(`SELECT assignee FROM tasks WHERE id = $1`, [c.taskId])).rows[0].assignee).toBeNull();
    await cancel(c.id);
  });

  test('claiming is refused for a role the task is not for, an unknown task, and a task that is closed', async () => {
    const c = await forgivenessCase();
    const wrongRole = await priya.post(path(c.taskId, 'claim'));
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.error.message).toBe('task "Kwijtschelding (vier ogen): Incassomedewerker stelt voor" is for the role caseworker; you have controller');
    expect((await sanne.post(path('no-such-task', 'claim'))).status).toBe(404);
    await complete(sanne, c.taskId, 'withdraw', { reason: 'Toch niet nodig' });
    const closed = await tom.post(path(c.taskId, 'claim'));
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe(`task ${c.taskId} is not open (it is completed)`);
    expect((await tom.post(path(c.taskId, 'complete'), { outcome: 'withdraw', fields: { reason: 'nogmaals' } })).status).toBe(409);
  });

  test('the four-eyes rule on the server: someone who decided one level can neither claim, be given nor complete the next', async () => {
    const username = `dubbel-${randomUUID().slice(0, 6)}`;
    const dubbelUser = await createUser(h.pool, { username, displayName: 'Dubbele Rol', password: 'twee-rollen-tegelijk', roles: ['caseworker', 'team-lead'] });
    const dubbel = await h.as(username, 'twee-rollen-tegelijk');
    const c = await forgivenessCase();
    await complete(dubbel, c.taskId, 'propose', { amountCents: 50_000, reason: 'Voorstel' });
    const second = await nextLevel(c.id, [c.taskId]);
    const claim = await dubbel.post(path(second.id, 'claim'));
    expect(claim.status).toBe(403);
    expect(claim.body.error.message).toContain('four-eyes rule: you already decided the level "proposal"');
    expect(claim.body.error.details).toEqual({ rule: 'four-eyes', level: 'proposal', levelLabel: 'Incassomedewerker stelt voor' });
    const given = await mark.post(path(second.id, 'reassign'), { assignee: dubbelUser.id });
    expect(given.status).toBe(400);
    expect(given.body.error.message).toContain('body.assignee: four-eyes rule: Dubbele Rol already decided the level "proposal"');
    const completes = await dubbel.post(path(second.id, 'complete'), { outcome: 'approve', fields: {} });
    expect(completes.status).toBe(403);
    expect(completes.body.error.details).toEqual({ rule: 'four-eyes', level: 'proposal', levelLabel: 'Incassomedewerker stelt voor' });
    const detail = await dubbel.get(`/api/tasks/${encodeURIComponent(second.id)}`);
    expect(detail.body).toMatchObject({ mayComplete: false, refusal: { code: 'four-eyes' } });
    await cancel(c.id);
  });
});

describe('a task with its case context', () => {
  test('the call task shows balance, earlier contact, recent history and the limits of the arrangement its outcome leads to; reading it is recorded', async () => {
    const c = await h.openCase(sanne, { arrearsCents: 95_000 });
    await waitFor('the first wait', async () => (await h.pool.query(`SELECT current_step FROM cases WHERE id = $1`, [c.id])).rows[0]?.current_step === 'wait-after-reminder');
    expect((await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Huurder belde zelf: wil een regeling.' })).status).toBe(200);
    const task = await openTask(h, c.id, 'phone-call');
    const res = await tom.get(`/api/tasks/${encodeURIComponent(task.id)}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.task).toMatchObject({ id: task.id, kind: 'phone-call', role: 'caseworker', status: 'open' });
    expect(d.task.outcomes.map((o: { id: string }) => o.id)).toEqual(['reached', 'reached-no-agreement', 'not-reached', 'arrangement-agreed']);
    expect(d.mayComplete).toBe(true);
    expect(d.case).toMatchObject({ id: c.id, reference: c.reference, balanceCents: 95_000, definition: { id: 'standard-ladder' } });
    expect(d.tenant).toMatchObject({ name: 'Test Huurder', phone: '+31611111111' });
    expect(d.contacts[0]).toMatchObject({ source: 'event', kind: 'contact', byName: 'Sanne Jansen', fields: { note: 'Huurder belde zelf: wil een regeling.' } });
    expect(d.history.messages[0]).toMatchObject({ channel: 'letter', purpose: 'reminder' });
    expect(d.history.messages[0].body).toContain('Test Huurder');
    expect(d.arrangementTargets['arrangement-agreed']).toMatchObject({ kind: 'arrangement', minInstalmentCents: 5000, maxInstalments: 12 });
    expect(Date.parse(d.now)).toBeGreaterThan(0);
    const read = await h.pool.query(`SELECT 1 FROM audit_log WHERE actor = $1 AND action = 'personal-data.read' AND entity = 'task' AND entity_id = $2`, [ids.tom, task.id]);
    expect(read.rowCount).toBe(1);
    await cancel(c.id);
  });

  test('an approval level shows the proposal and every earlier level with who adjusted what', async () => {
    const c = await forgivenessCase(150_000);
    await complete(sanne, c.taskId, 'propose', { amountCents: 100_000, reason: 'Aflossen onmogelijk, wel perspectief.' });
    const second = await nextLevel(c.id, [c.taskId]);
    await complete(mark, second.id, 'approve', { amountCents: 80_000, reason: 'Recent deel blijft staan.' });
    const third = await nextLevel(c.id, [c.taskId, second.id]);
    const d = (await priya.get(`/api/tasks/${encodeURIComponent(third.id)}`)).body;
    expect(d.approval.step.levels.map((l: { id: string }) => l.id)).toEqual(['proposal', 'team-lead', 'controller', 'manager']);
    expect(d.approval.decisions).toEqual([
      expect.objectContaining({ levelId: 'proposal', decision: 'propose', amountCents: 100_000, byName: 'Sanne Jansen', reason: 'Aflossen onmogelijk, wel perspectief.' }),
      expect.objectContaining({ levelId: 'team-lead', decision: 'approve', amountCents: 80_000, previousAmountCents: 100_000, byName: 'Mark Visser', reason: 'Recent deel blijft staan.' }),
    ]);
    expect(d.task.approval).toMatchObject({ level: 2, levelId: 'controller' });
    await cancel(c.id);
  });

  test('an unknown task is a 404', async () => {
    const res = await sanne.get('/api/tasks/no-such-task');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('task no-such-task not found');
  });
});
