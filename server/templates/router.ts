// HTTP for the template library: staff read (the case page shows what was sent), policy
// owners write. The list itself is served by definitions/router.ts (GET /templates).
import { Router } from 'express';
import { TemplateIdSchema } from '../../definition/schema.ts';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { policyOwners, staffRoles } from '../../definition/access.ts';
import type { Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { deleteTemplate, saveTemplate, templateWithUsage } from './service.ts';

export function templatesRouter(pool: Db): Router {
  const router = Router();
  const id = (v: unknown) => parseInput(TemplateIdSchema, v, 'path.id');

  router.get('/templates/:id', requireRole(...staffRoles), async (req, res) => {
    res.json(await templateWithUsage(pool, id(req.params.id)));
  });
  router.put('/templates/:id', requireRole(...policyOwners), async (req, res) => {
    res.json({ template: await saveTemplate(pool, id(req.params.id), req.body, signedIn(req).id) });
  });
  router.delete('/templates/:id', requireRole(...policyOwners), async (req, res) => {
    await deleteTemplate(pool, id(req.params.id), signedIn(req).id);
    res.status(204).end();
  });
  return router;
}
