// A process that reaches an eviction notice with every legal requirement met at run time, and a
// case worked through it by staff: what the policy hold tests stop.
import type { DefinitionInput } from '../../definition/schema.ts';
import { complete, openTask } from './cases.ts';
import { preconditionsThen } from './definitions.ts';
import { daysPerSecond, type Harness } from './harness.ts';

/** Every precondition, the household assessment, the claim, the judgment and then the eviction notice. */
export function toEviction(id: string): DefinitionInput {
  return {
    id,
    name: 'Naar de aanzegging',
    steps: [
      ...preconditionsThen('assess'),
      {
        id: 'assess',
        name: 'Gezinssituatie beoordelen',
        kind: 'task',
        task: 'assessment',
        role: 'team-lead',
        outcomes: [{ id: 'proceed', label: 'Beoordeeld: doorgaan', meaning: 'household-assessed', fields: [] }],
        next: { proceed: 'claim' },
      },
      { id: 'claim', name: 'Dagvaarding', kind: 'handover', partner: 'bailiff', purpose: 'court-claim', next: { accepted: 'judgment', refused: 'stopped' } },
      {
        id: 'judgment',
        name: 'Vonnis vastleggen',
        kind: 'task',
        task: 'court-judgment',
        role: 'team-lead',
        outcomes: [{ id: 'granted', label: 'Toegewezen', meaning: 'judgment-granted', fields: [] }],
        next: { granted: 'eviction' },
      },
      { id: 'eviction', name: 'Aanzegging tot ontruiming', kind: 'handover', partner: 'bailiff', purpose: 'eviction-notice', next: { accepted: 'evicted', refused: 'stopped' } },
      { id: 'evicted', name: 'Ontruimd', kind: 'end', outcome: 'evicted' },
    ],
  };
}

/** A case on `definitionId`, worked by staff (sanne, mark) up to its eviction step, the judgment recorded last. */
export async function caseToEviction(h: Harness, definitionId: string, minors: boolean) {
  const [sanne, mark] = await Promise.all([h.as('sanne'), h.as('mark')]);
  const c = await h.openCase(sanne, {
    definitionId,
    timeScale: daysPerSecond(1),
    tenancy: { reference: `T-${crypto.randomUUID().slice(0, 8)}`, street: 'Teststraat 1', postalCode: '1234 AB', city: 'Utrecht', minorsInHousehold: minors },
  });
  await complete(sanne, (await openTask(h, c.id, 'call')).id, 'reached');
  await complete(mark, (await openTask(h, c.id, 'assess')).id, 'proceed');
  await complete(mark, (await openTask(h, c.id, 'judgment')).id, 'granted');
  return c;
}
