// Arrangements kept against broken, by how many instalments and by the amount they cover.
import { useTranslation } from 'react-i18next';
import { euro, number } from '../i18n/format.ts';
import type { Outcomes } from './api.ts';
import { RateText } from './RateText.tsx';

type Band = Outcomes['arrangements']['byLength'][number];

function BandTable({ bands, label, testId }: { bands: Band[]; label: (b: Band) => string; testId: string }) {
  const { t } = useTranslation('analytics');
  return (
    <table className="ops-table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('arrangements.band')}</th>
          <th className="num">{t('arrangements.kept')}</th>
          <th className="num">{t('arrangements.broken')}</th>
          <th className="num">{t('arrangements.other')}</th>
          <th>{t('arrangements.keptRate')}</th>
        </tr>
      </thead>
      <tbody>
        {bands.map((b) => (
          <tr key={b.band}>
            <td>{label(b)}</td>
            <td className="num">{number(b.kept)}</td>
            <td className="num">{number(b.broken)}</td>
            <td className="num">{number(b.other)}</td>
            <td>
              <RateText rate={b.keptRate} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ArrangementTables({ arrangements }: { arrangements: Outcomes['arrangements'] }) {
  const { t } = useTranslation('analytics');
  const range = (b: Band, show: (v: number) => string) =>
    b.from === null ? t('arrangements.below', { to: show(b.to!) }) : b.to === null ? t('arrangements.from', { from: show(b.from) }) : t('arrangements.between', { from: show(b.from), to: show(b.to) });
  return (
    <div className="ops-card">
      <h2>{t('arrangements.title')}</h2>
      <p className="muted">{t('arrangements.hint')}</p>
      <h3>{t('arrangements.byLength')}</h3>
      <BandTable bands={arrangements.byLength} label={(b) => range(b, (v) => t('arrangements.instalments', { count: v }))} testId="arrangements-by-length" />
      <h3>{t('arrangements.byAmount')}</h3>
      <BandTable bands={arrangements.byAmount} label={(b) => range(b, (v) => euro(v, 0))} testId="arrangements-by-amount" />
    </div>
  );
}
