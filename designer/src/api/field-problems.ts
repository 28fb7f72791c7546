// An API refusal as a form shows it: each problem under its field (`body.endsOn` and
// `path.id` → endsOn, id; `body.stops.0` → stops), and the whole message for the rest.
import { ApiError } from './client.ts';

export type FieldProblems = { fields: Record<string, string>; message: string };

export function fieldProblems(err: unknown): FieldProblems {
  if (!(err instanceof ApiError)) return { fields: {}, message: String(err) };
  const fields: Record<string, string> = {};
  if (Array.isArray(err.details))
    for (const d of err.details as Array<{ field?: string; message?: string }>) if (d.field && d.message) fields[d.field.replace(/^(body|path)\./, '').replace(/\.\d+$/, '')] = d.message;
  return { fields, message: err.message };
}
