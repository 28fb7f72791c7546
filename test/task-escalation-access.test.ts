// Who may complete an escalated task is decided once (definition/access.ts) and kept on the
// task itself: the role it opened with and every role its deadline escalated it to. The inbox,
// the API's guard and the workflow's validator read that same list, so after two escalations
// they accept and refuse the same people, with the same words.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DefinitionInput } from '../definition/schema.ts';
import { completeTaskUpdate } from '../workflows/messages.ts';
import { closedWith, openTask } from './support/cases.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  // Its own database: the inbox queues below would otherwise hold every other file's tasks too.
  h = await startHarness({ ownDatabase: true });
});
afterAll(async () => h?.stop());

const escalating = (id: string): DefinitionInput => ({
  id,
  name: 'Twee keer opgeschaald',
  steps: [
    { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'call' } },
    {
      id: 'call',
      name: 'Huurder bellen',
      kind: 'task',
      task: 'custom',
      role: 'caseworker',
      deadline: { within: 'P1D', onExpiry: [{ action: 'escalate', role: 'team-lead' }, { action: 'escalate', role: 'collection-manager' }] },
      outcomes: [{ id: 'done', label: 'Gedaan', fields: [] }],
      next: { done: 'end' },
    },
    { id: 'end', name: 'Klaar', kind: 'end', outcome: 'paid' },
  ],
});

async function twiceEscalated(definitionId: string) {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { definitionId, timeScale: daysPerSecond(2) });
  const task = await openTask(h, c.id, 'call');
  const roles = await waitFor('the second escalation', async () => {
    const r = await h.pool.query<{ role: string; roles: string[] }>(`SELECT role, roles FROM tasks WHERE id = $1`, [task.id]);
    return r.rows[0]!.role === 'collection-manager' ? r.rows[0]!.roles : undefined;
  });
  return { c, taskId: task.id, roles, handle: h.temporal.workflow.getHandle(c.workflowId) };
}

const workflowRefusal = async (handle: ReturnType<Harness['temporal']['workflow']['getHandle']>, taskId: string, actor: { userId: string; roles: string[] }) => {
  const err = await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, outcome: 'done', fields: {}, actor: actor as never }] }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  return { type: cause.type, message: cause.message };
};

test('after two escalations the caseworker, the team lead and the collection manager may complete the task, in the API and in the workflow alike; a controller may not, refused in the same words', async () => {
  const [eva, mark, priya, johan] = await Promise.all([h.as('eva'), h.as('mark'), h.as('priya'), h.as('johan')]);
  const id = `escalated-${randomUUID().slice(0, 8)}`;
  expect((await eva.post('/api/definitions/publish', { definition: escalating(id) })).status).toBe(201);

  const first = await twiceEscalated(id);
  expect(first.roles).toEqual(['caseworker', 'team-lead', 'collection-manager']);

  // The inbox offers the task to each of them (the "mine" queue: unclaimed tasks of one's roles),
  // and its task page says up front who may not complete it, with the rule.
  for (const [api, offered] of [[mark, true], [johan, true], [priya, false]] as const) {
    const inbox = await api.get(`/api/tasks?view=mine`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.tasks.some((t: { id: string }) => t.id === first.taskId)).toBe(offered);
    const page = await api.get(`/api/tasks/${first.taskId}`);
    expect(page.body.refusal?.code ?? null).toBe(offered ? null : 'role');
  }

  // A controller: refused by the API (403) and by the workflow (forbidden), in the same words.
  const api = await priya.post(`/api/tasks/${first.taskId}/complete`, { outcome: 'done' });
  expect(api.status).toBe(403);
  const wf = await workflowRefusal(first.handle, first.taskId, { userId: 'priya', roles: ['controller'] });
  expect(wf.type).toBe('forbidden');
  expect(api.body.error.message).toBe(wf.message);
  expect(wf.message).toBe('task "Huurder bellen" is for the role caseworker or team-lead or collection-manager; you have controller');

  // The team lead, who had it between the two escalations, may still finish it through the API.
  const done = await mark.post(`/api/tasks/${first.taskId}/complete`, { outcome: 'done' });
  expect(done.status).toBe(200);
  expect((await closedWith(h, first.c.id)).outcome).toBe('paid');

  // And the workflow on its own accepts the team lead for the same task on another case.
  const second = await twiceEscalated(id);
  const accepted = await second.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: second.taskId, outcome: 'done', fields: {}, actor: { userId: 'mark-id', roles: ['team-lead'] } }] });
  expect(accepted.outcome).toBe('done');
  expect((await closedWith(h, second.c.id)).outcome).toBe('paid');
});
