// The four-step kwijtschelding: four levels, four roles, four different people. The
// workflow itself refuses a second level by the same person (four-eyes rule).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createUser } from '../server/auth/users.ts';
import { atStep, closedWith, complete, openTask, timeline } from './support/cases.ts';
import { startHarness, type Api, type Harness } from './support/harness.ts';

let h: Harness;
let sanne: Api, mark: Api, priya: Api, johan: Api;
beforeAll(async () => {
  h = await startHarness();
  [sanne, mark, priya, johan] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('priya'), h.as('johan')]);
});
afterAll(async () => h?.stop());

const open = () => h.openCase(sanne, { definitionId: 'kwijtschelding', arrearsCents: 150_000 });
const level = (caseId: string) => openTask(h, caseId, 'forgiveness-approval');

test('approved through four levels by four people: the team lead lowers the amount, the adjusted amount is forgiven', async () => {
  const c = await open();
  await complete(sanne, (await level(c.id)).id, 'propose', { amountCents: 100_000, reason: 'Aflossen onmogelijk; huurder heeft perspectief op werk en accepteert budgetcoaching.' });
  await complete(mark, (await level(c.id)).id, 'approve', { amountCents: 80_000, reason: 'Deel van de schuld is recent ontstaan; dat deel blijft staan.' });
  await complete(priya, (await level(c.id)).id, 'approve', { reason: 'Dossier compleet, voldoet aan het beleid.' });
  await complete(johan, (await level(c.id)).id, 'approve', {});
  // €1.500 arrears, €800 forgiven: €700 remains, so the rest becomes an arrangement call.
  await atStep(h, c.id, 'rest-call');
  const state = await h.state(c.id);
  expect(state.forgivenCents).toBe(80_000);
  expect(state.balanceCents).toBe(70_000);
  expect(state.approvals.map((a) => [a.levelId, a.role, a.decision])).toEqual([
    ['proposal', 'caseworker', 'propose'],
    ['team-lead', 'team-lead', 'approve'],
    ['controller', 'controller', 'approve'],
    ['manager', 'collection-manager', 'approve'],
  ]);
  expect(new Set(state.approvals.map((a) => a.userId)).size).toBe(4);
  const row = await h.pool.query(`SELECT balance_cents FROM cases WHERE id = $1`, [c.id]);
  expect(row.rows[0].balance_cents).toBe(70_000);
  const events = await timeline(h, c.id);
  const decisions = events.filter((e) => e.type === 'approval-decision');
  expect(decisions.map((e) => e.data.amountCents ?? null)).toEqual([100_000, 80_000, null, null]);
  expect(decisions[1]!.data.previousAmountCents).toBe(100_000);
  expect(events.find((e) => e.type === 'forgiven')!.data.amountCents).toBe(80_000);
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
});

test('rejected by the controller at level 3: nothing is forgiven and the approval ends rejected', async () => {
  const c = await open();
  await complete(sanne, (await level(c.id)).id, 'propose', { amountCents: 150_000, reason: 'Volledige kwijtschelding voorgesteld.' });
  await complete(mark, (await level(c.id)).id, 'approve', {});
  const third = await level(c.id);
  const noReason = await priya.post(`/api/tasks/${third.id}/complete`, { outcome: 'reject', fields: {} });
  expect(noReason.status).toBe(400);
  expect(noReason.body.error.message).toContain('Motivering (reason) is required');
  await complete(priya, third.id, 'reject', { reason: 'Inkomen laat een regeling toe; eerst een betalingsregeling proberen.' });
  const closed = await closedWith(h, c.id);
  expect(closed).toMatchObject({ outcome: 'cancelled', balance_cents: 150_000 });
  const tasks = await h.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE case_id = $1`, [c.id]);
  expect(tasks.rows[0].n).toBe(3);
});

test('one person cannot decide two levels: the workflow refuses the second with the four-eyes rule', async () => {
  await createUser(h.pool, { username: 'dubbel', displayName: 'Dubbele Rol', password: 'twee-rollen-tegelijk', roles: ['caseworker', 'team-lead'] });
  const dubbel = await h.as('dubbel', 'twee-rollen-tegelijk');
  const c = await open();
  await complete(dubbel, (await level(c.id)).id, 'propose', { amountCents: 50_000, reason: 'Voorstel' });
  const second = await level(c.id);
  const refused = await dubbel.post(`/api/tasks/${second.id}/complete`, { outcome: 'approve', fields: {} });
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toContain('four-eyes rule');
  // The refusal changed nothing: the level is still open and another team lead can decide it.
  const task = await h.pool.query(`SELECT status FROM tasks WHERE id = $1`, [second.id]);
  expect(task.rows[0].status).toBe('open');
  await complete(mark, second.id, 'approve', {});
  expect((await h.state(c.id)).approvals.map((a) => a.levelId)).toEqual(['proposal', 'team-lead']);
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
});

test('a level is refused to someone without its role, and an amount above the balance is refused', async () => {
  const c = await open();
  const first = await level(c.id);
  const wrongRole = await priya.post(`/api/tasks/${first.id}/complete`, { outcome: 'propose', fields: { amountCents: 10_000, reason: 'x' } });
  expect(wrongRole.status).toBe(403);
  expect(wrongRole.body.error.message).toContain('caseworker');
  const tooMuch = await sanne.post(`/api/tasks/${first.id}/complete`, { outcome: 'propose', fields: { amountCents: 150_001, reason: 'Meer dan de schuld' } });
  expect(tooMuch.status).toBe(400);
  expect(tooMuch.body.error.message).toContain('more than the balance');
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Testscenario afgerond' });
});
