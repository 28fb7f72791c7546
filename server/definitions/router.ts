import { Router } from 'express';
import { z } from 'zod';
import { diffDefinitions } from '../../definition/diff.ts';
import { DefinitionIdSchema } from '../../definition/schema.ts';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { policyOwners, staffRoles } from '../../definition/access.ts';
import type { Db } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import { listTemplates } from '../templates/repository.ts';
import { parseInput } from '../validation.ts';
import { deleteDraft, getDraft, unpublishedDrafts } from './drafts.ts';
import { getVersion, latestVersion, listDefinitions, listVersions } from './repository.ts';
import { createDefinition, DraftInputSchema, loadBody, NewDefinitionSchema, publish, saveDraftChecked, validateAgainstLibrary, VersionRefSchema } from './service.ts';

const PublishSchema = z.object({ definition: z.unknown(), note: z.string().trim().max(2000).optional() });

export function definitionsRouter(pool: Db): Router {
  const router = Router();
  const id = (v: unknown) => parseInput(DefinitionIdSchema, v, 'path.id');

  router.get('/definitions', requireRole(...staffRoles), async (req, res) => {
    const definitions = await listDefinitions(pool);
    // New definitions exist only as drafts until their first publication; the designer lists them too.
    if (req.query.drafts === 'true') {
      const drafts = (await unpublishedDrafts(pool)).map((d) => ({
        id: d.id,
        name: typeof (d.body as { name?: unknown })?.name === 'string' ? (d.body as { name: string }).name : d.id,
        updatedAt: d.updatedAt,
        updatedByName: d.updatedByName,
      }));
      res.json({ definitions, drafts });
      return;
    }
    res.json({ definitions });
  });
  router.post('/definitions', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(NewDefinitionSchema, req.body);
    res.status(201).json({ draft: await createDefinition(pool, input, signedIn(req).id) });
  });
  router.get('/definitions/:id', requireRole(...staffRoles), async (req, res) => {
    const found = await latestVersion(pool, id(req.params.id));
    if (!found) throw notFound(`definition "${req.params.id}" not found`);
    res.json(found);
  });
  router.get('/definitions/:id/versions', requireRole(...staffRoles), async (req, res) => {
    res.json({ versions: await listVersions(pool, id(req.params.id)) });
  });
  router.get('/definitions/:id/versions/:version', requireRole(...staffRoles), async (req, res) => {
    const version = parseInput(z.coerce.number().int().positive('the version is a positive number'), req.params.version, 'path.version');
    const found = await getVersion(pool, id(req.params.id), version);
    if (!found) throw notFound(`definition "${req.params.id}" has no version ${version}`);
    res.json(found);
  });
  router.get('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    const draft = await getDraft(pool, id(req.params.id));
    if (!draft) throw notFound(`definition "${req.params.id}" has no draft`);
    const { problems } = await validateAgainstLibrary(pool, draft.body);
    res.json({ draft, problems });
  });
  router.put('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    const input = parseInput(DraftInputSchema, req.body);
    res.json(await saveDraftChecked(pool, id(req.params.id), input, signedIn(req).id));
  });
  router.delete('/definitions/:id/draft', requireRole(...policyOwners), async (req, res) => {
    if (!(await deleteDraft(pool, id(req.params.id)))) throw notFound(`definition "${req.params.id}" has no draft`);
    res.status(204).end();
  });
  router.get('/definitions/:id/diff', requireRole(...staffRoles), async (req, res) => {
    const defId = id(req.params.id);
    const from = parseInput(VersionRefSchema, req.query.from, 'query.from');
    const to = parseInput(VersionRefSchema, req.query.to, 'query.to');
    const [before, after] = await Promise.all([loadBody(pool, defId, from), loadBody(pool, defId, to)]);
    res.json({ from, to, diff: diffDefinitions(before, after) });
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
