// The case page's own endpoints, next to GET /cases/:id (cases/router.ts): notes (no workflow
// involved: free text stays in PostgreSQL), a progress fingerprint to poll, and the audit log.
// A designer's dry run is nobody's case: requireCase does not find it.
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { auditReaders, caseReaders, noteWriters } from '../../definition/access.ts';
import { CaseIdSchema } from '../cases/schemas.ts';
import { parseInput } from '../validation.ts';
import { AuditQuerySchema, NoteSchema } from './schemas.ts';
import { auditLog, caseProgress, listNotes, writeNote, type CasePageDeps } from './service.ts';

const caseId = (params: Record<string, unknown>) => parseInput(CaseIdSchema, params.id, 'path.id');

export function casePageRouter(deps: CasePageDeps): Router {
  const router = Router();

  router.get('/cases/:id/progress', requireRole(...caseReaders), async (req, res) => {
    res.json(await caseProgress(deps.pool, caseId(req.params)));
  });

  router.get('/cases/:id/notes', requireRole(...caseReaders), async (req, res) => {
    res.json({ notes: await listNotes(deps.pool, caseId(req.params), actorOf(req)) });
  });

  router.post('/cases/:id/notes', requireRole(...noteWriters), async (req, res) => {
    const id = caseId(req.params);
    const input = parseInput(NoteSchema, req.body);
    res.status(201).json({ note: await writeNote(deps, id, input.text, actorOf(req)) });
  });

  router.get('/cases/:id/audit', requireRole(...auditReaders), async (req, res) => {
    const id = caseId(req.params);
    const page = parseInput(AuditQuerySchema, req.query, 'query');
    res.json(await auditLog(deps.pool, id, page, actorOf(req)));
  });

  return router;
}
