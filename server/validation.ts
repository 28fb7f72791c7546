// Parsing at the boundary: a zod schema or a 400 that names every wrong field.
import type { z } from 'zod';
import { invalid } from './errors.ts';

export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where = 'body'): z.output<T> {
  // A field left out is "required" (zod's own words are "expected string, received undefined");
  // a schema's own message for it comes first.
  const result = schema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? `${issue.path?.length ? String(issue.path.at(-1)) : `the request ${where}`} is required` : undefined),
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({ field: [where, ...i.path].join('.'), message: i.message }));
  throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}
