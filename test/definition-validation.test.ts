// Publishing a definition is where a policy owner is stopped from drawing a broken or
// unlawful process. These tests draw such processes (mostly small edits of the shipped
// ladder) and check the refusal names the step and the rule, and for legal rules a path.
import { describe, expect, test } from 'vitest';
import { StepGraph } from '../definition/graph.ts';
import { kwijtschelding } from '../definition/shipped/kwijtschelding.ts';
import { standardLadder } from '../definition/shipped/standard-ladder.ts';
import { shippedTemplates } from '../definition/shipped/templates.ts';
import { validateDefinition, type Problem, type ValidationResult } from '../definition/validate.ts';

// Definitions as a policy owner sends them: plain JSON, edited freely in these tests.
type StepJson = { id: string; kind: string; next?: Record<string, string>; [field: string]: unknown };
type DefinitionJson = { id: string; name: string; steps: StepJson[] };

const library = { templates: shippedTemplates.map((t) => ({ id: t.id, channel: t.channel })) };
const validate = (d: unknown): ValidationResult => validateDefinition(d, library);
const errorsOf = (r: ValidationResult) => r.problems.filter((p) => p.severity === 'error');
const warningsOf = (r: ValidationResult) => r.problems.filter((p) => p.severity === 'warning');
const ruleAndStep = (p: Problem) => [p.rule, p.stepId];

function ladder(): DefinitionJson {
  return structuredClone(standardLadder) as DefinitionJson;
}
function stepIn(d: DefinitionJson, id: string): StepJson {
  const found = d.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in the test definition`);
  return found;
}
function withoutSteps(d: DefinitionJson, ...ids: string[]): DefinitionJson {
  d.steps = d.steps.filter((s) => !ids.includes(s.id));
  return d;
}
/** Sends every edge into `from` to `to` instead: what a designer does when deleting a node. */
function reroute(d: DefinitionJson, from: string, to: string): DefinitionJson {
  for (const s of d.steps) for (const [outcome, target] of Object.entries(s.next ?? {})) if (target === from) s.next![outcome] = to;
  return d;
}

/** A witness path must really be walkable in the graph, from a start to the offending step. */
function expectWalkablePath(d: DefinitionJson, path: string[] | undefined, to: string) {
  expect(path, 'a legal error carries a witness path').toBeDefined();
  const graph = new StepGraph(validate(d).definition ?? { steps: [] });
  expect(graph.step(path![0]!)?.kind).toBe('start');
  expect(path![path!.length - 1]).toBe(to);
  for (let i = 1; i < path!.length; i++) {
    const edges = graph.out.get(path![i - 1]!) ?? [];
    expect(edges.some((e) => e.to === path![i]), `${path![i - 1]} → ${path![i]} is an edge`).toBe(true);
  }
}

// A tiny process, for the rules that are clearer without the whole ladder around them.
const start: StepJson = { id: 'start', name: 'Achterstand', kind: 'start', trigger: 'case-opened', next: { next: 'first' } };
const endPaid: StepJson = { id: 'end', name: 'Afgesloten', kind: 'end', outcome: 'paid' };
const aftercare: StepJson[] = [{ id: 'paid', name: 'Betaald', kind: 'start', trigger: 'balance-cleared', next: { next: 'end' } }];
const small = (...steps: StepJson[]): DefinitionJson => ({ id: 'klein-proces', name: 'Klein proces', steps: [start, ...steps, endPaid, ...aftercare] });
const fourteenDayLetter = (next: Record<string, string>): StepJson => ({
  id: 'first',
  name: 'Veertiendagenbrief',
  kind: 'communicate',
  channel: 'letter',
  template: 'veertiendagenbrief',
  purpose: 'fourteen-day-letter',
  next,
});
const costs: StepJson = { id: 'costs', name: 'Incassokosten', kind: 'collection-costs', next: { charged: 'end' } };

describe('the shipped definitions', () => {
  test('the standard ladder validates against the shipped templates without errors or warnings', () => {
    const result = validate(standardLadder);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('the four-step kwijtschelding validates against the shipped templates', () => {
    const result = validate(kwijtschelding);
    expect(errorsOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('structural rules name the step and the rule', () => {
  test('a second start where cases open is refused, naming the extra start', () => {
    const d = ladder();
    d.steps.push({ id: 'second-start', name: 'Nog een start', kind: 'start', trigger: 'case-opened', next: { next: 'reminder-letter' } });
    const result = validate(d);
    expect(result.ok).toBe(false);
    expect(errorsOf(result).map(ruleAndStep)).toEqual([['start', 'second-start']]);
    expect(errorsOf(result)[0]!.message).toContain('exactly one');
  });

  test('a definition without any start where cases open is refused', () => {
    const result = validate({ id: 'zonder-start', name: 'Zonder start', steps: [endPaid] });
    expect(errorsOf(result).map((p) => p.rule)).toEqual(['start']);
  });

  test('an outcome without a next step is refused, naming the step and the outcome', () => {
    const d = ladder();
    delete stepIn(d, 'whatsapp-link').next!.failed;
    const result = validate(d);
    expect(errorsOf(result).map(ruleAndStep)).toEqual([['unwired-outcome', 'whatsapp-link']]);
    expect(errorsOf(result)[0]!.message).toContain('"failed"');
  });

  test('an outcome that leads to a step that does not exist is refused', () => {
    const d = ladder();
    stepIn(d, 'whatsapp-link').next!.failed = 'sms-reminder';
    const result = validate(d);
    expect(errorsOf(result).map(ruleAndStep)).toEqual([['unknown-target', 'whatsapp-link']]);
    expect(errorsOf(result)[0]!.message).toContain('"sms-reminder"');
  });

  test('a connection from an outcome the step does not have is refused', () => {
    const d = ladder();
    stepIn(d, 'whatsapp-link').next!.read = 'phone-call';
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['unknown-outcome', 'whatsapp-link']]);
  });

  test('a step nothing leads to is refused as unreachable', () => {
    const d = ladder();
    d.steps.push({ id: 'forgotten-sms', name: 'Vergeten sms', kind: 'communicate', channel: 'sms', template: 'sms-herinnering', next: { sent: 'phone-call', failed: 'phone-call' } });
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['unreachable', 'forgotten-sms']]);
  });

  test('a loop of a decision and a letter, with no wait or person in it, is refused', () => {
    const d = small(
      { id: 'first', name: 'Veel open?', kind: 'decision', branches: [{ id: 'much', label: 'Veel', when: { on: 'balance', op: 'gt', cents: 1000 } }], next: { much: 'letter', otherwise: 'end' } },
      { id: 'letter', name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'first', failed: 'end' } },
    );
    const result = validate(d);
    expect(errorsOf(result).map(ruleAndStep)).toEqual([['loop-without-wait', 'first']]);
    expect(errorsOf(result)[0]!.message).toMatch(/"first" → "letter"/);
  });

  test('the same loop with a wait in it is accepted', () => {
    const d = small(
      { id: 'first', name: 'Veel open?', kind: 'decision', branches: [{ id: 'much', label: 'Veel', when: { on: 'balance', op: 'gt', cents: 1000 } }], next: { much: 'letter', otherwise: 'end' } },
      { id: 'letter', name: 'Brief', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'pause', failed: 'end' } },
      { id: 'pause', name: 'Wachten', kind: 'wait', duration: 'P7D', next: { elapsed: 'first' } },
    );
    expect(errorsOf(validate(d))).toEqual([]);
  });

  test('a handover that loops to itself without waiting for the partner is refused', () => {
    const d = small({ id: 'first', name: 'Wijkteam', kind: 'handover', partner: 'neighbourhood-team', next: { accepted: 'end', refused: 'first' } });
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['loop-without-wait', 'first']]);
  });

  test.each([
    ['P0D', 'a duration must be longer than zero'],
    ['PT0S', 'a duration must be longer than zero'],
    ['7 dagen', '"7 dagen" is not an ISO-8601 duration'],
    ['P7', '"P7" is not an ISO-8601 duration'],
    ['-P7D', '"-P7D" is not an ISO-8601 duration'],
  ])('a wait of %s is refused, naming the step and its duration', (duration, message) => {
    const d = ladder();
    stepIn(d, 'wait-after-reminder').duration = duration;
    const result = validate(d);
    expect(result.ok).toBe(false);
    const problem = errorsOf(result).find((p) => p.message.includes(message));
    expect(problem, JSON.stringify(result.problems)).toMatchObject({ rule: 'shape', stepId: 'wait-after-reminder' });
    expect(problem!.message).toContain('duration');
    // One problem for one wrong duration, not a second one about its length.
    expect(errorsOf(result).filter((p) => p.stepId === 'wait-after-reminder')).toHaveLength(1);
  });

  test('a task deadline of zero days is refused, naming the task', () => {
    const d = ladder();
    stepIn(d, 'phone-call').deadline = { within: 'P0D', onExpiry: [{ action: 'remind' }] };
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['shape', 'phone-call']]);
    expect(problems[0]!.message).toContain('deadline.within');
  });

  test('a role that does not exist is refused, naming the step', () => {
    const d = ladder();
    stepIn(d, 'home-visit').role = 'janitor';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['shape', 'home-visit']]);
    expect(problems[0]!.message).toContain('role');
  });

  test('a template missing from the library is refused', () => {
    const d = ladder();
    stepIn(d, 'reminder-letter').template = 'aanmaning-oud';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['unknown-template', 'reminder-letter']]);
    expect(problems[0]!.message).toContain('"aanmaning-oud"');
  });

  test('a letter template on a WhatsApp step is refused as the wrong channel', () => {
    const d = ladder();
    stepIn(d, 'whatsapp-link').template = 'betalingsherinnering';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['template-channel', 'whatsapp-link']]);
    expect(problems[0]!.message).toContain('letter template, not whatsapp');
  });

  test("the arrangement step's own reminder template is checked against the library too", () => {
    const d = ladder();
    (stepIn(d, 'arrangement').reminder as { template: string }).template = 'veertiendagenbrief';
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['template-channel', 'arrangement']]);
  });

  test('an outcome that records an instalment plan but does not lead to an arrangement step is refused', () => {
    const d = ladder();
    stepIn(d, 'phone-call').next!['arrangement-agreed'] = 'home-visit';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['step-setup', 'phone-call']]);
    expect(problems[0]!.message).toContain('payment-arrangement step');
    // The policy owner reads the outcome by its label, in Dutch.
    expect(problems[0]!.text.nl).toBe('De uitkomst ‘Regeling afgesproken’ legt een betalingsregeling vast en moet dus naar een betalingsregeling leiden.');
  });

  test('two steps with the same id are refused', () => {
    const d = ladder();
    d.steps.push({ ...stepIn(d, 'wait-for-promise') });
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['unique-ids', 'wait-for-promise']]);
  });
});

describe('legal rules are proven over every path, with a witness path', () => {
  test('removing the debt-help referral from the ladder is refused with bailiff-preconditions and a path from the start to the bailiff', () => {
    const d = withoutSteps(reroute(ladder(), 'debt-help-referral', 'municipality-signal'), 'debt-help-referral', 'after-debt-help');
    const result = validate(d);
    expect(result.ok).toBe(false);
    const bailiff = errorsOf(result).find((p) => p.rule === 'bailiff-preconditions' && p.stepId === 'bailiff-claim');
    expect(bailiff, JSON.stringify(errorsOf(result).map(ruleAndStep))).toBeDefined();
    expect(bailiff!.message).toContain('a referral to debt help');
    // The same as data, for the designer to say in the policy owner's language.
    expect(bailiff!.missing).toEqual(['debt-help-referral']);
    expectWalkablePath(d, bailiff!.path, 'bailiff-claim');
    expect(bailiff!.path![0]).toBe('start');
    // The message spells the same path out for the policy owner.
    expect(bailiff!.message).toContain(bailiff!.path!.map((s) => `"${s}"`).join(' → '));
    // The municipality signal now also lacks the referral, and so does the eviction notice.
    expect(errorsOf(result).map(ruleAndStep)).toEqual(
      expect.arrayContaining([
        ['municipality-signal', 'municipality-signal'],
        ['bailiff-preconditions', 'eviction-notice'],
      ]),
    );
    expect(errorsOf(result).every((p) => p.path && p.path.length > 1)).toBe(true);
  });

  test('a municipality signal straight after the start is refused with municipality-signal', () => {
    const d = small({ id: 'first', name: 'Melding gemeente', kind: 'handover', partner: 'municipality-signal', next: { accepted: 'end', refused: 'end' } });
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['municipality-signal', 'first']]);
    expect(problems[0]!.path).toEqual(['start', 'first']);
    for (const missing of ['a written reminder', 'the offer to pass details to the municipality', 'an attempt at personal contact', 'a referral to debt help'])
      expect(problems[0]!.message).toContain(missing);
  });

  test('collection costs without any 14-day letter are refused with collection-costs', () => {
    const d = small({ ...costs, id: 'first' });
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['collection-costs', 'first']]);
    expect(problems[0]!.path).toEqual(['start', 'first']);
  });

  test('collection costs after a 14-day letter and a wait of 16 days are accepted', () => {
    const d = small(fourteenDayLetter({ sent: 'wait', failed: 'end' }), { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P16D', next: { elapsed: 'costs' } }, costs);
    expect(errorsOf(validate(d))).toEqual([]);
  });

  test.each(['P14D', 'P15D'])('collection costs after a 14-day letter and a wait of only %s (no delivery time) are refused', (duration) => {
    const d = small(fourteenDayLetter({ sent: 'wait', failed: 'end' }), { id: 'wait', name: 'Wachten', kind: 'wait', duration, next: { elapsed: 'costs' } }, costs);
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['collection-costs', 'costs']]);
    expect(problems[0]!.path).toEqual(['start', 'first', 'wait', 'costs']);
  });

  test('a wait cut short by a contact does not count as the 14-day period', () => {
    const d = small(fourteenDayLetter({ sent: 'wait', failed: 'end' }), { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P17D', endsOn: ['contact'], next: { elapsed: 'costs', contact: 'costs' } }, costs);
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['collection-costs', 'costs']]);
  });

  test('shortening the ladder’s own 14-day wait to 14 days is refused', () => {
    const d = ladder();
    stepIn(d, 'wait-fourteen-days').duration = 'P14D';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['collection-costs', 'collection-costs']]);
    expectWalkablePath(d, problems[0]!.path, 'collection-costs');
  });

  test('an eviction notice without a recorded court judgment is refused with eviction-judgment', () => {
    const d = withoutSteps(reroute(ladder(), 'court-judgment', 'proceed-approval'), 'court-judgment');
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual(
      expect.arrayContaining([
        ['eviction-judgment', 'eviction-notice'],
        ['eviction-judgment', 'end-evicted'],
      ]),
    );
    expect(problems.every((p) => p.rule === 'eviction-judgment')).toBe(true);
    const notice = problems.find((p) => p.stepId === 'eviction-notice')!;
    expect(notice.message).toContain('a recorded court judgment');
    expectWalkablePath(d, notice.path, 'eviction-notice');
    expect(notice.path).not.toContain('court-judgment');
  });

  test('a denied judgment wired on to the eviction notice is refused with eviction-judgment', () => {
    const d = ladder();
    stepIn(d, 'court-judgment').next!.denied = 'proceed-approval';
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual(
      expect.arrayContaining([
        ['eviction-judgment', 'eviction-notice'],
        ['eviction-judgment', 'end-evicted'],
      ]),
    );
  });

  test('a segment decision leading straight to the bailiff is refused with human-decision', () => {
    const d = ladder();
    stepIn(d, 'wait-after-signal').next!.elapsed = 'fast-track';
    d.steps.push({
      id: 'fast-track',
      name: 'Weigeraars sneller naar de deurwaarder',
      kind: 'decision',
      branches: [{ id: 'refuser', label: 'Principiële weigeraar', when: { on: 'segment', in: ['principled-refuser'] } }],
      next: { refuser: 'minors-check', otherwise: 'fourteen-day-letter' },
    });
    const problems = errorsOf(validate(d));
    // Every other precondition of the bailiff holds here (the household is checked for minors); only the person's decision is missing.
    expect(problems.every((p) => p.rule === 'human-decision')).toBe(true);
    const bailiff = problems.find((p) => p.stepId === 'bailiff-claim');
    expect(bailiff?.path).toEqual(['fast-track', 'minors-check', 'bailiff-claim']);
    expect(bailiff!.message).toContain('"fast-track"');
  });

  test('a segment decision followed by a wait and then collection costs is refused too', () => {
    const d = small(
      fourteenDayLetter({ sent: 'wait', failed: 'end' }),
      { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P17D', next: { elapsed: 'segment' } },
      { id: 'segment', name: 'Segment', kind: 'decision', branches: [{ id: 'refuser', label: 'Weigeraar', when: { on: 'segment', in: ['principled-refuser'] } }], next: { refuser: 'short-wait', otherwise: 'end' } },
      { id: 'short-wait', name: 'Even wachten', kind: 'wait', duration: 'P1D', next: { elapsed: 'costs' } },
      costs,
    );
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([['human-decision', 'costs']]);
    expect(problems[0]!.path).toEqual(['segment', 'short-wait', 'costs']);
  });

  test('a segment decision with a person’s decision on every branch before anything adverse is accepted', () => {
    const d = ladder();
    stepIn(d, 'wait-after-signal').next!.elapsed = 'fast-track';
    d.steps.push(
      {
        id: 'fast-track',
        name: 'Weigeraars sneller naar de deurwaarder',
        kind: 'decision',
        branches: [{ id: 'refuser', label: 'Principiële weigeraar', when: { on: 'segment', in: ['principled-refuser'] } }],
        // The others get the last call first; its "no arrangement" leads on to the 14-day letter.
        next: { refuser: 'assess', otherwise: 'final-call' },
      },
      {
        id: 'assess',
        name: 'Teamleider beoordeelt',
        kind: 'task',
        task: 'assessment',
        role: 'team-lead',
        outcomes: [
          { id: 'proceed', label: 'Door naar deurwaarder', meaning: 'household-assessed' },
          { id: 'normal', label: 'Gewone route' },
        ],
        next: { proceed: 'bailiff-claim', normal: 'fourteen-day-letter' },
      },
    );
    expect(errorsOf(validate(d))).toEqual([]);
  });

  test('a reminder whose "failed" outcome is wired past it does not count as the written reminder', () => {
    const d = withoutSteps(ladder(), 'check-address');
    stepIn(d, 'reminder-letter').next!.failed = 'wait-after-reminder';
    const problems = errorsOf(validate(d));
    const bailiff = problems.find((p) => p.rule === 'bailiff-preconditions' && p.stepId === 'bailiff-claim');
    expect(bailiff, JSON.stringify(problems.map(ruleAndStep))).toBeDefined();
    // The later 14-day letter is a written reminder too, but it never offers the municipality report.
    expect(bailiff!.message).toContain('Missing before it: the offer to pass details to the municipality');
    expectWalkablePath(d, bailiff!.path, 'bailiff-claim');
    expect(bailiff!.path).toContain('reminder-letter');
    expect(problems.map(ruleAndStep)).toEqual(expect.arrayContaining([['municipality-signal', 'municipality-signal']]));
  });

  test('a reminder without the offer to the municipality is one problem, on that reminder, naming every step it holds back', () => {
    const d = ladder();
    stepIn(d, 'reminder-letter').offersMunicipalitySignal = false;
    const problems = errorsOf(validate(d));
    // One cause, one message: on the letter that must change, at the field to change.
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p).toMatchObject({ stepId: 'reminder-letter', field: 'offersMunicipalitySignal', missing: ['municipality-offer'] });
    expect(['bailiff-preconditions', 'municipality-signal']).toContain(p!.rule);
    expect(p!.affects).toEqual(expect.arrayContaining(['municipality-signal', 'bailiff-claim', 'eviction-notice']));
    expect(p!.path![0]).toBe('start');
    // In words: the steps by name, no codes.
    expect(p!.text.nl).toContain('Zet in deze herinnering het aanbod aan');
    expect(p!.text.nl).toContain('‘Vroegsignalering aan gemeente’');
    expect(p!.text.nl).toContain('‘Overdracht deurwaarder (vordering)’');
    expect(p!.text.nl).toContain('‘Aanzegging tot ontruiming (deurwaarder)’');
    expect(p!.text.nl).not.toMatch(/bailiff-claim|municipality-signal|reminder-letter/);
    expect(p!.message).toContain('the offer to pass details to the municipality');
  });

  test('a missing step no setting supplies stays on the step that needs it, in Dutch', () => {
    const d = ladder();
    const referral = stepIn(d, 'debt-help-referral');
    for (const s of d.steps) for (const [k, v] of Object.entries(s.next ?? {})) if (v === 'debt-help-referral') s.next![k] = Object.values(referral.next!)[0]!;
    d.steps = d.steps.filter((s) => s.id !== 'debt-help-referral');
    const problems = errorsOf(validate(d));
    const bailiff = problems.find((p) => p.stepId === 'bailiff-claim')!;
    expect(bailiff.text.nl).toContain('Vóór deze stap ontbreekt: een verwijzing naar schuldhulpverlening.');
  });

  test('a WhatsApp message cannot carry the municipality offer', () => {
    const d = ladder();
    Object.assign(stepIn(d, 'whatsapp-link'), { purpose: 'reminder', offersMunicipalitySignal: true });
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([['step-setup', 'whatsapp-link']]);
  });
});

describe('rule 8: a household with minors is assessed by a person before a summons or an eviction notice', () => {
  test('a ladder that skips the household assessment is refused with household-assessment, naming the summons, the eviction notice and a path', () => {
    const d = withoutSteps(reroute(ladder(), 'household-assessment', 'bailiff-claim'), 'household-assessment');
    const problems = errorsOf(validate(d));
    expect(problems.map(ruleAndStep)).toEqual([
      ['household-assessment', 'bailiff-claim'],
      ['household-assessment', 'eviction-notice'],
    ]);
    const claim = problems[0]!;
    expect(claim.message).toContain('legal rule 8');
    expect(claim.missing).toEqual(['household-assessed']);
    expectWalkablePath(d, claim.path, 'bailiff-claim');
    // The witness goes through the branch for households with (possibly) minors.
    expect(claim.path!.slice(-2)).toEqual(['minors-check', 'bailiff-claim']);
  });

  test('a decision that sends only households without minors straight on guards the path', () => {
    const d = ladder();
    Object.assign(stepIn(d, 'minors-check'), {
      branches: [{ id: 'no-minors', label: 'Geen kinderen', when: { on: 'minors', present: false } }],
      next: { 'no-minors': 'bailiff-claim', otherwise: 'household-assessment' },
    });
    expect(errorsOf(validate(d))).toEqual([]);
  });

  test('a decision on something else is no guard: the path from its other branch still lacks the assessment', () => {
    const d = ladder();
    Object.assign(stepIn(d, 'minors-check'), {
      branches: [{ id: 'high', label: 'Hoog bedrag', when: { on: 'balance', op: 'gte', cents: 500_000 } }],
      next: { high: 'household-assessment', otherwise: 'bailiff-claim' },
    });
    expect(errorsOf(validate(d)).map(ruleAndStep)).toEqual([
      ['household-assessment', 'bailiff-claim'],
      ['household-assessment', 'eviction-notice'],
    ]);
  });

  test('an approval that records the assessment satisfies the rule; the same approval without it does not', () => {
    const d = withoutSteps(reroute(ladder(), 'household-assessment', 'claim-approval'), 'household-assessment');
    const approval: StepJson = {
      id: 'claim-approval',
      name: 'Teamleider keurt dagvaarding goed',
      kind: 'approval',
      subject: 'proceed',
      assessesHousehold: true,
      levels: [{ id: 'lead', label: 'Teamleider', role: 'team-lead' }],
      next: { approved: 'bailiff-claim', rejected: 'end-cancelled' },
    };
    d.steps.push(approval);
    expect(errorsOf(validate(d))).toEqual([]);
    delete approval.assessesHousehold;
    expect(errorsOf(validate(d)).map((p) => p.rule)).toEqual(['household-assessment', 'household-assessment']);
  });
});

describe('the municipality signal and the summons are at least two months apart', () => {
  test('without the shipped two-month wait, the shortcut through a contact warns on the summons with its path; publishing is not refused', () => {
    const d = withoutSteps(reroute(ladder(), 'wait-before-claim', 'minors-check'), 'wait-before-claim');
    const result = validate(d);
    expect(result.ok).toBe(true);
    const warnings = warningsOf(result).filter((w) => w.rule === 'signal-to-summons');
    expect(warnings.map(ruleAndStep)).toEqual([['signal-to-summons', 'bailiff-claim']]);
    // A contact ends the wait after the signal at once; the 14-day period is all that is left.
    expect(warnings[0]!.path).toEqual(['municipality-signal', 'wait-after-signal', 'final-call', 'fourteen-day-letter', 'wait-fourteen-days', 'collection-costs', 'minors-check', 'bailiff-claim']);
    expect(warnings[0]!.message).toContain('after 17 days');
  });

  test('a summons not reachable from the signal, or only after two months, does not warn', () => {
    expect(warningsOf(validate(ladder())).filter((w) => w.rule === 'signal-to-summons')).toEqual([]);
  });
});

describe('advice from the sources comes as warnings that do not block publishing', () => {
  test('a second letter right after a letter and a wait warns to change channel', () => {
    const d = small(
      { id: 'first', name: 'Brief 1', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'wait', failed: 'end' } },
      { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P7D', next: { elapsed: 'second' } },
      { id: 'second', name: 'Brief 2', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'end', failed: 'end' } },
    );
    const result = validate(d);
    expect(result.ok).toBe(true);
    expect(warningsOf(result).map(ruleAndStep)).toEqual([['channel-change', 'second']]);
    expect(warningsOf(result)[0]!.message).toContain('"first"');
  });

  test('a letter, a phone call and then a letter does not warn: a channel was changed in between', () => {
    const d = small(
      { id: 'first', name: 'Brief 1', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'call', failed: 'end' } },
      { id: 'call', name: 'Bellen', kind: 'task', task: 'phone-call', role: 'caseworker', outcomes: [{ id: 'done', label: 'Gebeld' }], next: { done: 'second' } },
      { id: 'second', name: 'Brief 2', kind: 'communicate', channel: 'letter', template: 'betalingsherinnering', purpose: 'reminder', next: { sent: 'end', failed: 'end' } },
    );
    expect(validate(d).problems).toEqual([]);
  });

  test('a 14-day letter on a path without personal contact before it warns', () => {
    const d = small(fourteenDayLetter({ sent: 'wait', failed: 'end' }), { id: 'wait', name: 'Wachten', kind: 'wait', duration: 'P16D', next: { elapsed: 'costs' } }, costs);
    const result = validate(d);
    expect(result.ok).toBe(true);
    expect(warningsOf(result).map(ruleAndStep)).toEqual([['contact-before-fourteen-day-letter', 'first']]);
  });

  test('a process without an aftercare path warns once, without naming a step', () => {
    const d = withoutSteps(ladder(), 'paid', 'aftercare-wait', 'aftercare-call', 'end-paid');
    const result = validate(d);
    expect(result.ok).toBe(true);
    expect(warningsOf(result).map(ruleAndStep)).toEqual([['aftercare', undefined]]);
  });
});
