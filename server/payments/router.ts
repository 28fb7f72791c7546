// HTTP for money: manual payments on a case (with their approval), and bank statements.
import express, { Router } from 'express';
import { paymentApprovers, paymentRegistrars, statementImporters } from '../../definition/access.ts';
import { actorOf, requireRole } from '../auth/middleware.ts';
import { CaseIdSchema } from '../cases/schemas.ts';
import { invalid } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { importStatement } from './import.ts';
import { approvePaymentRequest, registerManualPayment, rejectPaymentRequest, type ManualPaymentDeps } from './manual.ts';
import { listPaymentRequests } from './requests-repository.ts';
import { caseScopeOf } from '../teams/scope.ts';
import {
  ApproveBodySchema,
  ListPaymentRequestsSchema,
  ListStatementLinesSchema,
  ManualPaymentSchema,
  MatchLineSchema,
  PaymentRequestIdSchema,
  RejectBodySchema,
  SetAsideLineSchema,
  StatementLineIdSchema,
} from './schemas.ts';
import { matchLine, setAsideLine } from './statement-queue.ts';
import { listQueue } from './statement-queue-repository.ts';

/** CSV, CAMT.053 (XML) and MT940 (sent as a file); the content says which (formats/statement.ts). */
const statementTypes = ['text/csv', 'application/xml', 'application/octet-stream'];

export function paymentsRouter(deps: ManualPaymentDeps): Router {
  const router = Router();
  const requestId = (params: Record<string, unknown>) => parseInput(PaymentRequestIdSchema, params.id, 'path.id');

  // 200 when registered; 202 when it waits for a second person's approval.
  router.post('/cases/:id/payments', requireRole(...paymentRegistrars), async (req, res) => {
    const caseId = parseInput(CaseIdSchema, req.params.id, 'path.id');
    const result = await registerManualPayment(deps, caseId, parseInput(ManualPaymentSchema, req.body), actorOf(req));
    res.status(result.status === 'registered' ? 200 : 202).json(result);
  });

  router.get('/payment-requests', requireRole(...paymentApprovers), async (req, res) => {
    const filter = parseInput(ListPaymentRequestsSchema, req.query, 'query');
    res.json({ requests: await listPaymentRequests(deps.pool, filter, await caseScopeOf(deps.pool, actorOf(req).userId)) });
  });

  router.post('/payment-requests/:id/approve', requireRole(...paymentApprovers), async (req, res) => {
    res.json(await approvePaymentRequest(deps, requestId(req.params), parseInput(ApproveBodySchema, req.body), actorOf(req)));
  });

  router.post('/payment-requests/:id/reject', requireRole(...paymentApprovers), async (req, res) => {
    res.json(await rejectPaymentRequest(deps, requestId(req.params), parseInput(RejectBodySchema, req.body), actorOf(req)));
  });

  // The statement is the request body (CSV, CAMT.053 or MT940, told apart by content); ?filename=
  // names it in the import log; ?preview=true shows the totals and matches, recording nothing.
  router.post('/payments/import', requireRole(...statementImporters), express.text({ type: statementTypes, limit: '20mb' }), async (req, res) => {
    if (typeof req.body !== 'string' || req.body.trim() === '') {
      const message = 'send the bank statement as the request body: CSV with Content-Type text/csv, CAMT.053 with application/xml, MT940 with application/octet-stream';
      throw invalid(message, [{ field: 'body', message }]);
    }
    const filename = typeof req.query.filename === 'string' ? req.query.filename.slice(0, 200) : null;
    res.json(await importStatement(deps, req.body, filename, actorOf(req).userId, { preview: req.query.preview === 'true' }));
  });

  // Finance's work queue: the lines no case was found for, or more than one (statement-queue.ts).
  const lineId = (params: Record<string, unknown>) => parseInput(StatementLineIdSchema, params.id, 'path.id');
  router.get('/statement-lines', requireRole(...statementImporters), async (req, res) => {
    const { status, limit } = parseInput(ListStatementLinesSchema, req.query, 'query');
    res.json({ lines: await listQueue(deps.pool, status, limit) });
  });
  router.post('/statement-lines/:id/match', requireRole(...statementImporters), async (req, res) => {
    res.json({ line: await matchLine(deps, lineId(req.params), parseInput(MatchLineSchema, req.body), actorOf(req).userId) });
  });
  router.post('/statement-lines/:id/set-aside', requireRole(...statementImporters), async (req, res) => {
    res.json({ line: await setAsideLine(deps, lineId(req.params), parseInput(SetAsideLineSchema, req.body), actorOf(req).userId) });
  });
  return router;
}
