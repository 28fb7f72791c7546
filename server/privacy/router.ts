// HTTP for privacy requests: a tenant's erasure request, made on one of their cases.
import { Router } from 'express';
import { z } from 'zod';
import { tenantErasers } from '../../definition/access.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { CaseIdSchema } from '../cases/schemas.ts';
import type { Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { eraseTenantOfCase } from './anonymise.ts';

export const ErasureBodySchema = z.strictObject({
  /** Where the request came from and when (e.g. "verzoek huurder per brief van 2 december"); kept in the audit log, so no personal data in it. */
  reason: z.string().trim().min(5, 'say where the request came from and when (at least 5 characters)').max(500),
});

export function privacyRouter(deps: { pool: Db }): Router {
  const router = Router();
  router.post('/cases/:id/erase-tenant', requireRole(...tenantErasers), async (req, res) => {
    const caseId = parseInput(CaseIdSchema, req.params.id, 'path.id');
    const { reason } = parseInput(ErasureBodySchema, req.body);
    res.json({ erased: true, ...(await eraseTenantOfCase(deps.pool, caseId, reason, actorOf(req).userId)) });
  });
  return router;
}
