// HTTP for printed letters: the days' print batches, a batch as PDF, its hand-over to the
// print-and-post service, and one letter as PDF for the case page.
import { Router, type Response } from 'express';
import { letterPrinters, policyOwners } from '../../definition/access.ts';
import { requireRole, signedIn } from '../auth/middleware.ts';
import { scopeOfRequest } from '../teams/scope.ts';
import { parseInput } from '../validation.ts';
import { LetterPreviewSchema, letterPreviewPdf } from './preview.ts';
import { BatchDateSchema, OutboxIdSchema } from './schemas.ts';
import { batchPdf, batches, handOverBatch, letterPdf, type LetterDeps } from './service.ts';

function sendPdf(res: Response, pdf: Uint8Array, filename: string, disposition: 'attachment' | 'inline'): void {
  // Names and addresses: no cache on the way or in the browser keeps a copy.
  res.set({ 'content-type': 'application/pdf', 'content-disposition': `${disposition}; filename="${filename}"`, 'cache-control': 'no-store' });
  res.send(Buffer.from(pdf));
}

export function lettersRouter(deps: LetterDeps): Router {
  const router = Router();
  const reader = async (req: Parameters<typeof signedIn>[0]) => ({ id: signedIn(req).id, scope: await scopeOfRequest(deps.pool, req) });

  router.get('/letters/batches', requireRole(...letterPrinters), async (_req, res) => {
    res.json({ batches: await batches(deps) });
  });

  router.get('/letters/batches/:date.pdf', requireRole(...letterPrinters), async (req, res) => {
    const date = parseInput(BatchDateSchema, req.params.date, 'path.date');
    const { pdf } = await batchPdf(deps, date, await reader(req));
    sendPdf(res, pdf, `brieven-${date}.pdf`, 'attachment');
  });

  router.post('/letters/batches/:date/handed-over', requireRole(...letterPrinters), async (req, res) => {
    const date = parseInput(BatchDateSchema, req.params.date, 'path.date');
    res.json({ batch: await handOverBatch(deps, date, await reader(req)) });
  });

  router.get('/outbox/:id/letter.pdf', requireRole(...letterPrinters), async (req, res) => {
    const id = parseInput(OutboxIdSchema, req.params.id, 'path.id');
    const { pdf } = await letterPdf(deps, id, await reader(req));
    sendPdf(res, pdf, `brief-${id}.pdf`, 'inline');
  });

  // The designer's preview of a letter template (sample data only: no case, no personal data).
  router.post('/templates/preview.pdf', requireRole(...policyOwners), async (req, res) => {
    sendPdf(res, await letterPreviewPdf(deps.settings, parseInput(LetterPreviewSchema, req.body)), 'voorbeeld.pdf', 'inline');
  });

  return router;
}
