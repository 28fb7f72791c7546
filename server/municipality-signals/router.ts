// HTTP for the municipality signal at its upload point: the export batches and the answers.
import express, { Router } from 'express';
import { municipalitySignalHandlers } from '../../definition/access.ts';
import { actorOf, requireRole, signedIn } from '../auth/middleware.ts';
import type { CaseDeps } from '../cases/service.ts';
import { invalid } from '../errors.ts';
import { scopeOfRequest } from '../teams/scope.ts';
import { parseInput } from '../validation.ts';
import { importAnswers } from './answers.ts';
import { batches, createBatch, exportBatch } from './export.ts';
import { AnswersBodySchema, BatchIdSchema, ExportFormatSchema } from './schemas.ts';

export function municipalitySignalsRouter(deps: CaseDeps): Router {
  const router = Router();
  const may = requireRole(...municipalitySignalHandlers);
  const reader = async (req: Parameters<typeof signedIn>[0]) => ({ id: signedIn(req).id, scope: await scopeOfRequest(deps.pool, req) });

  router.get('/municipality-signals/batches', may, async (req, res) => {
    res.json(await batches(deps, await reader(req)));
  });

  router.post('/municipality-signals/batches', may, async (req, res) => {
    res.status(201).json({ batch: await createBatch(deps, await reader(req)) });
  });

  router.get('/municipality-signals/batches/:id/export', may, async (req, res) => {
    const id = parseInput(BatchIdSchema, req.params.id, 'path.id');
    const { format } = parseInput(ExportFormatSchema, req.query, 'query');
    const file = await exportBatch(deps, id, format, await reader(req));
    // Names and contact details: no cache on the way or in the browser keeps a copy.
    res.set({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' });
    res.send(file.body);
  });

  // The municipality's answers: a CSV file as exported by its system or typed by staff, or JSON from its API.
  router.post('/municipality-signals/answers', may, express.text({ type: 'text/csv', limit: '5mb' }), async (req, res) => {
    const actor = actorOf(req);
    if (typeof req.body === 'string') {
      if (req.body.trim() === '') {
        const message = 'send the answers as the request body: CSV with Content-Type text/csv, or JSON {answers: [...]}';
        throw invalid(message, [{ field: 'body', message }]);
      }
      res.json(await importAnswers(deps, { csv: req.body }, actor));
      return;
    }
    res.json(await importAnswers(deps, { json: parseInput(AnswersBodySchema, req.body).answers }, actor));
  });

  return router;
}
