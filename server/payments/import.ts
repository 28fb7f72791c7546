// Bulk payment import from a bank statement, as CSV, CAMT.053 or MT940 (formats/). Each line is
// matched to the open case whose tenancy reference it carries: the contract number, which every
// letter and message asks the tenant to put on a transfer as "kenmerk" (the template variable
// {{reference}}), so a line that says what the letter says ("kenmerk HUUR-1001.") matches too.
// A line without a usable reference matches by the payer's account when finance matched that
// account to a tenancy before. Lines that match nothing, or more than one case, are never
// guessed: they go to finance's work queue (statement-queue.ts). Payments are recorded first
// (their id is derived from the line, so the same file twice adds nothing) and then signalled
// to their cases; a payment not yet applied is signalled again.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { paymentReceivedSignal } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';
import { invalid } from '../errors.ts';
import { formatNames, parseStatement, type BankLine } from './formats/index.ts';
import { importOfFile, knownPayments, openCaseReferences, recordImport, unappliedPayments, type UnmatchedLine } from './repository.ts';
import { casesOfAccounts, queuedLines, recordedPayments } from './statement-queue-repository.ts';

export type ImportReport = {
  /** Null for a preview: nothing was recorded. */
  importId: string | null;
  /** What the file was read as: CSV, CAMT.053 or MT940. */
  format: string;
  preview: boolean;
  alreadyImported: boolean;
  lines: number;
  matched: number;
  applied: number;
  duplicates: number;
  unmatched: UnmatchedLine[];
  /** Lines that are no payment received (money going out), left alone. */
  ignored: Array<{ line: number; reason: string }>;
  /** The money in the file, and how much of it found a case: shown before anything is applied (a preview). */
  totals: { receivedCents: number; matchedCents: number; unmatchedCents: number };
};

const normalize = (s: string) => s.toUpperCase().replace(/\s+/g, '');

/** The words of a description, each also without the punctuation a sentence puts around it ("HUUR-1001." at a sentence's end). */
const words = (text: string) => text.split(/[\s,;:]+/).flatMap((w) => [w, w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')]);

/**
 * Imports a statement, or with `preview` only reads and matches it: the report (totals, what
 * matches, what does not and why) with nothing recorded or applied.
 */
export async function importStatement(deps: { pool: Db; temporal: Client }, text: string, filename: string | null, actor: string, options: { preview?: boolean } = {}): Promise<ImportReport> {
  const parsed = parseStatement(text);
  // The statement is the body; each problem names its line, and the line's number comes with it.
  if (!parsed.ok)
    throw invalid(
      `the bank statement was not imported: ${parsed.errors.join('; ')}`,
      parsed.errors.map((message) => ({ field: 'body', message, ...(/^line (\d+):/.test(message) ? { line: Number(/^line (\d+):/.exec(message)![1]) } : {}) })),
    );
  const sha = createHash('sha256').update(text).digest('hex');

  const format = formatNames[parsed.format];
  const preview = options.preview === true;
  const sum = (ls: Array<{ amountCents: number }>) => ls.reduce((t, l) => t + l.amountCents, 0);
  const p = await importOfFile(deps.pool, sha);
  if (p) {
    if (!preview) await signalUnapplied(deps, parsed.lines.map((l) => l.paymentId));
    const unmatchedCents = sum(p.unmatched);
    const receivedCents = sum(parsed.lines);
    return {
      importId: p.id,
      format,
      preview,
      alreadyImported: true,
      lines: p.lines,
      matched: p.matched,
      applied: 0,
      duplicates: p.matched,
      unmatched: p.unmatched,
      ignored: parsed.ignored,
      totals: { receivedCents, matchedCents: receivedCents - unmatchedCents, unmatchedCents },
    };
  }

  const open = await openCaseReferences(deps.pool);
  const byReference = new Map(open.map((r) => [normalize(r.reference), { caseId: r.id, reference: r.reference }]));
  const ids = parsed.lines.map((l) => l.paymentId);
  // An entry seen before keeps what was decided for it: a payment recorded (also one finance
  // matched by hand) stays on its case; a line in the queue or set aside stays there.
  const [recorded, queued, byAccount] = await Promise.all([
    recordedPayments(deps.pool, ids),
    queuedLines(deps.pool, ids),
    casesOfAccounts(deps.pool, parsed.lines.flatMap((l) => l.iban ?? [])),
  ]);
  const referenceOf = new Map(open.map((r) => [r.id, r.reference]));
  // The whole description, else the one open case whose reference appears in it as a word, else
  // the one open case of the account's tenancy. A description naming two open cases (rent and
  // garage in one transfer), or an account that pays for two, is left to a person.
  const match = (line: BankLine): { caseId: string } | { reason: string; candidates: string[] } => {
    const known = recorded.get(line.paymentId);
    if (known) return { caseId: known };
    const earlier = queued.get(line.paymentId);
    if (earlier) return { reason: earlier.status === 'set-aside' ? 'set aside by finance earlier' : 'already in the work queue for finance', candidates: earlier.candidates };
    const exact = byReference.get(normalize(line.reference));
    if (exact) return exact;
    const found = new Map(words(line.reference).flatMap((t) => byReference.get(normalize(t)) ?? []).map((c) => [c.caseId, c.reference]));
    if (found.size === 1) return { caseId: [...found.keys()][0]! };
    if (found.size > 1) return { reason: `names more than one open case (${[...found.values()].join(', ')}); match it by hand`, candidates: [...found.keys()] };
    const accountCases = line.iban ? (byAccount.get(line.iban) ?? []) : [];
    if (accountCases.length === 1) return { caseId: accountCases[0]! };
    if (accountCases.length > 1)
      return { reason: `the payer's account pays for more than one open case (${accountCases.map((c) => referenceOf.get(c) ?? c).join(', ')}); match it by hand`, candidates: accountCases };
    return { reason: line.reference ? 'no open case carries this reference' : "no reference, and the payer's account is not known for an open case", candidates: [] };
  };

  const unmatched: ImportReport['unmatched'] = [];
  const matched: Array<BankLine & { caseId: string }> = [];
  for (const line of parsed.lines) {
    const m = match(line);
    if ('caseId' in m) matched.push({ ...line, caseId: m.caseId });
    else
      unmatched.push({
        line: line.line,
        paymentId: line.paymentId,
        reference: line.reference,
        amountCents: line.amountCents,
        date: line.date,
        reason: m.reason,
        candidates: m.candidates,
        ...(line.iban ? { iban: line.iban } : {}),
      });
  }

  const totals = { receivedCents: sum(parsed.lines), matchedCents: sum(matched), unmatchedCents: sum(unmatched) };
  const base = { format, preview, alreadyImported: false, lines: parsed.lines.length, matched: matched.length, unmatched, ignored: parsed.ignored, totals };
  if (preview) {
    const known = await knownPayments(deps.pool, matched.map((m) => m.paymentId));
    return { ...base, importId: null, applied: 0, duplicates: known };
  }
  const { importId, fresh } = await recordImport(deps.pool, { sha256: sha, filename, lines: parsed.lines.length, matched, unmatched, actor });

  await signalUnapplied(deps, matched.map((m) => m.paymentId));
  return { ...base, importId, applied: fresh.length, duplicates: matched.length - fresh.length };
}

/** Signals every recorded payment its case has not applied yet; applying is idempotent by reference. */
export async function signalUnapplied(deps: { pool: Db; temporal: Client }, paymentIds: string[]) {
  if (paymentIds.length === 0) return;
  for (const p of await unappliedPayments(deps.pool, paymentIds)) {
    await deps.temporal.workflow
      .getHandle(p.workflowId)
      .signal(paymentReceivedSignal, { reference: p.reference, amountCents: p.amountCents, receivedAt: p.receivedAt.toISOString() })
      .catch(() => undefined); // a case that closed meanwhile keeps the payment on record for staff to handle
  }
}
