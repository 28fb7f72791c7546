// Every line of an arrears list checked before anything is done: a line is acted on whole or
// not at all, and what is wrong with it is reported by its line number. A tenancy listed twice
// is acted on once: the later line is reported.
import type { z } from 'zod';
import type { RawLine } from './csv.ts';
import { IntakeLineSchema, type IntakeLine } from './schemas.ts';

export type CheckedLine = { line: number; reference: string | null } & ({ ok: true; data: IntakeLine } | { ok: false; message: string });

const problemsOf = (issues: z.core.$ZodIssue[]) => issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`);

export function checkLines(raw: RawLine[]): CheckedLine[] {
  const firstLineOf = new Map<string, number>();
  return raw.map((r) => {
    const parsed = IntakeLineSchema.safeParse(r.value);
    // A cell that could not be read is said once, in the file's words; the rest of the line is still checked.
    const shapeless = Object.keys(r.value).length === 0 && r.problems.length > 0;
    const problems = [...r.problems, ...(parsed.success || shapeless ? [] : problemsOf(parsed.error.issues.filter((i) => !r.failed?.includes(String(i.path[0])))))];
    if (!parsed.success || problems.length) return { line: r.line, reference: r.reference, ok: false, message: problems.join('; ') };
    const earlier = firstLineOf.get(parsed.data.tenancyReference);
    if (earlier !== undefined) return { line: r.line, reference: r.reference, ok: false, message: `the tenancy ${parsed.data.tenancyReference} is listed before, on line ${earlier}` };
    firstLineOf.set(parsed.data.tenancyReference, r.line);
    return { line: r.line, reference: parsed.data.tenancyReference, ok: true, data: parsed.data };
  });
}

/** A pushed JSON list: its lines numbered from 1, as they come. */
export const jsonLines = (lines: unknown[]): RawLine[] =>
  lines.map((value, i) => ({
    line: i + 1,
    reference: typeof value === 'object' && value !== null && typeof (value as { tenancyReference?: unknown }).tenancyReference === 'string' ? (value as { tenancyReference: string }).tenancyReference : null,
    value: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {},
    problems: typeof value === 'object' && value !== null && !Array.isArray(value) ? [] : ['a line is an object with tenancyReference, name, address and arrearsCents'],
  }));
