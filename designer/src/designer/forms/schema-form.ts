// The side panel's forms take their choices, limits and messages from the definition's zod
// schema: the options of a select are the enum's options, a number field's bounds are the
// schema's, and the message under a field is the schema's own issue for that path.
import { z } from 'zod';
import { StepSchema } from '../../../../definition/schema.ts';
import type { StepData } from '../model/types.ts';

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else return s;
  }
}

/** The options of an enum field (through .default() and .optional()). */
export function enumOptions<T extends string = string>(schema: z.ZodType): T[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodEnum) return s.options as T[];
  throw new Error('not an enum schema');
}

/** The bounds of a number field. */
export function numberBounds(schema: z.ZodType): { min?: number; max?: number } {
  const s = unwrap(schema);
  if (s instanceof z.ZodNumber) return { ...(s.minValue !== null && Number.isFinite(s.minValue) ? { min: s.minValue } : {}), ...(s.maxValue !== null && Number.isFinite(s.maxValue) ? { max: s.maxValue } : {}) };
  return {};
}

export type Issues = ReadonlyMap<string, string>;

/** The schema's messages for a step, by path ("template", "outcomes.1.label", "reminder.template"). */
export function stepIssues(data: StepData): Issues {
  const result = StepSchema.safeParse({ ...data, next: {} });
  const map = new Map<string, string>();
  if (!result.success) for (const issue of result.error.issues) map.set(issue.path.join('.'), issue.message);
  return map;
}

/** The first message at a path or below it. */
export function issueAt(issues: Issues, path: string): string | undefined {
  if (issues.has(path)) return issues.get(path);
  for (const [k, v] of issues) if (k.startsWith(`${path}.`)) return v;
  return undefined;
}
