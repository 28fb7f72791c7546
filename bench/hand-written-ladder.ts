// The baseline for the interpreter's overhead: the bench ladder written by hand as a plain
// Temporal workflow, calling the same activities with the same inputs and keys and keeping
// the same search attributes, as a programmer would without a definition language.
// (Since handovers are delivered through partner adapters, it delivers one too; since messages
// wait for the message hours, its messages wait too, on the same business clock.)
import { patched, proxyActivities, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { CaseActivities, CaseProgress, PassedStep } from '../activities/contracts.ts';
import type { Channel } from '../definition/catalog.ts';
import { nextMessageMoment, type MessageHours } from '../definition/message-hours.ts';
import type { StepKind } from '../definition/schema.ts';
import { ReadModelWrites } from '../workflows/read-model-writes.ts';
import { CaseStep, CaseWaitingOn } from '../workflows/search-attributes.ts';

// The same activities as the interpreter: sending as a regular activity, the read model's
// writes batched behind the commit (workflows/read-model-writes.ts), not waited for.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
const { sendMessage, deliverHandover, applyWrites } = proxyActivities<Pick<CaseActivities, 'sendMessage' | 'deliverHandover' | 'applyWrites'>>({ startToCloseTimeout: '10 seconds', retry });

export type HandWrittenInput = { caseId: string; timeScale: number; arrearsCents: number; dueDate: string; businessStart: string; messageHours: MessageHours; waitMs: number };

export async function handWrittenLadder(input: HandWrittenInput): Promise<{ outcome: string }> {
  const { caseId } = input;
  const writes = new ReadModelWrites(caseId, applyWrites);
  const acts = {
    sendMessage,
    deliverHandover,
    recordStep: (i: Parameters<CaseActivities['recordStep']>[0]) => writes.add({ op: 'recordStep', input: i }),
    recordHandover: (i: Parameters<CaseActivities['recordHandover']>[0]) => writes.add({ op: 'recordHandover', input: i }),
    closeCase: (i: Parameters<CaseActivities['closeCase']>[0]) => writes.add({ op: 'closeCase', input: i }),
  };
  const start = Date.now();
  const businessStart = Date.parse(input.businessStart);
  const business = () => businessStart + (Date.now() - start) * input.timeScale;
  const at = () => new Date(business()).toISOString();
  let visit = 0;
  let previous: { stepId: string; outcome: string } | undefined;
  let passed: PassedStep[] = [];

  function announce(stepId: string, waitingOn: string) {
    visit++;
    upsertSearchAttributes([
      { key: CaseStep, value: stepId },
      { key: CaseWaitingOn, value: waitingOn },
    ]);
  }
  // Start and end write nothing of their own: their rows go with the next write, as in the interpreter.
  function pass(stepId: string, stepName: string, stepKind: StepKind, waitingOn: string) {
    announce(stepId, waitingOn);
    passed.push({ key: `${caseId}:${visit}:enter`, visit, at: at(), stepId, stepName, stepKind, ...(previous ? { previous } : {}) });
  }
  async function enter(stepId: string, stepName: string, stepKind: StepKind, waitingOn: string) {
    announce(stepId, waitingOn);
    const progress: CaseProgress = { stepId, stepName, stepKind, balanceCents: input.arrearsCents, status: 'active', waitingOn };
    const taken = passed;
    passed = [];
    acts.recordStep({ caseId, key: `${caseId}:${visit}:enter`, visit, at: at(), progress, previous, passed: taken });
  }
  async function message(stepId: string, name: string, channel: Channel, templateId: string) {
    await enter(stepId, name, 'communicate', 'engine');
    const allowed = nextMessageMoment(channel, business(), input.messageHours);
    if (allowed > business() && patched('quiet-hours')) await sleep(Math.ceil((allowed - business()) / input.timeScale));
    const r = await acts.sendMessage({ caseId, key: `${caseId}:${visit}`, stepId, channel, templateId, purpose: 'reminder', at: at(), variables: { amountCents: input.arrearsCents, dueDate: input.dueDate } });
    previous = { stepId, outcome: r.status };
  }
  async function wait(stepId: string, name: string) {
    await enter(stepId, name, 'wait', 'tenant');
    await sleep(input.waitMs / input.timeScale);
    previous = { stepId, outcome: 'elapsed' };
  }

  pass('start', 'Start', 'start', 'engine');
  previous = { stepId: 'start', outcome: 'next' };
  await message('letter', 'Herinnering', 'letter', 'betalingsherinnering');
  await wait('wait-1', 'Wacht 1');
  await message('whatsapp', 'WhatsApp', 'whatsapp', 'whatsapp-betaallink');
  await wait('wait-2', 'Wacht 2');
  await message('sms', 'SMS', 'sms', 'sms-herinnering');
  await wait('wait-3', 'Wacht 3');
  await message('email', 'E-mail', 'email', 'herinnering-email');
  await wait('wait-4', 'Wacht 4');
  await enter('debt-help', 'Schuldhulp', 'handover', 'engine');
  const handoverId = `${caseId}:${visit}:handover`;
  acts.recordHandover({ caseId, handoverId, stepId: 'debt-help', partner: 'debt-help', arrearsCents: input.arrearsCents, at: at(), awaitsResponse: false });
  // Deployed beside running cases, the delivery needs the same patch marker as the interpreter's.
  if (patched('deliver-handover')) await acts.deliverHandover({ caseId, handoverId });
  previous = { stepId: 'debt-help', outcome: 'accepted' };
  await wait('wait-5', 'Wacht 5');
  await message('final-letter', 'Laatste brief', 'letter', 'veertiendagenbrief');
  pass('end', 'Einde', 'end', 'none');
  acts.closeCase({ caseId, key: `${caseId}:closed`, outcome: 'handed-over', balanceCents: input.arrearsCents, stepId: 'end', at: at(), passed });
  await writes.settled();
  return { outcome: 'handed-over' };
}
