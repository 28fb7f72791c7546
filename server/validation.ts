// Parsing at the boundary: a zod schema or a 400 that names every wrong field.
import type { z } from 'zod';
import { invalid } from './errors.ts';

export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where = 'body'): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ field: [where, ...i.path].join('.'), message: i.message }));
  throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}
