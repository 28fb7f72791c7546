// HTTP for cases: unpack, parse, call the service. Roles per endpoint from definition/access.ts.
import { Router } from 'express';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { caseClosers, caseHandlers, caseReaders, caseSteerers, staffRoles } from '../../definition/access.ts';
import { CompleteBodySchema } from '../tasks/schemas.ts';
import { parseInput } from '../validation.ts';
import { CancelBodySchema, CaseEventBodySchema, CaseIdSchema, HandoverResponseBodySchema, ListCasesSchema, MigrateCaseSchema, OpenCaseSchema, ExtendPauseBodySchema, PauseBodySchema, ProposeForgivenessBodySchema, ResumeBodySchema, SegmentBodySchema } from './schemas.ts';
import { changeCaseContact, ContactPatchSchema } from './contact.ts';
import * as service from './service.ts';
import { openCase } from './open-case.ts';

const caseId = (params: Record<string, unknown>) => parseInput(CaseIdSchema, params.id, 'path.id');

export function casesRouter(deps: service.CaseDeps): Router {
  const router = Router();

  router.post('/cases', requireRole(...caseHandlers), async (req, res) => {
    const input = parseInput(OpenCaseSchema, req.body);
    res.status(201).json({ case: await openCase(deps, input, actorOf(req)) });
  });

  router.get('/cases', requireRole(...caseReaders), async (req, res) => {
    const filter = parseInput(ListCasesSchema, req.query, 'query');
    res.json(await service.listCases(deps, filter, actorOf(req)));
  });

  router.get('/cases/:id', requireRole(...caseReaders), async (req, res) => {
    res.json(await service.getCase(deps, caseId(req.params), actorOf(req)));
  });

  router.post('/cases/:id/pause', requireRole(...caseSteerers), async (req, res) => {
    const input = parseInput(PauseBodySchema, req.body);
    res.json(await service.pauseCase(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/cases/:id/pause/extend', requireRole(...caseSteerers), async (req, res) => {
    const input = parseInput(ExtendPauseBodySchema, req.body);
    res.json(await service.extendPause(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/cases/:id/forgiveness', requireRole(...caseHandlers), async (req, res) => {
    const input = parseInput(ProposeForgivenessBodySchema, req.body);
    res.json(await service.proposeForgiveness(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/cases/:id/resume', requireRole(...caseSteerers), async (req, res) => {
    const input = parseInput(ResumeBodySchema, req.body ?? {});
    res.json(await service.resumeCase(deps, caseId(req.params), input, actorOf(req)));
  });

  router.patch('/cases/:id/contact', requireRole(...caseHandlers), async (req, res) => {
    const patch = parseInput(ContactPatchSchema, req.body);
    const id = caseId(req.params);
    // A new preferred channel is the open case's too (its later messages follow it): told to the
    // workflow first, so an engine that does not answer leaves the contact data as it was.
    if (patch.preferredChannel !== undefined && (await service.requireCase(deps.pool, id)).status !== 'closed') await service.setContactPreference(deps, id, patch.preferredChannel, actorOf(req));
    res.json({ contact: await changeCaseContact(deps.pool, id, patch, actorOf(req).userId) });
  });

  router.post('/cases/:id/cancel', requireRole(...caseClosers), async (req, res) => {
    const input = parseInput(CancelBodySchema, req.body);
    res.json(await service.cancelCase(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/cases/:id/events', requireRole(...caseHandlers), async (req, res) => {
    const input = parseInput(CaseEventBodySchema, req.body);
    res.json(await service.registerEvent(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/cases/:id/segment', requireRole(...caseHandlers), async (req, res) => {
    const input = parseInput(SegmentBodySchema, req.body);
    res.json(await service.confirmSegment(deps, caseId(req.params), input.segment, actorOf(req)));
  });

  router.post('/cases/:id/handovers/:handoverId/response', requireRole(...caseHandlers), async (req, res) => {
    const input = parseInput(HandoverResponseBodySchema, req.body);
    res.json(await service.respondToHandover(deps, caseId(req.params), String(req.params.handoverId), input, actorOf(req)));
  });

  router.post('/cases/:id/migrate', requireRole(...caseClosers), async (req, res) => {
    const input = parseInput(MigrateCaseSchema, req.body);
    res.json(await service.migrateCase(deps, caseId(req.params), input, actorOf(req)));
  });

  router.post('/tasks/:id/complete', requireRole(...staffRoles), async (req, res) => {
    const input = parseInput(CompleteBodySchema, req.body);
    res.json(await service.completeTask(deps, String(req.params.id), input, actorOf(req)));
  });

  return router;
}
