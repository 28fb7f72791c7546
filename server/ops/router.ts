// HTTP for ops and team management (issue 5): heat view, dashboard, trouble list, case export,
// bulk actions and version migration. Monitoring roles only; the server checks, not the menu.
import { Router } from 'express';
import type { Logger } from 'pino';
import { opsRoles } from '../../definition/access.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import type { CaseDeps } from '../cases/service.ts';
import { parseInput } from '../validation.ts';
import { bulkAction } from './bulk.ts';
import { exportCases } from './csv.ts';
import { dashboard } from './dashboard.ts';
import { heatOf } from './heat.ts';
import { previewMigration, runMigration } from './migration.ts';
import { versionsInUse } from './repository.ts';
import { BulkActionSchema, CsvQuerySchema, DashboardQuerySchema, HeatQuerySchema, MigrationPreviewSchema, MigrationRunSchema, RetryActivityParamsSchema } from './schemas.ts';
import { retryActivity } from './retry-activity.ts';
import { temporalLinker, trouble } from './trouble.ts';

export type OpsDeps = CaseDeps & { log: Logger; temporalUiUrl?: string };

export function opsRouter(deps: OpsDeps): Router {
  const router = Router();
  // Who watches and steers all cases: the same roles the web app's monitoring area shows to.
  const guard = requireRole(...opsRoles);
  const link = temporalLinker(deps.temporalUiUrl, deps.temporal.options.namespace);

  router.get('/ops/versions', guard, async (_req, res) => {
    res.json({ versions: await versionsInUse(deps.pool) });
  });

  router.get('/ops/heat', guard, async (req, res) => {
    res.json(await heatOf(deps.pool, deps.temporal, parseInput(HeatQuerySchema, req.query, 'query')));
  });

  router.get('/ops/dashboard', guard, async (req, res) => {
    res.json(await dashboard(deps.pool, parseInput(DashboardQuerySchema, req.query, 'query')));
  });

  router.get('/ops/trouble', guard, async (req, res) => {
    res.json(await trouble(deps.pool, deps.temporal, link, actorOf(req)));
  });

  router.get('/ops/cases.csv', guard, async (req, res) => {
    const { lang, ...filter } = parseInput(CsvQuerySchema, req.query, 'query');
    const csv = await exportCases(deps.pool, filter, lang, actorOf(req));
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="zaken-${stamp}.csv"`);
    res.send(csv);
  });

  router.post('/ops/cases/bulk', guard, async (req, res) => {
    const input = parseInput(BulkActionSchema, req.body);
    res.json(await bulkAction({ ...deps, log: req.log ?? deps.log }, input, actorOf(req)));
  });

  router.post('/ops/cases/:id/activities/:activityId/retry', guard, async (req, res) => {
    const { id, activityId } = parseInput(RetryActivityParamsSchema, req.params, 'params');
    res.json(await retryActivity(deps, id, activityId, actorOf(req)));
  });

  router.post('/ops/migrations/preview', guard, async (req, res) => {
    res.json(await previewMigration(deps, parseInput(MigrationPreviewSchema, req.body)));
  });

  router.post('/ops/migrations', guard, async (req, res) => {
    const input = parseInput(MigrationRunSchema, req.body);
    res.json(await runMigration({ ...deps, log: req.log ?? deps.log }, input, actorOf(req)));
  });

  return router;
}
