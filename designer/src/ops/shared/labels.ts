// Labels for the vocabulary the API speaks in ids: roles, outcomes, segments, statuses.
import { caseOutcomes, roles, segments } from '../../../../definition/catalog.ts';
import { currentLanguage } from '../../i18n/index.ts';

const pick = <K extends string>(labels: Record<K, { nl: string; en: string }>, id: string | null | undefined): string =>
  id && id in labels ? labels[id as K][currentLanguage()] : (id ?? '—');

export const roleLabel = (id: string | null | undefined) => pick(roles.labels, id);
export const outcomeLabel = (id: string | null | undefined) => pick(caseOutcomes.labels, id);
export const segmentLabel = (id: string | null | undefined) => pick(segments.labels, id);

/** Who a case waits on: a role, the tenant, a partner (partner:debt-help), the engine. */
export function waitingOnLabel(id: string | null | undefined, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (!id || id === 'none') return '—';
  if (id in roles.labels) return roleLabel(id);
  if (id.startsWith('partner:')) return t('waitingOn.partner', { partner: id.slice('partner:'.length) });
  return t(`waitingOn.${id}`, { defaultValue: id });
}

export const outcomeColours: Record<string, string> = {
  paid: '#1e7a46',
  'arrangement-completed': '#2c7a7b',
  forgiven: '#6b46c1',
  'handed-over': '#c05621',
  evicted: '#b42318',
  cancelled: '#718096',
};
