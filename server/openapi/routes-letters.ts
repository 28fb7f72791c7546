// The printed letters' endpoints (server/letters/router.ts), documented with its own schemas.
import { letterPrinters, policyOwners } from '../../definition/access.ts';
import { LetterPreviewSchema } from '../letters/preview.ts';
import { BatchDateParamsSchema, BatchListSchema, HandedOverSchema, OutboxIdParamsSchema } from '../letters/schemas.ts';
import { roles, type Operation } from './operation.ts';

const printers = roles(...letterPrinters);
const BATCH_RULE =
  'A letter belongs to the batch of the Amsterdam calendar day on which it entered the outbox; a letter that arrives after its day\u2019s batch was produced goes into the next day whose batch is not produced yet. A batch\u2019s letters are fixed the first time its PDF is made, so a later download gives the same letters.';

export const letterOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/letters/batches',
    tag: 'Letters',
    summary: 'The days with letters to print, newest first: how many letters, whether the batch was produced and handed over (no personal data)',
    description: BATCH_RULE,
    access: printers,
    status: 200,
    response: BatchListSchema,
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/letters/batches/:date.pdf',
    tag: 'Letters',
    summary: 'A day\u2019s print batch as one PDF, each letter from a new page (in postcode order); the first download makes the batch. Recorded as a read of personal data',
    description: `${BATCH_RULE} A member of a team gets a batch only when all its letters are for addresses in their teams\u2019 areas (403 otherwise). No batch for a day that has not begun (400); none without letters (404).`,
    access: printers,
    params: BatchDateParamsSchema,
    status: 200,
    responseFile: 'application/pdf',
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/letters/batches/:date/handed-over',
    tag: 'Letters',
    summary: 'The batch went to the print-and-post service: its letters count as sent from now; audited. Once: a second call answers 409',
    access: printers,
    params: BatchDateParamsSchema,
    status: 200,
    response: HandedOverSchema,
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'get',
    path: '/api/outbox/:id/letter.pdf',
    tag: 'Letters',
    summary: 'One letter of the outbox as PDF, dated by its print batch (for the case page); recorded as a read of personal data',
    description: 'A member of a team finds only letters of their teams\u2019 areas (404 otherwise). A letter that was not accepted for posting, or whose tenant\u2019s data was erased, has nothing to print (409).',
    access: printers,
    params: OutboxIdParamsSchema,
    status: 200,
    responseFile: 'application/pdf',
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/api/templates/preview.pdf',
    tag: 'Templates',
    summary: 'A letter template as the tenant gets it on paper: the text with sample values on the letterhead, with a sample address, payment box, link and QR code (no case data)',
    access: roles(...policyOwners),
    body: LetterPreviewSchema,
    status: 200,
    responseFile: 'application/pdf',
    errors: [400, 401, 403],
  },
];
