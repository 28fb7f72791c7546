// HTTP for dry runs, for policy owners only: start one on a draft, watch it, stop it.
import { Router } from 'express';
import { z } from 'zod';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { policyOwners } from '../../definition/access.ts';
import { parseInput } from '../validation.ts';
import { dryRunView, startDryRun, StartDryRunSchema, stopDryRun, type DryRunDeps } from './service.ts';

export function dryRunRouter(deps: DryRunDeps): Router {
  const router = Router();
  const id = (v: unknown) => parseInput(z.uuid('the dry run id is not a valid id'), v, 'path.id');

  router.post('/definitions/dry-run', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(StartDryRunSchema, req.body);
    res.status(201).json(await startDryRun(deps, input, signedIn(req).id));
  });
  router.get('/dry-runs/:id', requireRole(...policyOwners), async (req, res) => {
    res.json(await dryRunView(deps, id(req.params.id)));
  });
  router.post('/dry-runs/:id/stop', requireRole(...policyOwners), async (req, res) => {
    res.json(await stopDryRun(deps, id(req.params.id)));
  });
  return router;
}
