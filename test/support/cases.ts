// Acting on cases the way staff do, through the API, and reading what a user would see.
import type { Api, Harness } from './harness.ts';
import { waitFor } from './harness.ts';

export async function openTask(h: Pick<Harness, 'pool'>, caseId: string, stepId: string, timeoutMs = 30_000) {
  return await waitFor(`an open task at ${stepId}`, async () => {
    const r = await h.pool.query<{ id: string; role: string }>(`SELECT id, role FROM tasks WHERE case_id = $1 AND step_id = $2 AND status = 'open' ORDER BY opened_at DESC LIMIT 1`, [caseId, stepId]);
    return r.rows[0];
  }, timeoutMs);
}

export async function complete(api: Api, taskId: string, outcome: string, fields: Record<string, unknown> = {}) {
  const res = await api.post(`/api/tasks/${encodeURIComponent(taskId)}/complete`, { outcome, fields });
  if (res.status !== 200) throw new Error(`completing ${taskId} with ${outcome} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function atStep(h: Pick<Harness, 'pool'>, caseId: string, stepId: string, timeoutMs = 30_000) {
  return await waitFor(`case at ${stepId}`, async () => {
    const r = await h.pool.query<{ current_step: string }>(`SELECT current_step FROM cases WHERE id = $1`, [caseId]);
    return r.rows[0]?.current_step === stepId ? true : undefined;
  }, timeoutMs);
}

export async function closedWith(h: Pick<Harness, 'pool'>, caseId: string, timeoutMs = 60_000) {
  return await waitFor(`case ${caseId} closed`, async () => {
    const r = await h.pool.query<{ status: string; outcome: string; balance_cents: number }>(`SELECT status, outcome, balance_cents FROM cases WHERE id = $1`, [caseId]);
    return r.rows[0]?.status === 'closed' ? r.rows[0] : undefined;
  }, timeoutMs);
}

export async function messages(h: Pick<Harness, 'pool'>, caseId: string) {
  const r = await h.pool.query<{ key: string; step_id: string; channel: string; purpose: string; status: string; body: string; business_at: Date }>(
    `SELECT key, step_id, channel, purpose, status, body, business_at FROM outbox WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
  return r.rows;
}

export async function timeline(h: Pick<Harness, 'pool'>, caseId: string) {
  const r = await h.pool.query<{ type: string; step_id: string | null; at: Date; data: any }>(`SELECT type, step_id, at, data FROM case_events WHERE case_id = $1 ORDER BY id`, [caseId]);
  return r.rows;
}

export async function stepsTaken(h: Pick<Harness, 'pool'>, caseId: string) {
  return (await timeline(h, caseId)).filter((e) => e.type === 'step').map((e) => e.step_id!);
}
