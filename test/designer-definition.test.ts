// The designer's pure modules in definition/: the version diff, the layout input, the
// plain-language hints, readable conditions, and what a dry run's simulated people answer.
import { describe, expect, test } from 'vitest';
import { planProblems } from '../definition/arrangement.ts';
import { describeCondition, outcomeLabel, stepSummary } from '../definition/describe.ts';
import { diffDefinitions, isEmptyDiff } from '../definition/diff.ts';
import { chooseTaskOutcome, dryRunPlan, type DryRunBehaviour } from '../definition/dry-run.ts';
import { outcomeFields } from '../definition/forms.ts';
import { handleFraction, layoutGraph, nodeSize } from '../definition/layout-input.ts';
import { plainLanguageReport } from '../definition/plain-language.ts';
import { DefinitionSchema, type Definition, type Step, type StepOf } from '../definition/schema.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';

const ladder: Definition = DefinitionSchema.parse(standardLadder);
const steps = new Map<string, Step>(ladder.steps.map((s) => [s.id, s]));
const step = <K extends Step['kind']>(id: string) => steps.get(id) as StepOf<K>;
const clone = (): Definition => structuredClone(ladder);

describe('version diff', () => {
  test('a definition compared with itself, moved around, has no changes', () => {
    const moved = clone();
    moved.steps.forEach((s, i) => (s.position = { x: i * 10, y: i * 20 }));
    expect(isEmptyDiff(diffDefinitions(ladder, moved))).toBe(true);
  });

  test('names added, removed and changed steps, and the wires that moved', () => {
    const next = clone();
    next.steps = next.steps.filter((s) => s.id !== 'wait-for-promise');
    const call = next.steps.find((s) => s.id === 'phone-call') as StepOf<'task'>;
    call.next.reached = 'sms';
    next.steps.push({ id: 'sms', name: 'SMS na gesprek', kind: 'communicate', channel: 'sms', template: 'sms-herinnering', purpose: 'reminder', offersMunicipalitySignal: false, next: { sent: 'home-visit', failed: 'home-visit' } });
    const wait = next.steps.find((s) => s.id === 'wait-after-reminder') as StepOf<'wait'>;
    wait.duration = 'P10D';
    const diff = diffDefinitions(ladder, next);
    expect(diff.added.map((s) => s.id)).toEqual(['sms']);
    expect(diff.removed.map((s) => s.id)).toEqual(['wait-for-promise']);
    expect(diff.changed.map((s) => s.id).sort()).toEqual(['phone-call', 'wait-after-reminder']);
    expect(diff.changed.find((s) => s.id === 'wait-after-reminder')!.changes).toEqual([{ path: 'duration', before: 'P7D', after: 'P10D' }]);
    expect(diff.connections.added).toContainEqual({ from: 'phone-call', outcome: 'reached', to: 'sms' });
    expect(diff.connections.removed).toContainEqual({ from: 'phone-call', outcome: 'reached', to: 'wait-for-promise' });
  });

  test('an outcome inserted in the middle is one added outcome, not every later one changed', () => {
    const next = clone();
    const call = next.steps.find((s) => s.id === 'phone-call') as StepOf<'task'>;
    call.outcomes.splice(1, 0, { id: 'voicemail', label: 'Voicemail ingesproken', arrangement: false, fields: [] });
    const changes = diffDefinitions(ladder, next).changed.find((s) => s.id === 'phone-call')!.changes;
    expect(changes.every((c) => c.path.startsWith('outcomes[voicemail]'))).toBe(true);
  });
});

describe('layout input', () => {
  test('one port per outcome, where the handle is drawn, and one edge per wired outcome', () => {
    const graph = layoutGraph(ladder.steps);
    const call = graph.children.find((c) => c.id === 'phone-call')!;
    const { width } = nodeSize(step('phone-call'));
    expect(call.width).toBe(width);
    const out = call.ports!.filter((p) => p.id.includes('::out::'));
    expect(out.map((p) => p.id.split('::out::')[1])).toEqual(['reached', 'reached-no-agreement', 'not-reached', 'arrangement-agreed']);
    expect(out[1]!.x).toBeCloseTo(width * handleFraction(1, 4));
    const wired = ladder.steps.reduce((n, s) => n + Object.keys(s.next).length, 0);
    expect(graph.edges).toHaveLength(wired);
  });

  test('a wire to a step that is not there, or from an outcome the step lacks, is left out', () => {
    const graph = layoutGraph([
      { id: 'a', kind: 'start', name: 'A', trigger: 'case-opened', next: { next: 'gone', other: 'b' } },
      { id: 'b', kind: 'end', name: 'B', outcome: 'paid', next: {} },
    ]);
    expect(graph.edges).toEqual([]);
  });
});

describe('plain language', () => {
  test('flags long sentences, long words and officialese, not the variables', () => {
    const report = plainLanguageReport(
      'Beste {{tenantName}},\n\nIndien u het verschuldigde bedrag reeds heeft overgemaakt aan ons dan hoeft u verder niets te doen en kunt u deze brief als niet verzonden beschouwen. Betaal via {{paymentLink}}. Dit is een betalingsachterstandsmelding.',
    );
    const kinds = report.hints.map((h) => h.kind);
    expect(kinds).toContain('long-sentence');
    expect(report.hints).toContainEqual({ kind: 'long-word', word: 'betalingsachterstandsmelding' });
    expect(report.hints).toContainEqual({ kind: 'jargon', word: 'indien', instead: 'als' });
    expect(report.hints).toContainEqual({ kind: 'jargon', word: 'reeds', instead: 'al' });
    expect(report.hints.some((h) => h.kind === 'long-word' && /tenantname|paymentlink/i.test(h.word))).toBe(false);
  });

  test('the shipped reminder letter reads as plain Dutch', () => {
    const report = plainLanguageReport('Wij hebben de huur nog niet ontvangen. Er staat nu {{amount}} open. Bel ons, dan zoeken we samen naar een oplossing.');
    expect(report.hints).toEqual([]);
    expect(report.sentences).toBe(3);
  });
});

describe('readable steps', () => {
  test('conditions read as sentences', () => {
    expect(describeCondition({ on: 'balance', op: 'gte', cents: 100_000 })).toBe('Openstaand bedrag is minstens € 1.000,00');
    expect(describeCondition({ on: 'segment', in: ['new-tenant', 'lax-payer'] }, 'en')).toBe('Segment is New tenant or Lax payer');
    expect(describeCondition({ on: 'outcome', step: 'phone-call', is: 'not-reached' }, 'nl', ladder.steps)).toBe('Uitkomst van "Huurder bellen" was "Niet bereikt"');
  });

  test('summaries and outcome labels say what a step does', () => {
    expect(stepSummary(step('wait-after-reminder'))).toBe('7 dagen');
    expect(stepSummary(step('reminder-letter'))).toBe('Brief · Betalingsherinnering');
    expect(stepSummary(step('forgiveness-approval'))).toBe('Incassomedewerker → Teamleider → Controller → Manager incasso');
    expect(outcomeLabel(step('wait-after-reminder'), 'contact')).toBe('Contact met huurder');
    expect(outcomeLabel(step('reminder-letter'), 'failed', 'en')).toBe('Failed');
  });
});

describe('dry-run answers', () => {
  const today = Date.parse('2026-11-23T09:00:00Z');
  const memory = { arrangementAgreed: false, paid: false, legalReviews: 0 };
  const taskOf = (s: StepOf<'task'>) => ({ kind: s.task, outcomes: s.outcomes.map((o) => ({ id: o.id, arrangement: o.arrangement, fields: outcomeFields(o) })) });
  const answer = (id: string, behaviour: DryRunBehaviour, mem = memory) =>
    chooseTaskOutcome({ task: taskOf(step(id)), step: step(id), steps, behaviour, memory: mem, balanceCents: 81_250, todayMs: today });

  test('a tenant who never responds is never reached, and judgments are granted', () => {
    expect(answer('phone-call', { kind: 'never-responds' }).outcome).toBe('not-reached');
    expect(answer('home-visit', { kind: 'never-responds' }).outcome).toBe('not-home');
    const judgment = answer('court-judgment', { kind: 'never-responds' });
    expect(judgment.outcome).toBe('granted');
    expect(judgment.fields.judgmentDate).toBe('2026-11-23');
  });

  test('a tenant who will keep an arrangement agrees a plan that passes the realism check', () => {
    const choice = answer('phone-call', { kind: 'arrangement-kept' });
    expect(choice.outcome).toBe('arrangement-agreed');
    const plan = { instalmentCents: choice.fields.instalmentCents as number, instalments: choice.fields.instalments as number, interval: choice.fields.interval as 'P1M', firstDueDate: choice.fields.firstDueDate as string };
    expect(planProblems(plan, step('arrangement'), 81_250, today)).toEqual([]);
    expect(plan.instalments).toBe(3);
    // Once agreed, the same tenant does not agree a second time.
    expect(answer('final-call', { kind: 'arrangement-broken' }, { ...memory, arrangementAgreed: true }).outcome).toBe('no-arrangement');
  });

  test('approvals: the first level proposes half the balance, the others approve; a legal block is rechecked once, then stopped', () => {
    const approval = { outcomes: [{ id: 'propose', fields: [{ id: 'amountCents', label: 'Bedrag', type: 'money' as const, required: true }, { id: 'reason', label: 'Motivering', type: 'longtext' as const, required: true }] }, { id: 'withdraw', fields: [] }], kind: 'approval', approval: { stepId: 'forgiveness-approval', level: 0 } };
    const proposal = chooseTaskOutcome({ task: approval, step: step('forgiveness-approval'), steps, behaviour: { kind: 'never-responds' }, memory, balanceCents: 81_250, todayMs: today });
    expect(proposal).toMatchObject({ outcome: 'propose', fields: { amountCents: 40_625 } });
    const review = { kind: 'legal-review', outcomes: [{ id: 'recheck', fields: [] }, { id: 'stop', fields: [{ id: 'reason', label: 'Reden', type: 'longtext' as const, required: true }] }] };
    expect(chooseTaskOutcome({ task: review, step: undefined, steps, behaviour: { kind: 'never-responds' }, memory, balanceCents: 1, todayMs: today }).outcome).toBe('recheck');
    expect(chooseTaskOutcome({ task: review, step: undefined, steps, behaviour: { kind: 'never-responds' }, memory: { ...memory, legalReviews: 1 }, balanceCents: 1, todayMs: today }).outcome).toBe('stop');
  });

  test('the simulated plan respects a step that allows few instalments and a high minimum', () => {
    const tight = { ...step<'arrangement'>('arrangement'), maxInstalments: 2, minInstalmentCents: 50_000 };
    const plan = dryRunPlan(tight, 81_250, today);
    expect(planProblems(plan, tight, 81_250, today)).toEqual([]);
  });
});
