import express, { Router } from 'express';
import type { Client } from '@temporalio/client';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { caseHandlers } from '../../definition/access.ts';
import type { Db } from '../db/pool.ts';
import { invalid } from '../errors.ts';
import { importStatement } from './import.ts';

export function paymentsRouter(deps: { pool: Db; temporal: Client }): Router {
  const router = Router();
  // The statement is the request body as text/csv; ?filename= names it in the import log.
  router.post('/payments/import', requireRole(...caseHandlers), express.text({ type: 'text/csv', limit: '5mb' }), async (req, res) => {
    if (typeof req.body !== 'string' || req.body.trim() === '') {
      const message = 'send the bank statement as the request body with Content-Type text/csv';
      throw invalid(message, [{ field: 'body', message }]);
    }
    const filename = typeof req.query.filename === 'string' ? req.query.filename.slice(0, 200) : null;
    res.json(await importStatement(deps, req.body, filename, actorOf(req).userId));
  });
  return router;
}
