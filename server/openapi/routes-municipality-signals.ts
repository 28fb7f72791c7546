// The municipality signal's endpoints (server/municipality-signals/router.ts), documented with its own schemas.
import { municipalitySignalHandlers } from '../../definition/access.ts';
import { AnswerReportSchema, AnswersDocSchema, BatchListSchema, BatchParamsSchema, ExportFormatSchema, SignalBatchSchema, answerColumns, signalColumns } from '../municipality-signals/schemas.ts';
import { z } from 'zod';
import { roles, type Operation } from './operation.ts';

const handlers = roles(...municipalitySignalHandlers);
const FORMAT = 'docs/municipality-signal.md describes the files.';

export const municipalitySignalOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/municipality-signals/batches',
    tag: 'Municipality signal',
    summary: 'How many signals wait for the upload point, and the batches made so far with how many of their signals the municipality answered (no personal data)',
    description: 'A member of a team counts and sees the signals of their teams\u2019 areas only.',
    access: handlers,
    status: 200,
    response: BatchListSchema,
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/api/municipality-signals/batches',
    tag: 'Municipality signal',
    summary: 'Every waiting signal (of the caller\u2019s areas) into a new batch, once: a signal is in one batch only; audited. 409 when none waits',
    description: 'Signals delivered through the municipality\u2019s HTTP intake (MUNICIPALITY_SIGNAL_URL) never wait here.',
    access: handlers,
    status: 201,
    response: z.object({ batch: SignalBatchSchema }),
    errors: [401, 403, 409],
  },
  {
    method: 'get',
    path: '/api/municipality-signals/batches/:id/export',
    tag: 'Municipality signal',
    summary: `A batch as the upload point takes it, one row per signal: ${signalColumns.join(', ')}; the same signals at every download. Recorded as a read of personal data`,
    description: `${FORMAT} A member of a team gets a batch only when all its signals are of their teams\u2019 areas (403 otherwise).`,
    access: handlers,
    params: BatchParamsSchema,
    query: ExportFormatSchema,
    status: 200,
    responseFile: 'text/csv',
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/municipality-signals/answers',
    tag: 'Municipality signal',
    summary: `The municipality\u2019s answers (help-accepted, help-refused, not-reachable), as JSON or as CSV (text/csv, header ${answerColumns.join(',')}). Help accepted pauses the case; every answer is on its timeline; audited`,
    description: `${FORMAT} Every line is checked first: a wrong one refuses the whole file (400, each wrong line named by its number) and nothing is applied. The same answer imported again changes nothing (reported unchanged).`,
    access: handlers,
    body: AnswersDocSchema,
    status: 200,
    response: AnswerReportSchema,
    errors: [400, 401, 403, 503],
  },
];
