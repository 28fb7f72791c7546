// Keeps free text out of workflow histories. Before text reaches a workflow it is stored in
// case_notes and replaced by "note:<id>"; whatever the API returns has the references
// resolved back to the text. The workflow still sees that a required text was given.
import type { Field } from '../definition/schema.ts';
import type { Queryable } from './db/pool.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const REF = new RegExp(`^note:(${UUID})$`);
/** A reference inside a longer text: a workflow's refusal names the reason it holds by its reference. */
const REF_IN_TEXT = new RegExp(`note:(${UUID})`, 'g');

async function noteTexts(q: Queryable, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await q.query<{ id: string; text: string }>(`SELECT id, text FROM case_notes WHERE id = ANY($1::uuid[])`, [wanted]);
  return new Map(rows.rows.map((r) => [r.id, r.text]));
}

export async function storeNote(q: Queryable, caseId: string, author: string, kind: string, text: string): Promise<string> {
  const result = await q.query<{ id: string }>(`INSERT INTO case_notes (case_id, author, kind, text) VALUES ($1,$2,$3,$4) RETURNING id`, [caseId, author, kind, text]);
  return `note:${result.rows[0]!.id}`;
}

/** Stores an optional text and returns its reference (undefined stays undefined). */
export async function noteRef(q: Queryable, caseId: string, author: string, kind: string, text: string | undefined): Promise<string | undefined> {
  return text === undefined || text.trim() === '' ? text : await storeNote(q, caseId, author, kind, text);
}

/** Replaces the text and longtext values of a form by references. */
export async function stashFormText(q: Queryable, caseId: string, author: string, fields: Field[], values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...values };
  for (const field of fields) {
    const v = values[field.id];
    if ((field.type === 'text' || field.type === 'longtext') && typeof v === 'string' && v.trim() !== '') out[field.id] = await storeNote(q, caseId, author, `field:${field.id}`, v);
  }
  return out;
}

/**
 * Removes the notes behind the references among `values` (other values are ignored). For text
 * stored ahead of a workflow update that the workflow then refused: the request changed
 * nothing, so no text about the tenant may stay behind from it.
 */
export async function discardNotes(q: Queryable, values: unknown[]): Promise<void> {
  const ids = values.flatMap((v) => (typeof v === 'string' ? (REF.exec(v)?.slice(1, 2) ?? []) : []));
  if (ids.length) await q.query(`DELETE FROM case_notes WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Deep-copies `value` with every note reference replaced by its text. */
export async function resolveNotes<T>(q: Queryable, value: T): Promise<T> {
  const ids = new Set<string>();
  const collect = (v: unknown) => {
    if (typeof v === 'string') {
      const m = REF.exec(v);
      if (m) ids.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(value);
  if (ids.size === 0) return value;
  const texts = await noteTexts(q, ids);
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = REF.exec(v);
      return m ? (texts.get(m[1]!) ?? v) : v;
    }
    if (Array.isArray(v)) return v.map(replace);
    if (v instanceof Date) return v;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  return replace(value) as T;
}

/** A text (a refusal's message) with every note reference inside it replaced by the note's text. */
export async function resolveNotesInText(q: Queryable, text: string): Promise<string> {
  const texts = await noteTexts(q, [...text.matchAll(REF_IN_TEXT)].map((m) => m[1]!));
  return text.replace(REF_IN_TEXT, (ref, id: string) => texts.get(id) ?? ref);
}
