// The case page's own endpoints, next to GET /cases/:id (cases/router.ts): notes (no workflow
// involved: free text stays in PostgreSQL), a progress fingerprint to poll, and the audit log.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { businessNow } from '../../workflows/case-view.ts';
import { auditCaseRead } from '../audit/log.ts';
import { caseAudit } from '../audit/repository.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { auditReaders, noteWriters, staffRoles } from '../../definition/access.ts';
import { CaseIdSchema } from '../cases/schemas.ts';
import { liveState, requireCase } from '../cases/service.ts';
import type { Db } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import { resolveNotes } from '../notes.ts';
import { BUSINESS_NOW } from '../tasks/repository.ts';
import { parseInput } from '../validation.ts';
import { addNote, notes, progress } from './repository.ts';

export const NoteSchema = z.object({ text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(4000, 'a note is at most 4000 characters') });
export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) });

const caseId = (params: Record<string, unknown>) => parseInput(CaseIdSchema, params.id, 'path.id');

export function casePageRouter(deps: { pool: Db; temporal: Client }): Router {
  const router = Router();
  const { pool } = deps;

  /** The case, refused as unknown when it is a designer's dry run (not staff's business). */
  async function staffCase(id: string) {
    const row = await requireCase(pool, id);
    const dry = await pool.query<{ dry_run: boolean }>(`SELECT dry_run FROM cases WHERE id = $1`, [id]);
    if (dry.rows[0]?.dry_run) throw notFound(`case ${id} not found`);
    return row;
  }

  router.get('/cases/:id/progress', requireRole(...staffRoles), async (req, res) => {
    const id = caseId(req.params);
    const found = await progress(pool, id);
    if (!found) throw notFound(`case ${id} not found`);
    res.json(found);
  });

  router.get('/cases/:id/notes', requireRole(...staffRoles), async (req, res) => {
    const id = caseId(req.params);
    await staffCase(id);
    const list = await notes(pool, id);
    await auditCaseRead(pool, actorOf(req).userId, id, 'notes');
    res.json({ notes: list });
  });

  router.post('/cases/:id/notes', requireRole(...noteWriters), async (req, res) => {
    const id = caseId(req.params);
    const input = parseInput(NoteSchema, req.body);
    const row = await staffCase(id);
    // The note sits in the timeline at the case's own time, which a time scale moves ahead.
    const live = await liveState(deps.temporal, row);
    const at = live.state
      ? new Date(businessNow(live.state)).toISOString()
      : (await pool.query<{ at: Date }>(`SELECT ${BUSINESS_NOW} AS at FROM cases c WHERE c.id = $1`, [id])).rows[0]!.at.toISOString();
    res.status(201).json({ note: await addNote(pool, id, actorOf(req).userId, input.text, at) });
  });

  router.get('/cases/:id/audit', requireRole(...auditReaders), async (req, res) => {
    const id = caseId(req.params);
    const page = parseInput(AuditQuerySchema, req.query, 'query');
    await staffCase(id);
    // The audit shows what was done, with the texts of notes and reports: itself a read.
    await auditCaseRead(pool, actorOf(req).userId, id, 'audit');
    res.json(await resolveNotes(pool, await caseAudit(pool, id, page)));
  });

  return router;
}
