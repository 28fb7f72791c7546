// From what was typed to what the API takes: amounts to cents, numbers to numbers, empty
// fields left out. A value that cannot be read is reported with the field's label.
import type { Field } from '../../../../definition/schema.ts';
import { parseEuro } from '../../i18n/format.ts';
import type { FieldValue } from './FieldInput.tsx';

export function apiValues(fields: Field[], typed: Record<string, FieldValue>): { values: Record<string, unknown>; problems: Array<{ field: Field; kind: 'amount' | 'number' | 'required' }> } {
  const values: Record<string, unknown> = {};
  const problems: Array<{ field: Field; kind: 'amount' | 'number' | 'required' }> = [];
  for (const field of fields) {
    const v = typed[field.id];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) {
      if (field.required) problems.push({ field, kind: 'required' });
      continue;
    }
    if (field.type === 'money') {
      const cents = parseEuro(String(v));
      if (cents === null) problems.push({ field, kind: 'amount' });
      else values[field.id] = cents;
    } else if (field.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) problems.push({ field, kind: 'number' });
      else values[field.id] = n;
    } else values[field.id] = typeof v === 'string' ? v.trim() : v;
  }
  return { values, problems };
}
