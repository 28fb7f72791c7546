// HTTP for outcome analytics ("what works", issue 14). Counts and shares over many closed
// cases, naming no tenant: for those who shape and answer for the ladder (analyticsReaders).
import { Router, type Response } from 'express';
import { analyticsReaders } from '../../definition/access.ts';
import { requireRole } from '../auth/middleware.ts';
import type { Db } from '../db/pool.ts';
import { parseInput } from '../validation.ts';
import { comparison } from './comparison.ts';
import { comparisonCsv, csvOf, fileStamp } from './csv.ts';
import { outcomes } from './outcomes.ts';
import { analyticsVersions } from './versions.ts';
import { ComparisonCsvQuerySchema, ComparisonQuerySchema, OutcomesCsvQuerySchema, OutcomesQuerySchema } from './schemas.ts';

function sendCsv(res: Response, name: string, csv: string) {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}-${fileStamp()}.csv"`);
  res.send(csv);
}

export function analyticsRouter(pool: Db): Router {
  const router = Router();
  const guard = requireRole(...analyticsReaders);

  router.get('/analytics/versions', guard, async (_req, res) => {
    res.json({ versions: await analyticsVersions(pool) });
  });

  router.get('/analytics/outcomes', guard, async (req, res) => {
    res.json(await outcomes(pool, parseInput(OutcomesQuerySchema, req.query, 'query')));
  });

  router.get('/analytics/outcomes.csv', guard, async (req, res) => {
    const { table, lang, ...population } = parseInput(OutcomesCsvQuerySchema, req.query, 'query');
    sendCsv(res, `wat-werkt-${table}`, csvOf[table](await outcomes(pool, population), lang));
  });

  router.get('/analytics/comparison', guard, async (req, res) => {
    res.json(await comparison(pool, parseInput(ComparisonQuerySchema, req.query, 'query')));
  });

  router.get('/analytics/comparison.csv', guard, async (req, res) => {
    const { lang, ...query } = parseInput(ComparisonCsvQuerySchema, req.query, 'query');
    sendCsv(res, 'wat-werkt-versies', comparisonCsv(await comparison(pool, query), lang));
  });

  return router;
}
