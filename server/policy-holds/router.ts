// HTTP for policy holds: list and read (policy owner, collection manager, ops, team lead),
// create, change and end (policy owner, collection manager). Every change is audited.
import { Router } from 'express';
import { policyHoldManagers, policyHoldReaders } from '../../definition/access.ts';
import { amsterdamDay, PolicyHoldChangeSchema, PolicyHoldEndSchema, PolicyHoldInputSchema } from '../../definition/policy-holds.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { allHolds, currentHolds, getHold } from './repository.ts';
import { PolicyHoldListQuerySchema, PolicyHoldParamsSchema } from './schemas.ts';
import { change, create, end, viewOf, type PolicyHoldDeps } from './service.ts';

export function policyHoldsRouter(deps: PolicyHoldDeps): Router {
  const router = Router();
  const read = requireRole(...policyHoldReaders);
  const manage = requireRole(...policyHoldManagers);

  router.get('/policy-holds', read, async (req, res) => {
    const { scope } = parseInput(PolicyHoldListQuerySchema, req.query, 'query');
    const holds = scope === 'current' ? await currentHolds(deps.pool, amsterdamDay(Date.now())) : await allHolds(deps.pool);
    res.json({ holds: await Promise.all(holds.map((h) => viewOf(deps.pool, h))) });
  });

  router.get('/policy-holds/:id', read, async (req, res) => {
    const { id } = parseInput(PolicyHoldParamsSchema, req.params, 'path');
    const hold = await getHold(deps.pool, id);
    if (!hold) throw notFound(`no policy hold ${id}`);
    res.json({ hold: await viewOf(deps.pool, hold) });
  });

  router.post('/policy-holds', manage, async (req, res) => {
    const input = parseInput(PolicyHoldInputSchema, req.body);
    res.status(201).json(await create(deps, input, actorOf(req).userId));
  });

  router.patch('/policy-holds/:id', manage, async (req, res) => {
    const { id } = parseInput(PolicyHoldParamsSchema, req.params, 'path');
    res.json(await change(deps, id, parseInput(PolicyHoldChangeSchema, req.body), actorOf(req).userId));
  });

  router.post('/policy-holds/:id/end', manage, async (req, res) => {
    const { id } = parseInput(PolicyHoldParamsSchema, req.params, 'path');
    const { note } = parseInput(PolicyHoldEndSchema, req.body ?? {});
    res.json(await end(deps, id, actorOf(req).userId, note));
  });

  return router;
}
