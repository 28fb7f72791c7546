// SQL for the seasonal prevention campaigns and their runs (migration 027).
import type { Queryable } from '../db/pool.ts';
import type { CampaignInput } from './schemas.ts';

export type Campaign = CampaignInput & { id: string; createdBy: string; updatedAt: string };
export type CampaignRun = { runKey: string; campaignId: string; runDate: string; behindFrom: string; behindUntil: string; opened: number; status: 'running' | 'done'; startedAt: string; finishedAt: string | null };

type CampaignRow = { id: string; name: string; definition_id: string; run_month: number; run_day: number; behind_month: number; active: boolean; created_by: string; updated_at: Date };
const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  name: r.name,
  definitionId: r.definition_id,
  runMonth: r.run_month,
  runDay: r.run_day,
  behindMonth: r.behind_month,
  active: r.active,
  createdBy: r.created_by,
  updatedAt: r.updated_at.toISOString(),
});

export async function getCampaign(q: Queryable, id: string): Promise<Campaign | undefined> {
  const r = await q.query<CampaignRow>(`SELECT * FROM prevention_campaigns WHERE id = $1`, [id]);
  return r.rows[0] ? toCampaign(r.rows[0]) : undefined;
}

export async function listCampaigns(q: Queryable): Promise<Campaign[]> {
  const r = await q.query<CampaignRow>(`SELECT * FROM prevention_campaigns ORDER BY run_month, run_day, id`);
  return r.rows.map(toCampaign);
}

export async function saveCampaign(q: Queryable, id: string, c: CampaignInput, by: string): Promise<Campaign> {
  const r = await q.query<CampaignRow>(
    `INSERT INTO prevention_campaigns (id, name, definition_id, run_month, run_day, behind_month, active, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     ON CONFLICT (id) DO UPDATE SET name = $2, definition_id = $3, run_month = $4, run_day = $5, behind_month = $6, active = $7, updated_at = now()
     RETURNING *`,
    [id, c.name, c.definitionId, c.runMonth, c.runDay, c.behindMonth, c.active, by],
  );
  return toCampaign(r.rows[0]!);
}

export async function deleteCampaign(q: Queryable, id: string): Promise<boolean> {
  return ((await q.query(`DELETE FROM prevention_campaigns WHERE id = $1`, [id])).rowCount ?? 0) > 0;
}

type RunRow = { run_key: string; campaign_id: string; run_date: string; behind_from: string; behind_until: string; opened: number; status: 'running' | 'done'; started_at: Date; finished_at: Date | null };
const RUN_COLUMNS = `run_key, campaign_id, to_char(run_date, 'YYYY-MM-DD') AS run_date, to_char(behind_from, 'YYYY-MM-DD') AS behind_from,
  to_char(behind_until, 'YYYY-MM-DD') AS behind_until, opened, status, started_at, finished_at`;
const toRun = (r: RunRow): CampaignRun => ({
  runKey: r.run_key,
  campaignId: r.campaign_id,
  runDate: r.run_date,
  behindFrom: r.behind_from,
  behindUntil: r.behind_until,
  opened: r.opened,
  status: r.status,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/** The run of a campaign on a day, made on first asking: a retried or re-triggered run is the same run. */
export async function beginRun(q: Queryable, run: { runKey: string; campaignId: string; runDate: string; behindFrom: string; behindUntil: string }): Promise<CampaignRun> {
  await q.query(
    `INSERT INTO prevention_campaign_runs (run_key, campaign_id, run_date, behind_from, behind_until) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (run_key) DO NOTHING`,
    [run.runKey, run.campaignId, run.runDate, run.behindFrom, run.behindUntil],
  );
  return (await getRun(q, run.runKey))!;
}

export async function getRun(q: Queryable, runKey: string): Promise<CampaignRun | undefined> {
  const r = await q.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM prevention_campaign_runs WHERE run_key = $1`, [runKey]);
  return r.rows[0] ? toRun(r.rows[0]) : undefined;
}

export async function runsOf(q: Queryable, campaignId: string): Promise<CampaignRun[]> {
  const r = await q.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM prevention_campaign_runs WHERE campaign_id = $1 ORDER BY run_date DESC LIMIT 20`, [campaignId]);
  return r.rows.map(toRun);
}

export async function finishCampaignRun(q: Queryable, runKey: string): Promise<CampaignRun> {
  await q.query(
    `UPDATE prevention_campaign_runs SET status = 'done', finished_at = COALESCE(finished_at, now()),
       opened = (SELECT count(*) FROM cases WHERE campaign_run = $1) WHERE run_key = $1`,
    [runKey],
  );
  return (await getRun(q, runKey))!;
}

/**
 * Tenancies whose arrears began in the window, with the contact data a prevention process opens
 * with: not anonymised, nothing open now (a tenancy in arrears or in prevention is already being
 * spoken to), not opened by this run before.
 */
export async function campaignTenancies(q: Queryable, run: CampaignRun, limit: number) {
  const r = await q.query<{
    reference: string; street: string; postal_code: string; city: string; monthly_rent_cents: number | null; minors_in_household: boolean | null;
    name: string; email: string | null; phone: string | null; preferred_channel: string | null;
  }>(
    `SELECT y.reference, y.street, y.postal_code, y.city, y.monthly_rent_cents, y.minors_in_household, t.name, t.email, t.phone, t.preferred_channel
     FROM tenancies y JOIN tenants t ON t.id = y.tenant_id
     WHERE t.anonymised_at IS NULL
       AND EXISTS (SELECT 1 FROM cases c WHERE c.tenancy_id = y.id AND c.purpose = 'arrears' AND NOT c.dry_run AND c.due_date >= $1 AND c.due_date < $2)
       AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenancy_id = y.id AND NOT c.dry_run AND (c.status <> 'closed' OR c.campaign_run = $3))
     ORDER BY y.reference LIMIT $4`,
    [run.behindFrom, run.behindUntil, run.runKey, limit],
  );
  return r.rows;
}
