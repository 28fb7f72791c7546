// One run of a seasonal campaign (the prevention campaign workflow's activities call these):
// which month it looks back to, and a chunk of prevention processes opened at a time. A tenancy
// is opened once per run, so a retried chunk or a second trigger the same day opens nothing twice.
import { AppError } from '../errors.ts';
import type { CaseDeps } from '../cases/service.ts';
import { startCase } from '../cases/open-case.ts';
import { latestVersion } from '../definitions/repository.ts';
import { purposeOf, signalsOf } from '../../definition/prevention.ts';
import { ContactPreferenceSchema } from '../../definition/contact-preference.ts';
import { beginRun, campaignTenancies, getCampaign, getRun, type CampaignRun } from './campaigns-repository.ts';

export const CAMPAIGN_ACTOR = { userId: 'system:prevention-campaign', roles: ['collection-manager' as const] };

/** The month `behindMonth` the last time it ended before `runDate` (YYYY-MM-DD): [from, until). */
export function behindWindow(runDate: string, behindMonth: number): { behindFrom: string; behindUntil: string } {
  const [year, month] = runDate.split('-').map(Number) as [number, number];
  const y = behindMonth < month ? year : year - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const next = behindMonth === 12 ? `${y + 1}-01-01` : `${y}-${pad(behindMonth + 1)}-01`;
  return { behindFrom: `${y}-${pad(behindMonth)}-01`, behindUntil: next };
}

export async function startCampaignRun(deps: CaseDeps, campaignId: string, runDate: string): Promise<CampaignRun> {
  const campaign = await getCampaign(deps.pool, campaignId);
  if (!campaign) throw new AppError('not-found', `no prevention campaign "${campaignId}"`);
  return await beginRun(deps.pool, { runKey: `${campaignId}:${runDate}`, campaignId, runDate, ...behindWindow(runDate, campaign.behindMonth) });
}

/** Opens up to `size` prevention processes; `more` while tenancies may be left. */
export async function openCampaignChunk(deps: CaseDeps, runKey: string, size: number): Promise<{ opened: number; skipped: string[]; more: boolean }> {
  const run = await getRun(deps.pool, runKey);
  if (!run) throw new AppError('not-found', `no campaign run ${runKey}`);
  const campaign = await getCampaign(deps.pool, run.campaignId);
  const definition = campaign && (await latestVersion(deps.pool, campaign.definitionId));
  if (!definition || purposeOf(definition.body) !== 'prevention' || !signalsOf(definition.body).includes('seasonal')) return { opened: 0, skipped: [], more: false };
  let opened = 0;
  const skipped: string[] = [];
  const tenancies = await campaignTenancies(deps.pool, run, size);
  for (const t of tenancies) {
    const preferred = ContactPreferenceSchema.safeParse(t.preferred_channel);
    try {
      await startCase(
        deps,
        {
          tenancy: {
            reference: t.reference,
            street: t.street,
            postalCode: t.postal_code,
            city: t.city,
            ...(t.monthly_rent_cents !== null ? { monthlyRentCents: t.monthly_rent_cents } : {}),
            ...(t.minors_in_household !== null ? { minorsInHousehold: t.minors_in_household } : {}),
          },
          tenant: { name: t.name, ...(t.email ? { email: t.email } : {}), ...(t.phone ? { phone: t.phone } : {}), ...(preferred.success ? { preferredChannel: preferred.data } : {}) },
          arrearsCents: 0,
          dueDate: run.runDate,
          definitionId: definition.id,
          riskSignal: 'seasonal',
        },
        CAMPAIGN_ACTOR,
        definition,
        { campaignRun: runKey },
      );
      opened++;
    } catch (err) {
      // A case opened for the tenancy meanwhile (the intake, a person): it is spoken to already.
      if (err instanceof AppError && err.code === 'conflict') skipped.push(t.reference);
      else throw err;
    }
  }
  return { opened, skipped, more: tenancies.length === size };
}
