// Records the histories the replay test replays. Re-record only on purpose: a history that
// no longer replays means running cases would break on deploy (then guard with patched()).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, inject, test } from 'vitest';
import { ensureTemporalCli } from '../../runtime/temporal-cli.ts';
import type { DefinitionInput } from '../../definition/schema.ts';
import { businessNow } from '../../workflows/case-view.ts';
import { atStep, closedWith, complete, openTask } from '../support/cases.ts';
import { unrecordedJudgment } from '../support/definitions.ts';
import { caseToEviction, toEviction } from '../support/policy-holds.ts';
import { daysPerSecond, startHarness, waitFor, type Harness } from '../support/harness.ts';
import { tenantPath, verifiedVisitor } from '../support/tenant.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ historyLimit: 100 });
});
afterAll(async () => h?.stop());

async function save(name: string, workflowId: string) {
  const runs: string[] = [];
  for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(w.runId);
  runs.reverse();
  for (const [i, runId] of runs.entries()) {
    // The CLI's JSON export is the format Temporal documents for replay files.
    const json = execFileSync(await ensureTemporalCli(), ['workflow', 'show', '--address', inject('temporalAddress'), '--workflow-id', workflowId, '--run-id', runId, '--output', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const file = new URL(`./${name}${runs.length > 1 ? `.run${i + 1}` : ''}.json`, import.meta.url);
    writeFileSync(file, json);
  }
}

const dayAfter = (view: Parameters<typeof businessNow>[0], days: number) => new Date(businessNow(view) + days * 86_400_000).toISOString().slice(0, 10);

test('record: pays after the reminder, aftercare, closed as paid', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(10) });
  await atStep(h, c.id, 'wait-after-reminder');
  await h.pay(c.id, { reference: `${c.id}-1`, amountCents: 80_000 });
  await complete(sanne, (await openTask(h, c.id, 'aftercare-call')).id, 'not-reached');
  await closedWith(h, c.id);
  await save('pays-after-reminder', c.workflowId);
});

test('record: the diver, from reminder to eviction, the household assessed before the summons', async () => {
  const [sanne, mark, johan] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('johan')]);
  const tenancy = { reference: `DUIK-${randomUUID().slice(0, 6)}`, street: 'Havenstraat 4', postalCode: '3024 AB', city: 'Rotterdam' };
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(10), tenancy });
  await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'not-reached');
  await complete(sanne, (await openTask(h, c.id, 'home-visit')).id, 'not-home');
  await complete(mark, (await openTask(h, c.id, 'household-assessment', 60_000)).id, 'proceed', { assessment: 'Niemand in beeld.' });
  await complete(mark, (await openTask(h, c.id, 'court-judgment', 60_000)).id, 'granted', { judgmentDate: '2026-11-20' });
  await complete(johan, (await openTask(h, c.id, 'proceed-approval')).id, 'approve', {});
  await closedWith(h, c.id);
  await save('never-responds', c.workflowId);
});

test('record: pause and resume in a wait, a task that escalates, refused contact data, cancel', async () => {
  const [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(2) });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/events`, { type: 'data-sharing-refused' });
  await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Schuldhulp', reviewDate: '2099-01-01' });
  await new Promise((r) => setTimeout(r, 1500));
  await sanne.post(`/api/cases/${c.id}/resume`, {});
  const call = await openTask(h, c.id, 'phone-call');
  await waitFor('escalation', async () => ((await h.pool.query(`SELECT role FROM tasks WHERE id = $1`, [call.id])).rows[0].role === 'team-lead' ? true : undefined));
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Opname afgerond' });
  await closedWith(h, c.id);
  await save('pause-escalate-cancel', c.workflowId);
});

test('record: kwijtschelding through four levels with an adjustment', async () => {
  const [sanne, mark, priya, johan] = await Promise.all([h.as('sanne'), h.as('mark'), h.as('priya'), h.as('johan')]);
  const c = await h.openCase(sanne, { definitionId: 'kwijtschelding', arrearsCents: 100_000, timeScale: daysPerSecond(1) });
  const step = () => openTask(h, c.id, 'forgiveness-approval');
  await complete(sanne, (await step()).id, 'propose', { amountCents: 100_000, reason: 'Voorstel' });
  await complete(mark, (await step()).id, 'approve', { amountCents: 60_000, reason: 'Deels' });
  await complete(priya, (await step()).id, 'approve', {});
  await complete(johan, (await step()).id, 'approve', {});
  const call = await openTask(h, c.id, 'rest-call');
  await complete(sanne, call.id, 'no-arrangement', {});
  await closedWith(h, c.id);
  await save('kwijtschelding-approved', c.workflowId);
});

test('record: an arrangement kept across continue-as-new runs', async () => {
  const [eva, sanne] = await Promise.all([h.as('eva'), h.as('sanne')]);
  const id = `weekly-${randomUUID().slice(0, 8)}`;
  const definition: DefinitionInput = {
    id,
    name: 'Wekelijkse regeling',
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'agree' } },
      {
        id: 'agree',
        name: 'Afspreken',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        outcomes: [{ id: 'arrangement-agreed', label: 'Regeling', arrangement: true, fields: [] }],
        next: { 'arrangement-agreed': 'arrangement' },
      },
      {
        id: 'arrangement',
        name: 'Regeling',
        kind: 'arrangement',
        maxInstalments: 12,
        minInstalmentCents: 1_000,
        defaultInterval: 'P1W',
        reminder: { channel: 'whatsapp', template: 'termijn-herinnering', before: 'P2D' },
        missed: { channel: 'whatsapp', template: 'termijn-gemist' },
        gracePeriod: 'P5D',
        allowedMisses: 12,
        next: { completed: 'done', broken: 'done' },
      },
      { id: 'done', name: 'Klaar', kind: 'end', outcome: 'arrangement-completed' },
    ],
  };
  await eva.post('/api/definitions/publish', { definition, note: 'opname' });
  const c = await h.openCase(sanne, { definitionId: id, arrearsCents: 8 * 5_000, timeScale: daysPerSecond(10) });
  const task = await openTask(h, c.id, 'agree');
  await complete(sanne, task.id, 'arrangement-agreed', { instalmentCents: 5_000, instalments: 8, interval: 'P1W', firstDueDate: dayAfter(await h.state(c.id), 5) });
  for (let week = 1; week <= 8; week++) {
    await waitFor(`reminder ${week}`, async () => ((await h.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE case_id = $1 AND purpose = 'arrangement-reminder'`, [c.id])).rows[0].n >= week ? true : undefined));
    await sanne.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference: `${c.id}-w${week}`, amountCents: 5_000 });
  }
  await closedWith(h, c.id);
  await save('arrangement-continued', c.workflowId);
});

test('record: a case held before it ends as evicted, stopped by the team lead', async () => {
  const [eva, sanne, mark] = await Promise.all([h.as('eva'), h.as('sanne'), h.as('mark')]);
  const id = `evict-${randomUUID().slice(0, 8)}`;
  await eva.post('/api/definitions/publish', { definition: unrecordedJudgment(id), note: 'opname' });
  const c = await h.openCase(sanne, { definitionId: id, timeScale: daysPerSecond(4) });
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
  await complete(mark, (await openTask(h, c.id, 'evicted')).id, 'stop', { reason: 'Geen vonnis in het dossier.' });
  await closedWith(h, c.id);
  await save('legal-gate-before-end', c.workflowId);
});

test('record: a contact during an arrangement changes its plan, the tenant pays too much', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { arrearsCents: 30_000, timeScale: daysPerSecond(2) });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Belde na de brief.' });
  await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'arrangement-agreed', { instalmentCents: 10_000, instalments: 3, interval: 'P1M', firstDueDate: dayAfter(await h.state(c.id), 40) });
  await atStep(h, c.id, 'arrangement');
  await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'De eerste termijn lukt later.' });
  const followUp = await waitFor('the follow-up task', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND kind = 'contact-follow-up' AND status = 'open'`, [c.id])).rows[0]);
  await complete(sanne, followUp.id, 'change-plan', { instalmentCents: 6_000, instalments: 5, interval: 'P1M', firstDueDate: dayAfter(await h.state(c.id), 60) });
  await h.pay(c.id, { reference: `${c.id}-all`, amountCents: 35_000 });
  await closedWith(h, c.id);
  await save('contact-changes-plan', c.workflowId);
});

test('record: debt help accepted pauses the case, staff extend and resume it', async () => {
  const [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(2) });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/events`, { type: 'contact', note: 'Belde na de brief.' });
  await complete(sanne, (await openTask(h, c.id, 'phone-call')).id, 'reached-no-agreement', { note: 'Wil hulp.' });
  await atStep(h, c.id, 'debt-help-referral');
  const handover = await waitFor('the referral', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM handovers WHERE case_id = $1 AND status = 'awaiting'`, [c.id])).rows[0]);
  const accepted = await sanne.post(`/api/cases/${c.id}/handovers/${encodeURIComponent(handover.id)}/response`, { response: 'accepted' });
  if (accepted.status !== 200) throw new Error(`accepting the referral failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  await waitFor('the pause', async () => (await h.state(c.id)).status === 'paused' || undefined);
  await sanne.post(`/api/cases/${c.id}/pause/extend`, { reviewDate: dayAfter(await h.state(c.id), 120) });
  await sanne.post(`/api/cases/${c.id}/resume`, {});
  await complete(sanne, (await openTask(h, c.id, 'after-debt-help')).id, 'no-solution', { note: 'Geen regeling.' });
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Opname afgerond' });
  await closedWith(h, c.id);
  await save('debt-help-pause', c.workflowId);
});

test('record: a pause due for review opens a task; extended there, resumed at the next review', async () => {
  const [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(1) });
  await atStep(h, c.id, 'wait-after-reminder');
  await sanne.post(`/api/cases/${c.id}/pause`, { reason: 'Budgetcoach begint', reviewDate: dayAfter(await h.state(c.id), 2) });
  const review = () => waitFor('the review task', async () => (await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND kind = 'pause-review' AND status = 'open'`, [c.id])).rows[0], 60_000);
  await complete(sanne, (await review()).id, 'extend', { reviewDate: dayAfter(await h.state(c.id), 2), note: 'Meer tijd nodig.' });
  await complete(sanne, (await review()).id, 'resume', {});
  await mark.post(`/api/cases/${c.id}/cancel`, { reason: 'Opname afgerond' });
  await closedWith(h, c.id);
  await save('pause-review', c.workflowId);
});

test('record: the tenant on their own page: e-mail, a call back, help that pauses the case, their own plan followed', async () => {
  const sanne = await h.as('sanne');
  const c = await h.openCase(sanne, { timeScale: daysPerSecond(1), tenancy: { reference: `EIGEN-${randomUUID().slice(0, 6)}`, street: 'Lange Nieuwstraat 12', postalCode: '3512 PH', city: 'Utrecht', minorsInHousehold: false } });
  await atStep(h, c.id, 'wait-after-reminder');
  const path = await tenantPath(h, c.id);
  const tenant = await verifiedVisitor(h, path, { postcode: '3512 PH', houseNumber: '12' });
  await tenant.post(`${path}/contact`, { channel: 'email', time: 'morning' });
  await tenant.post(`${path}/terugbellen`, { note: 'Graag na negen uur' });
  const sideTask = (kind: string) => waitFor(`the ${kind} task`, async () => (await h.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE case_id = $1 AND kind = $2 AND status = 'open'`, [c.id, kind])).rows[0]);
  await complete(sanne, (await sideTask('call-back')).id, 'called', { note: 'Gesproken; ze zoekt hulp.' });
  await tenant.post(`${path}/hulp`, { note: 'Budgetcoach' });
  await complete(sanne, (await sideTask('getting-help')).id, 'pause', { reviewDate: dayAfter(await h.state(c.id), 30), note: 'Budgetcoach bevestigt het traject.' });
  await sanne.post(`/api/cases/${c.id}/resume`, { note: 'Coach heeft een plan gemaakt.' });
  const proposed = await tenant.post(`${path}/regeling`, { amount: '200', firstDueDate: dayAfter(await h.state(c.id), 7) });
  if (!proposed.location?.includes('klaar=accepted')) throw new Error(`the plan was not accepted: ${proposed.status} ${proposed.location}`);
  await atStep(h, c.id, 'arrangement');
  await h.pay(c.id, { reference: `${c.id}-1`, amountCents: 20_000 });
  await (await h.as('mark')).post(`/api/cases/${c.id}/cancel`, { reason: 'Verhuisd naar een andere corporatie' });
  await closedWith(h, c.id);
  await save('tenant-self-service', c.workflowId);
});

test('record: a policy hold stops the eviction notice for a household with minors, ended early, the case goes on', async () => {
  const [eva, johan] = await Promise.all([h.as('eva'), h.as('johan')]);
  // The hold covers only this scenario's own process, so the other recordings never meet it.
  const definitionId = 'history-policy-hold';
  await eva.post('/api/definitions/publish', { definition: toEviction(definitionId) });
  const today = new Date().toISOString().slice(0, 10);
  const created = await eva.post('/api/policy-holds', {
    name: 'Winterstop ontruimingen',
    reason: 'geen ontruimingen bij gezinnen met kinderen in de winter',
    startsOn: new Date(Date.parse(today) - 30 * 86_400_000).toISOString().slice(0, 10),
    endsOn: new Date(Date.parse(today) + 365 * 86_400_000).toISOString().slice(0, 10),
    stops: ['eviction-notice'],
    covers: 'minors',
    definitionId,
  });
  const holdId: string = created.body.hold.id;
  const c = await caseToEviction(h, definitionId, true);
  await waitFor('held in the read model', async () => (await johan.get(`/api/policy-holds/${holdId}`)).body.hold.heldCases === 1, 60_000);
  await johan.post(`/api/policy-holds/${holdId}/end`, {});
  await closedWith(h, c.id);
  await save('policy-hold', c.workflowId);
});
