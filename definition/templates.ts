// Message templates: what a communicate step sends. Variables are written {{name}}; the
// renderer is shared by the activity that sends and the designer's preview.
import { z } from 'zod';
import { ChannelSchema, TemplateIdSchema } from './steps/base.ts';

export const templateVariables = {
  tenantName: { nl: 'Naam huurder', en: 'Tenant name', sample: 'mevrouw De Vries' },
  amount: { nl: 'Openstaand bedrag', en: 'Amount due', sample: '€ 812,50' },
  dueDate: { nl: 'Vervaldatum', en: 'Due date', sample: '1 november 2026' },
  paymentLink: { nl: 'Persoonlijke link (betalen, regeling, contact)', en: 'Personal link (pay, arrangement, contact)', sample: 'https://woningcorporatie.example/huurder/Vb3kQ9xT2mLp7sRw4yZc8nHd6fJg1aKe5uNo0iXqCtE' },
  caseworkerName: { nl: 'Naam medewerker', en: 'Caseworker name', sample: 'Sanne Jansen' },
  caseworkerPhone: { nl: 'Telefoon medewerker', en: 'Caseworker phone', sample: '010 123 45 67' },
  instalmentAmount: { nl: 'Termijnbedrag', en: 'Instalment amount', sample: '€ 75,00' },
  instalmentDate: { nl: 'Datum termijn', en: 'Instalment date', sample: '1 december 2026' },
  collectionCosts: { nl: 'Incassokosten', en: 'Collection costs', sample: '€ 121,88' },
  /** The tenancy reference (contract number): what the tenant puts on a transfer, and what a bank statement line is matched on (server/payments/import.ts). */
  reference: { nl: 'Betalingskenmerk (contractnummer)', en: 'Payment reference (tenancy reference)', sample: 'HA-1042' },
} as const;
export type TemplateVariable = keyof typeof templateVariables;
export const templateVariableNames = Object.keys(templateVariables) as TemplateVariable[];

export const TemplateSchema = z.object({
  id: TemplateIdSchema,
  channel: ChannelSchema,
  name: z.string().trim().min(1, 'a template needs a name').max(120),
  subject: z.string().max(200).optional(),
  body: z.string().trim().min(1, 'a template needs text').max(10_000),
});
export type Template = z.infer<typeof TemplateSchema>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

export function unknownVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((v) => !(v in templateVariables));
}

export function renderText(text: string, values: Partial<Record<TemplateVariable, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name as TemplateVariable] ?? '');
}

export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${euros},${String(abs % 100).padStart(2, '0')}`;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export function formatDateNl(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
