// A share as the analytics show it everywhere: the percentage, its 95% interval and its count,
// and "too few" when it rests on fewer than 30 cases (then it is never coloured or ranked).
import { useTranslation } from 'react-i18next';
import { number } from '../i18n/format.ts';
import type { Rate } from './api.ts';

export const percent = (v: number | null) => (v === null ? '—' : `${number(v * 100, 0)}%`);

/** The sentence a screen reader and a tooltip get: "50% (95%-interval 35–65%), 20 of 40 cases". */
export function useRateSentence() {
  const { t } = useTranslation('analytics');
  return (r: Rate) =>
    r.rate === null ? t('rate.none') : t(r.tooFew ? 'rate.sentenceTooFew' : 'rate.sentence', { rate: percent(r.rate), low: percent(r.low), high: percent(r.high), k: r.k, n: r.n });
}

export function RateText({ rate }: { rate: Rate }) {
  const { t } = useTranslation('analytics');
  const sentence = useRateSentence();
  if (rate.rate === null) return <span className="muted">—</span>;
  return (
    <span className={`rate${rate.tooFew ? ' too-few' : ''}`} title={sentence(rate)} data-rate={rate.rate} data-n={rate.n} data-too-few={rate.tooFew ? 'true' : 'false'}>
      <strong>{percent(rate.rate)}</strong>{' '}
      <span className="rate-ci">
        ({percent(rate.low)}–{percent(rate.high)})
      </span>{' '}
      <span className="rate-n">n={number(rate.n)}</span>
      {rate.tooFew && <span className="too-few-mark"> · {t('rate.tooFew')}</span>}
    </span>
  );
}

/** Red (0%) to green (100%); grey when there are too few cases to say anything. */
export function effectColour(rate: Rate): string {
  if (rate.tooFew || rate.rate === null) return '#e4e7eb';
  return `hsl(${Math.round(rate.rate * 130)} 70% ${62 - 14 * rate.rate}%)`;
}
