// A letter template as the tenant would get it on paper, for the designer's preview: the
// draft's text rendered with the sample values of definition/templates.ts on the
// organisation's letterhead, with a sample address, payment box, link and QR code. A text with
// the collection costs is shown as a 14-day letter (its pay-by date counted from today).
import { z } from 'zod';
import { amsterdamDate } from '../../definition/calendar.ts';
import { collectionCostsCents } from '../../definition/costs.ts';
import { fourteenDayDeadline } from '../../definition/fourteen-day-deadline.ts';
import { renderText, templateVariableNames, templateVariables, type TemplateVariable } from '../../definition/templates.ts';
import { lettersPdf } from './letter-pdf.ts';
import type { LetterSettings } from './service.ts';

export const LetterPreviewSchema = z.object({
  subject: z.string().max(300, 'subject is at most 300 characters').optional(),
  body: z.string({ error: 'body is required' }).trim().min(1, 'body is required').max(20_000, 'body is at most 20,000 characters'),
});

const SAMPLE_AMOUNT_CENTS = 81_250;
const samples = Object.fromEntries(templateVariableNames.map((v) => [v, templateVariables[v].sample])) as Record<TemplateVariable, string>;

export async function letterPreviewPdf(settings: LetterSettings, input: z.infer<typeof LetterPreviewSchema>, nowMs = Date.now()): Promise<Uint8Array> {
  const today = amsterdamDate(nowMs).day;
  const fourteenDay = input.body.includes('{{collectionCosts}}');
  return await lettersPdf(
    [
      {
        letterhead: settings.letterhead,
        recipient: { name: samples.tenantName, addressLines: ['Dorpsstraat 12', '3511 AB  UTRECHT'] },
        date: today,
        reference: samples.reference,
        subject: input.subject ? renderText(input.subject, samples) : '',
        body: renderText(input.body, samples),
        payment: { amountCents: SAMPLE_AMOUNT_CENTS, link: samples.paymentLink },
        ...(fourteenDay ? { fourteenDay: { payBy: fourteenDayDeadline(today).payBy, collectionCostsCents: collectionCostsCents(SAMPLE_AMOUNT_CENTS) } } : {}),
      },
    ],
    'Voorbeeld',
  );
}
