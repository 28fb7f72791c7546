// What staff and tenants do to the chaos run's cases while the faults happen: cases opened on
// the standard ladder at a time scale, payments arriving (some sent twice under the same
// reference), pauses and resumes, phone calls completed. Each case follows one plan, so the
// state it must end in is known. Everything goes through the API, as it would in production.
import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/pool.ts';
import { caseBusinessNow } from '../server/tasks/repository.ts';
import type { StaffClient } from './staff-client.ts';

export const plans = ['pays-in-full', 'pays-in-parts', 'pays-part', 'pauses', 'ladder'] as const;
export type Plan = (typeof plans)[number];

export const ARREARS_CENTS = 80_000;

/** Where a case of each plan ends up: closed as paid, or waiting at a task. */
export const expectedEnd: Record<Plan, { status: 'closed'; outcome: string } | { step: string }> = {
  'pays-in-full': { status: 'closed', outcome: 'paid' },
  'pays-in-parts': { status: 'closed', outcome: 'paid' },
  'pays-part': { step: 'home-visit' },
  pauses: { step: 'home-visit' },
  ladder: { step: 'phone-call' },
};

export type ChaosCase = { id: string; workflowId: string; reference: string; plan: Plan };
export type Acknowledged = { reference: string; caseId: string; amountCents: number };

type Step = 'after-reminder' | 'resume' | 'phone-call' | 'aftercare-call';

/** The actions each plan takes, in order; each waits for its moment (a letter sent, a task open). */
const actions: Record<Plan, Step[]> = {
  'pays-in-full': ['after-reminder', 'aftercare-call'],
  'pays-in-parts': ['after-reminder', 'aftercare-call'],
  'pays-part': ['after-reminder', 'phone-call'],
  pauses: ['after-reminder', 'resume', 'phone-call'],
  ladder: [],
};

export class Workload {
  readonly cases: ChaosCase[] = [];
  /** Payments the API acknowledged, by reference. */
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Task completions the API acknowledged: they must have moved their case on. */
  readonly completedTasks: Array<{ taskId: string; caseId: string; stepId: string }> = [];
  private readonly next = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly pausedAt = new Map<string, number>();
  private inFlight = 0;

  constructor(
    private readonly o: { api: StaffClient; approver: StaffClient; pool: Db; timeScale: number; businessStart: () => string; concurrency: number; log: (line: string) => void },
  ) {}

  /** Opens `count` cases, the plans in turn, `concurrency` at a time. */
  async open(count: number): Promise<void> {
    let i = 0;
    const opener = async () => {
      while (i < count) {
        const n = i++;
        this.cases.push(await this.openOne(n, plans[n % plans.length]!));
        if (this.cases.length % 500 === 0) this.o.log(`${this.cases.length} of ${count} cases open`);
      }
    };
    await Promise.all(Array.from({ length: this.o.concurrency }, opener));
  }

  private async openOne(n: number, plan: Plan): Promise<ChaosCase> {
    const reference = `CHAOS-${n}-${randomUUID().slice(0, 8).toUpperCase()}`;
    const res = await this.o.api.post(
      '/api/cases',
      {
        tenancy: { reference, street: `Chaosstraat ${n}`, postalCode: '3011 AB', city: 'Rotterdam', minorsInHousehold: false },
        tenant: { name: `Huurder ${n}`, phone: `+316${String(10_000_000 + n).slice(-8)}`, email: `huurder${n}@example.nl` },
        arrearsCents: ARREARS_CENTS,
        dueDate: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
        businessStart: this.o.businessStart(),
        timeScale: this.o.timeScale,
      },
      'open a case',
    );
    if (res.status === 201) return { id: res.body.case.id, workflowId: res.body.case.workflowId, reference, plan };
    // A 503 whose case did open after all: the retry finds the tenancy's case open.
    if (res.status === 409) {
      const found = await this.o.pool.query<{ id: string; workflow_id: string }>(
        `SELECT c.id, c.workflow_id FROM cases c JOIN tenancies t ON t.id = c.tenancy_id WHERE t.reference = $1 AND c.status <> 'closed'`,
        [reference],
      );
      if (found.rows[0]) return { id: found.rows[0].id, workflowId: found.rows[0].workflow_id, reference, plan };
    }
    throw new Error(`opening case ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /** Whether every case has taken every action of its plan. */
  done(): boolean {
    return this.cases.every((c) => (this.next.get(c.id) ?? 0) >= actions[c.plan].length) && this.inFlight === 0;
  }

  /** One look at the read model, and the actions that are due now started (not awaited). */
  async tick(): Promise<void> {
    const waiting = this.cases.filter((c) => !this.busy.has(c.id) && (this.next.get(c.id) ?? 0) < actions[c.plan].length);
    if (waiting.length === 0) return;
    const ids = waiting.map((c) => c.id);
    const [letters, tasks, paused, closed] = await Promise.all([
      this.o.pool.query<{ case_id: string }>(`SELECT DISTINCT case_id FROM outbox WHERE step_id = 'reminder-letter' AND case_id = ANY($1)`, [ids]),
      this.o.pool.query<{ id: string; case_id: string; step_id: string }>(`SELECT id, case_id, step_id FROM tasks WHERE status = 'open' AND case_id = ANY($1)`, [ids]),
      this.o.pool.query<{ id: string }>(`SELECT id FROM cases WHERE status = 'paused' AND id = ANY($1)`, [ids]),
      this.o.pool.query<{ id: string }>(`SELECT id FROM cases WHERE status = 'closed' AND id = ANY($1)`, [ids]),
    ]);
    // A case that closed without the rest of its staff's part (a task closed by its deadline
    // while a worker was down, say) has nothing left to act on.
    const closedNow = new Set(closed.rows.map((r) => r.id));
    for (const c of waiting) if (closedNow.has(c.id)) this.next.set(c.id, actions[c.plan].length);
    const lettered = new Set(letters.rows.map((r) => r.case_id));
    const pausedNow = new Set(paused.rows.map((r) => r.id));
    for (const c of waiting) {
      if (this.inFlight >= this.o.concurrency) return;
      if (closedNow.has(c.id)) continue;
      const step = actions[c.plan][this.next.get(c.id) ?? 0]!;
      let action: (() => Promise<void>) | undefined;
      if (step === 'after-reminder' && lettered.has(c.id)) action = () => this.afterReminder(c);
      // A pause stays a few seconds (days of the case's time) before staff resume it.
      if (step === 'resume' && pausedNow.has(c.id) && Date.now() - (this.pausedAt.get(c.id) ?? 0) > 3000) action = () => this.resume(c);
      const task = tasks.rows.find((t) => t.case_id === c.id && t.step_id === step);
      if (task) action = () => this.complete(c, task.id, step);
      if (!action) continue;
      this.busy.add(c.id);
      this.inFlight++;
      const run = action;
      void run()
        .then(() => this.next.set(c.id, (this.next.get(c.id) ?? 0) + 1))
        .catch((err: Error) => this.o.log(`case ${c.reference}: ${err.message}`))
        .finally(() => {
          this.busy.delete(c.id);
          this.inFlight--;
        });
    }
  }

  private async pay(c: ChaosCase, part: number, amountCents: number, twice: boolean) {
    const reference = `BANK-${c.reference}-${part}`;
    for (let attempt = 0; attempt < (twice ? 2 : 1); attempt++) {
      let res = await this.o.api.post(`/api/cases/${c.id}/payments`, { reason: 'overboeking gezien in de bank', reference, amountCents }, 'register a payment');
      // Above the approval threshold a second person approves it (again, when sent twice: the approver's retry).
      if (res.status === 202) res = await this.o.approver.post(`/api/payment-requests/${res.body.request.id}/approve`, {}, 'approve a payment');
      if (res.status !== 200) throw new Error(`payment ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
      this.acknowledged.set(reference, { reference, caseId: c.id, amountCents });
    }
  }

  private async afterReminder(c: ChaosCase) {
    if (c.plan === 'pays-in-full') await this.pay(c, 1, ARREARS_CENTS, true);
    if (c.plan === 'pays-in-parts') {
      await this.pay(c, 1, 30_000, false);
      await this.pay(c, 2, ARREARS_CENTS - 30_000, true);
    }
    if (c.plan === 'pays-part') await this.pay(c, 1, 30_000, true);
    if (c.plan === 'pauses') {
      // A review date far after the case's own today: its clock runs days a second ahead, and
      // the request may wait out an outage before it arrives.
      const today = Date.parse(await caseBusinessNow(this.o.pool, c.id));
      const reviewDate = new Date(today + 3650 * 86_400_000).toISOString().slice(0, 10);
      const res = await this.o.api.post(`/api/cases/${c.id}/pause`, { reason: 'Huurder is bij schuldhulp aangemeld.', reviewDate }, 'pause a case');
      // A 409 "already paused" after a 503: the first attempt was applied, its answer lost.
      if (res.status !== 200 && !(res.status === 409 && (await this.becomes(c, 'paused')))) throw new Error(`pause: ${res.status} ${JSON.stringify(res.body)}`);
      this.pausedAt.set(c.id, Date.now());
    }
  }

  private async resume(c: ChaosCase) {
    const res = await this.o.api.post(`/api/cases/${c.id}/resume`, { note: 'Schuldhulp heeft contact; de zaak gaat verder.' }, 'resume a case');
    if (res.status !== 200 && !(res.status === 409 && (await this.becomes(c, 'active')))) throw new Error(`resume: ${res.status} ${JSON.stringify(res.body)}`);
  }

  private async taskCloses(taskId: string): Promise<boolean> {
    return await this.withinAMinute(async () => (await this.o.pool.query(`SELECT 1 FROM tasks WHERE id = $1 AND status = 'open'`, [taskId])).rowCount === 0);
  }

  /**
   * Whether the read model shows the case in `status` within a minute. The read model follows
   * the workflow: after a 503 whose request was applied all the same, its write may still be on
   * its way (retried once the worker that died with it is replaced), so a look at once can miss it.
   */
  private async becomes(c: ChaosCase, status: string): Promise<boolean> {
    return await this.withinAMinute(async () => (await this.o.pool.query<{ status: string }>(`SELECT status FROM cases WHERE id = $1`, [c.id])).rows[0]?.status === status);
  }

  private async withinAMinute(holds: () => Promise<boolean>): Promise<boolean> {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) if (await holds().catch(() => false)) return true;
    return false;
  }

  private async complete(c: ChaosCase, taskId: string, step: Step) {
    const [outcome, fields] =
      step === 'aftercare-call' ? ['talked', { note: 'Gaat goed.' }] : c.plan === 'pays-part' ? ['reached', { note: 'Betaalt de rest volgende week.' }] : ['not-reached', {}];
    const res = await this.o.api.post(`/api/tasks/${taskId}/complete`, { outcome, fields }, 'complete a task');
    if (res.status === 200) {
      this.completedTasks.push({ taskId, caseId: c.id, stepId: step });
      return;
    }
    // Completed by an earlier attempt whose answer was lost (perhaps still being applied), or
    // (aftercare) closed by its deadline: the read model shows it closed within a minute.
    if (res.status === 409 && (await this.taskCloses(taskId))) return;
    throw new Error(`task ${step}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
