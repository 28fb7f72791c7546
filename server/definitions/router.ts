// HTTP for process definitions: published versions for staff, drafts, validation and
// publishing for policy owners. Also GET /templates, the library the designer picks from.
import { Router } from 'express';
import { DefinitionIdSchema } from '../../definition/schema.ts';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { policyOwners, staffRoles } from '../../definition/access.ts';
import type { Db } from '../db/pool.ts';
import { listTemplates } from '../templates/repository.ts';
import { parseInput } from '../validation.ts';
import { listVersions } from './repository.ts';
import {
  createDefinition,
  definitionList,
  diffVersions,
  discardDraft,
  DraftInputSchema,
  draftWithProblems,
  NewDefinitionSchema,
  publish,
  publishedVersion,
  PublishSchema,
  saveDraftChecked,
  validateAgainstLibrary,
  VersionNumberSchema,
  VersionRefSchema,
} from './service.ts';

export function definitionsRouter(pool: Db): Router {
  const router = Router();
  const id = (v: unknown) => parseInput(DefinitionIdSchema, v, 'path.id');

  router.get('/definitions', requireRole(...staffRoles), async (req, res) => {
    // New definitions exist only as drafts until their first publication; the designer lists them too.
    res.json(await definitionList(pool, { drafts: req.query.drafts === 'true' }));
  });
  router.post('/definitions', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(NewDefinitionSchema, req.body);
    res.status(201).json({ draft: await createDefinition(pool, input, signedIn(req).id) });
  });
  router.get('/definitions/:id', requireRole(...staffRoles), async (req, res) => {
    res.json(await publishedVersion(pool, id(req.params.id)));
  });
  router.get('/definitions/:id/versions', requireRole(...staffRoles), async (req, res) => {
    res.json({ versions: await listVersions(pool, id(req.params.id)) });
  });
  router.get('/definitions/:id/versions/:version', requireRole(...staffRoles), async (req, res) => {
    const version = parseInput(VersionNumberSchema, req.params.version, 'path.version');
    res.json(await publishedVersion(pool, id(req.params.id), version));
  });
  router.get('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    res.json(await draftWithProblems(pool, id(req.params.id)));
  });
  router.put('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(DraftInputSchema, req.body);
    res.json(await saveDraftChecked(pool, id(req.params.id), input, signedIn(req).id));
  });
  router.delete('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    await discardDraft(pool, id(req.params.id));
    res.status(204).end();
  });
  router.get('/definitions/:id/diff', requireRole(...staffRoles), async (req, res) => {
    const defId = id(req.params.id);
    const from = parseInput(VersionRefSchema, req.query.from, 'query.from');
    const to = parseInput(VersionRefSchema, req.query.to, 'query.to');
    res.json(await diffVersions(pool, defId, from, to));
  });
  router.post('/definitions/validate', requireRole(...policyOwners), async (req, res) => {
    const result = await validateAgainstLibrary(pool, req.body?.definition ?? req.body);
    res.json({ ok: result.ok, problems: result.problems });
  });
  router.post('/definitions/publish', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(PublishSchema, req.body);
    const version = await publish(pool, input.definition, signedIn(req).id, input.note ?? null);
    res.status(201).json(version);
  });
  router.get('/templates', requireRole(...staffRoles), async (_req, res) => {
    res.json({ templates: await listTemplates(pool) });
  });
  return router;
}
