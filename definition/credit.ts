// A credit: what a tenant paid beyond the balance. The balance stops at zero; the excess is
// owed back, so a person in finance refunds it or settles it against the next rent. The case
// does not wait for that (it may have closed as paid meanwhile): the task is the server's,
// completed without the workflow.
import type { Field } from './schema.ts';

export const CREDIT_TASK_KIND = 'credit-settlement';

export const creditTaskOutcomes: Array<{ id: 'refunded' | 'settled'; label: string; fields: Field[] }> = [
  { id: 'refunded', label: 'Teruggestort aan de huurder', fields: [{ id: 'note', label: 'Toelichting', type: 'longtext', required: false }] },
  { id: 'settled', label: 'Verrekend met de volgende huur', fields: [{ id: 'note', label: 'Toelichting', type: 'longtext', required: false }] },
];

/** Task kinds the case's workflow does not wait on: the server completes them alone. */
export const serverTaskKinds: readonly string[] = [CREDIT_TASK_KIND];
