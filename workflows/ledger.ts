// What the rent ledger tells a running case (server/intake/): new rent fallen due raises the
// balance, recorded as rent due (never as a negative payment), once per reference; a ledger at
// zero while the case still shows arrears is not trusted blindly, nor ignored: it becomes a task
// for a person to check (a payment the engine has not seen, or a booking error in the ledger).
// Both are new messages: a history from before them never holds one, so replay is unchanged.
import { setHandler } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/contracts.ts';
import { formatEuro } from '../definition/templates.ts';
import { recordCaseEvent } from './case-events.ts';
import type { CaseState } from './case-state.ts';
import { ledgerClearedUpdate, LedgerClearedSchema, RentDueSchema, rentDueUpdate, type Ack } from './messages.ts';
import { parseOrRefuse as parse, refusal, whileOpen } from './refusal.ts';
import { upsertStatus } from './status.ts';
import { openTenantTask } from './tenant-requests.ts';

type Answered = <A extends unknown[], R>(handler: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/** References of the ledger messages this case applied; kept short, as payments' are. */
const seen = (s: CaseState) => (s.data.ledgerRefs ??= []);
const remember = (s: CaseState, reference: string) => {
  const refs = seen(s);
  refs.push(reference);
  if (refs.length > 500) refs.splice(0, refs.length - 500);
};

export function registerLedgerHandlers(s: CaseState, acts: CaseActivities, answered: Answered) {
  const d = s.data;
  const ack = (): Ack => ({ ok: true, balanceCents: d.balanceCents, paused: d.paused !== null });

  setHandler(
    rentDueUpdate,
    answered(async (raw) => {
      const input = parse(RentDueSchema, raw);
      if (seen(s).includes(input.reference)) return ack();
      remember(s, input.reference);
      d.balanceCents += input.amountCents;
      upsertStatus(s);
      await recordCaseEvent(s, acts, 'rent-due', input.actor.userId, { amountCents: input.amountCents, ledgerArrearsCents: input.ledgerArrearsCents, asOf: input.asOf }, { balance: s.balancePatch() });
      return ack();
    }),
    {
      validator: (raw) => {
        const input = parse(RentDueSchema, raw);
        if (seen(s).includes(input.reference)) return;
        whileOpen(s);
        // Settled arrears leave the ladder for good; new arrears then wait for a case of their own.
        if (d.phase !== 'ladder') throw refusal('conflict', 'the arrears of this case are settled (it is in aftercare); new rent due waits for a new case');
      },
    },
  );

  setHandler(
    ledgerClearedUpdate,
    answered(async (raw) => {
      const input = parse(LedgerClearedSchema, raw);
      if (seen(s).includes(input.reference)) return ack();
      remember(s, input.reference);
      await recordCaseEvent(s, acts, 'ledger-cleared', input.actor.userId, { asOf: input.asOf, balanceCents: d.balanceCents });
      await openTenantTask(s, acts, 'ledger-check', d.eventSeq, `Het grootboek van ${input.asOf} staat op nul; deze zaak toont nog ${formatEuro(d.balanceCents)} achterstand.`);
      return ack();
    }),
    {
      validator: (raw) => {
        const input = parse(LedgerClearedSchema, raw);
        if (!seen(s).includes(input.reference)) whileOpen(s);
      },
    },
  );
}
