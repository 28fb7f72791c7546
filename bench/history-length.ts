// How long whole histories get: the standard ladder run end to end for the tenant who never
// responds (every person's task done as soon as it opens), and payment arrangements of six
// months (monthly) and twelve months (weekly), each instalment paid once reminded; events
// per run of a case that continues as new.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { DefinitionSchema, type DefinitionInput } from '../definition/schema.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import type { Db } from '../server/db/pool.ts';
import { insertVersion } from '../server/definitions/repository.ts';
import { businessNow } from '../workflows/case-view.ts';
import { caseStateQuery, completeTaskUpdate, paymentReceivedSignal } from '../workflows/messages.ts';
import { prepareCases, say, sleep, type Row } from './support.ts';

const DAY = 86_400_000;

function arrangementDefinition(id: string, interval: 'P1W' | 'P1M'): DefinitionInput {
  return {
    id,
    name: `Benchmark: regeling ${interval}`,
    steps: [
      { id: 'start', name: 'Start', kind: 'start', trigger: 'case-opened', next: { next: 'agree' } },
      {
        id: 'agree',
        name: 'Afspreken',
        kind: 'task',
        task: 'phone-call',
        role: 'caseworker',
        outcomes: [{ id: 'agreed', label: 'Regeling', arrangement: true, meaning: 'arrangement-agreed', fields: [] }],
        next: { agreed: 'arrangement' },
      },
      {
        id: 'arrangement',
        name: 'Regeling',
        kind: 'arrangement',
        maxInstalments: 60,
        minInstalmentCents: 1_000,
        defaultInterval: interval,
        reminder: { channel: 'sms', template: 'sms-herinnering', before: 'P2D' },
        missed: { channel: 'sms', template: 'sms-herinnering' },
        gracePeriod: 'P5D',
        allowedMisses: 12,
        next: { completed: 'done', broken: 'done' },
      },
      { id: 'done', name: 'Klaar', kind: 'end', outcome: 'arrangement-completed' },
    ],
  };
}

/** Drives a case: every open task answered at once (the first outcome, or the plan), each instalment paid once reminded. */
async function drive(client: Client, workflowId: string, plan?: { instalmentCents: number; instalments: number; interval: 'P1W' | 'P1M' }) {
  const handle = client.workflow.getHandle(workflowId);
  const answered = new Set<string>();
  const paid = new Set<number>();
  for (;;) {
    const view = await handle.query(caseStateQuery).catch(() => null);
    if (view?.phase === 'closed' || (view === null && (await handle.describe()).status.name !== 'RUNNING')) return;
    if (view) {
      for (const task of view.openTasks) {
        if (answered.has(task.taskId)) continue;
        answered.add(task.taskId);
        const agree = task.outcomes.find((o) => o.arrangement);
        const outcome = agree && plan ? agree : (task.outcomes.find((o) => o.id === 'proceed' || o.id === 'approve' || o.id === 'granted') ?? task.outcomes[0]!);
        const fields: Record<string, unknown> = {};
        for (const f of outcome.fields) if (f.required) fields[f.id] = f.type === 'date' ? new Date(businessNow(view)).toISOString().slice(0, 10) : f.type === 'longtext' || f.type === 'text' ? 'note:00000000-0000-0000-0000-000000000000' : f.options?.[0];
        if (agree && plan && outcome === agree) Object.assign(fields, { ...plan, firstDueDate: new Date(businessNow(view) + 10 * DAY).toISOString().slice(0, 10) });
        await handle
          .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, outcome: outcome.id, fields, actor: { userId: `bench-${task.role}-${randomUUID().slice(0, 4)}`, roles: [task.role] } }] })
          .catch(() => answered.delete(task.taskId));
      }
      const a = view.arrangement;
      if (a && plan && a.next < a.instalments.length && !paid.has(a.next)) {
        paid.add(a.next);
        await handle.signal(paymentReceivedSignal, { reference: `${workflowId}-${a.next}`, amountCents: a.instalments[a.next]!.amountCents });
      }
    }
    await sleep(20);
  }
}

async function events(client: Client, workflowId: string): Promise<number[]> {
  const runs: number[] = [];
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) ids.push(w.runId);
  for (const runId of ids.reverse()) runs.push((await client.workflow.getHandle(workflowId, runId).fetchHistory()).events?.length ?? 0);
  return runs;
}

export async function historyLengths(label: string, db: Db, client: Client): Promise<Row[]> {
  const rows: Row[] = [];
  say(`${label}: the standard ladder end to end, and arrangements of 6 and 12 months...`);
  for (const d of [arrangementDefinition('bench-arrangement-month', 'P1M'), arrangementDefinition('bench-arrangement-week', 'P1W')]) {
    await insertVersion(db, DefinitionSchema.parse(d), 'bench', 'benchmark').catch(() => undefined);
  }
  const ladder = (await prepareCases(db, client, { variant: 'interpreter', definition: { id: 'standard-ladder', body: DefinitionSchema.parse(standardLadder) }, count: 1, timeScale: 86_400 * 40 }))[0]!;
  await ladder.start();
  await drive(client, ladder.workflowId);
  const l = await events(client, ladder.workflowId);
  rows.push({ name: `${label}: history events, standard ladder to eviction`, value: l.reduce((a, b) => a + b, 0), unit: 'events', note: `runs: ${l.join(' + ')}` });

  for (const [id, interval, instalments, scale] of [
    ['bench-arrangement-month', 'P1M', 6, 86_400 * 20],
    ['bench-arrangement-week', 'P1W', 52, 86_400 * 5],
  ] as const) {
    const body = DefinitionSchema.parse(arrangementDefinition(id, interval));
    const c = (await prepareCases(db, client, { variant: 'interpreter', definition: { id, body }, count: 1, timeScale: scale }))[0]!;
    await c.start();
    await drive(client, c.workflowId, { instalmentCents: Math.ceil(75_000 / instalments), instalments, interval });
    const e = await events(client, c.workflowId);
    rows.push({
      name: `${label}: history events, ${instalments === 6 ? '6-month (monthly)' : '12-month (weekly)'} arrangement`,
      value: e.reduce((a, b) => a + b, 0),
      unit: 'events',
      note: `per run: ${e.join(' + ')}${instalments === 6 ? '; goal ≤ 600' : ''}`,
    });
  }
  return rows;
}
