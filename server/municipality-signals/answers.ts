// The municipality's answers to its signals, imported as a file (CSV) or sent by its system
// (JSON), and brought to the cases. The whole file is checked before anything is applied: a
// wrong line refuses the file, naming each such line, so an answer is never half in. Each
// answer is stored once per signal and kind, so the same file twice changes nothing.
//
// What an answer does to the case goes through the case's existing updates, the ones staff use,
// so no workflow change and no running case behaves differently:
// - every answer lands on the timeline as a named event (`municipality-help-accepted` …);
// - help accepted pauses the case like an accepted debt-help referral: with the covenant's 30
//   days (or the municipality's pause-until) as the review date, after which the review task
//   asks a caseworker to resume or extend. A signal step drawn to wait for the municipality's
//   answer gets it as its partner's acceptance first, and its own pause, if drawn, applies.
// - help refused and not reachable leave the step alone: the signal was made (the legal fact
//   the handover step established), whatever the tenant did with the offer; a step waiting for
//   an answer keeps to its drawn default.
import { parse } from 'csv-parse/sync';
import { partners } from '../../definition/catalog.ts';
import { addDuration } from '../../definition/duration.ts';
import type { Actor } from '../../workflows/messages.ts';
import { audit } from '../audit/repository.ts';
import { getCaseRow } from '../cases/repository.ts';
import { pauseCase, registerEvent, respondToHandover, type CaseDeps } from '../cases/service.ts';
import { AppError, invalid } from '../errors.ts';
import { caseBusinessNow } from '../tasks/repository.ts';
import { caseScopeOf } from '../teams/scope.ts';
import { markApplied, signalsByReference, storeAnswer, type KnownSignal } from './repository.ts';
import { answerColumns, AnswerLineSchema, type AnswerEffect, type AnswerLine, type AnswerReport } from './schemas.ts';

/** The covenant's pause after the municipality reports accepted help, when it names no date. */
const COVENANT_PAUSE = 'P30D';
const PAUSE_REASON = `${partners.labels['municipality-signal'].nl}: de huurder neemt hulp aan`;

type Numbered = { line: number; raw: unknown };
type Problem = { line: number; message: string };
type Checked = { line: number; answer: AnswerLine; signal: KnownSignal; reviewDate: string | null };

/** The CSV's records with the line each ends on (the header is line 1); `;` or `,` as the file has it. */
function csvLines(text: string): { lines: Numbered[]; problems: Problem[] } {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // The line each record ends on, taken as it is read (the library's `info` option is not in its types).
    const ends: number[] = [];
    const rows = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true, on_record: (record: string[], context) => (ends.push(context.lines), record) });
    records = rows.map((record, i) => ({ record, info: { lines: ends[i]! } }));
  } catch (err) {
    return { lines: [], problems: [{ line: 0, message: `the file is not valid CSV: ${(err as Error).message}` }] };
  }
  const [head, ...rows] = records;
  if (!head) return { lines: [], problems: [{ line: 0, message: 'the file is empty' }] };
  const header = head.record.map((h) => h.trim());
  const known = new Map(answerColumns.map((c) => [c.toLowerCase(), c]));
  const unknown = header.filter((h) => !known.has(h.toLowerCase()));
  const missing = answerColumns.filter((c) => c !== 'pauseUntil' && !header.some((h) => h.toLowerCase() === c.toLowerCase()));
  if (unknown.length || missing.length) {
    const problems = [missing.length ? `lacks the column ${missing.join(', ')}` : null, unknown.length ? `has the unknown column ${unknown.join(', ')}` : null].filter(Boolean);
    return { lines: [], problems: [{ line: head.info.lines, message: `the header ${problems.join(' and ')}; the header is ${answerColumns.join(',')} (pauseUntil may be left out)` }] };
  }
  const lines = rows.map(({ record, info }) => {
    const raw: Record<string, string> = {};
    header.forEach((h, i) => {
      const value = record[i] ?? '';
      if (value !== '') raw[known.get(h.toLowerCase())!] = value;
    });
    return { line: info.lines, raw };
  });
  return { lines, problems: lines.length ? [] : [{ line: 0, message: 'the file has a header and no answers' }] };
}

async function check(deps: CaseDeps, lines: Numbered[], actor: Actor): Promise<{ checked: Checked[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const parsed: Array<{ line: number; answer: AnswerLine }> = [];
  for (const { line, raw } of lines) {
    const result = AnswerLineSchema.safeParse(raw);
    if (result.success) parsed.push({ line, answer: result.data });
    else for (const issue of result.error.issues) problems.push({ line, message: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message });
  }
  const signals = await signalsByReference(deps.pool, [...new Set(parsed.map((p) => p.answer.reference))], await caseScopeOf(deps.pool, actor.userId));
  const seen = new Map<string, number>();
  const checked: Checked[] = [];
  // A calendar date from the municipality: not after tomorrow (a day's leeway for time zones).
  const latest = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  for (const { line, answer } of parsed) {
    if (answer.date > latest) {
      problems.push({ line, message: `date: ${answer.date} lies in the future` });
      continue;
    }
    const signal = signals.get(answer.reference);
    // A signal of another team's area is as unknown as one that does not exist.
    if (!signal) {
      problems.push({ line, message: `reference: no municipality signal ${answer.reference}` });
      continue;
    }
    const key = `${answer.reference} ${answer.answer}`;
    if (seen.has(key)) {
      problems.push({ line, message: `the answer ${answer.answer} for ${answer.reference} is already on line ${seen.get(key)}` });
      continue;
    }
    seen.set(key, line);
    let reviewDate: string | null = null;
    if (answer.answer === 'help-accepted' && signal.caseStatus !== 'closed') {
      // The review date is a date of the case (which runs ahead under a time scale), like a pause set on the case page.
      const today = (await caseBusinessNow(deps.pool, signal.caseId)).slice(0, 10);
      if (answer.pauseUntil !== undefined && answer.pauseUntil < today) problems.push({ line, message: `pauseUntil: ${answer.pauseUntil} lies in the past; the case's date is ${today}` });
      const from = answer.date > today ? answer.date : today;
      reviewDate = answer.pauseUntil ?? new Date(addDuration(Date.parse(`${from}T00:00:00Z`), COVENANT_PAUSE)).toISOString().slice(0, 10);
    }
    checked.push({ line, answer, signal, reviewDate });
  }
  return { checked, problems };
}

const conflictOf = (err: unknown) => err instanceof AppError && err.code === 'conflict';

/** What the answer does to its case, through the updates staff use. */
async function applyToCase(deps: CaseDeps, c: Checked, actor: Actor): Promise<AnswerEffect> {
  const { answer, signal } = c;
  const row = await getCaseRow(deps.pool, signal.caseId);
  if (!row || row.status === 'closed') return 'case-closed';
  try {
    await registerEvent(deps, signal.caseId, { type: `municipality-${answer.answer}` }, actor);
  } catch (err) {
    // Closed between the check and now (paid in full, say): the answer stays with the signal.
    if (conflictOf(err) && (await getCaseRow(deps.pool, signal.caseId))?.status === 'closed') return 'case-closed';
    throw err;
  }
  if (answer.answer !== 'help-accepted') return 'recorded';
  let effect: AnswerEffect = 'already-paused';
  if (signal.handoverStatus === 'awaiting') {
    await respondToHandover(deps, signal.caseId, signal.id, { response: 'accepted' }, actor);
    effect = 'handover-accepted';
  }
  try {
    await pauseCase(deps, signal.caseId, { reason: PAUSE_REASON, reviewDate: c.reviewDate! }, actor);
    return 'paused';
  } catch (err) {
    // Paused already: by a person, by debt help, or by the signal step's own pause just now.
    if (conflictOf(err)) return effect;
    throw err;
  }
}

/**
 * Checks every line, then applies the new answers one by one. An answer stored but not applied
 * (the engine was unreachable halfway) is applied by the next import of it.
 */
export async function importAnswers(deps: CaseDeps, input: { csv: string } | { json: unknown[] }, actor: Actor): Promise<AnswerReport> {
  const read = 'csv' in input ? csvLines(input.csv) : { lines: input.json.map((raw, i) => ({ line: i + 1, raw })), problems: [] };
  const { checked, problems } = read.problems.length ? { checked: [], problems: read.problems } : await check(deps, read.lines, actor);
  if (problems.length) {
    const where = (p: Problem) => (p.line ? `${'csv' in input ? 'line' : 'answer'} ${p.line}: ` : '');
    throw invalid(
      `the answers were not imported: ${problems.map((p) => `${where(p)}${p.message}`).join('; ')}`,
      problems.map((p) => ({ field: 'body', message: `${where(p)}${p.message}`, ...(p.line ? { line: p.line } : {}) })),
    );
  }
  const report: AnswerReport = { applied: 0, unchanged: 0, lines: [] };
  for (const c of checked) {
    const stored = await storeAnswer(deps.pool, c.answer, c.signal.caseId, actor.userId);
    let effect: AnswerEffect = 'unchanged';
    if (!stored.applied) {
      effect = await applyToCase(deps, c, actor);
      await markApplied(deps.pool, stored.id, effect);
      await audit(deps.pool, {
        actor: actor.userId,
        action: 'municipality-signal.answer',
        caseId: c.signal.caseId,
        entity: 'handover',
        entityId: c.signal.id,
        after: { answer: c.answer.answer, date: c.answer.date, pauseUntil: c.answer.pauseUntil ?? null, reviewDate: c.reviewDate, effect },
      });
    }
    report[effect === 'unchanged' ? 'unchanged' : 'applied']++;
    report.lines.push({ line: c.line, reference: c.signal.id, answer: c.answer.answer, caseId: c.signal.caseId, effect });
  }
  return report;
}
