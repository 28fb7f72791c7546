// What the case page's own endpoints do apart from HTTP: notes, the progress fingerprint and
// the audit log. Notes and the audit log hold personal data, so reading them is recorded.
import type { Client } from '@temporalio/client';
import { businessNow } from '../../workflows/case-view.ts';
import type { Actor } from '../../workflows/messages.ts';
import { auditCaseRead } from '../audit/log.ts';
import { caseAudit } from '../audit/repository.ts';
import { liveState, requireCase } from '../cases/service.ts';
import type { Db } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import { resolveNotes } from '../notes.ts';
import { caseBusinessNow } from '../tasks/repository.ts';
import { addNote, notes, progress } from './repository.ts';

export type CasePageDeps = { pool: Db; temporal: Client };

export async function caseProgress(pool: Db, id: string) {
  const found = await progress(pool, id);
  if (!found) throw notFound(`case ${id} not found`);
  return found;
}

export async function listNotes(pool: Db, id: string, actor: Actor) {
  await requireCase(pool, id);
  const list = await notes(pool, id);
  await auditCaseRead(pool, actor.userId, id, 'notes');
  return list;
}

export async function writeNote(deps: CasePageDeps, id: string, text: string, actor: Actor) {
  const row = await requireCase(deps.pool, id);
  // The note sits in the timeline at the case's own time, which a time scale moves ahead.
  const live = await liveState(deps.temporal, row);
  const at = live.state ? new Date(businessNow(live.state)).toISOString() : await caseBusinessNow(deps.pool, id);
  return await addNote(deps.pool, id, actor.userId, text, at);
}

export async function auditLog(pool: Db, id: string, page: { limit: number; offset: number }, actor: Actor) {
  await requireCase(pool, id);
  // The audit shows what was done, with the texts of notes and reports: itself a read.
  await auditCaseRead(pool, actor.userId, id, 'audit');
  return await resolveNotes(pool, await caseAudit(pool, id, page));
}
