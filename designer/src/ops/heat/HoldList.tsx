// Beside the heat view's map: the policy holds that stop steps of this process, on now or
// coming, with the steps they stop and the cases waiting, and a link to all holds.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { date } from '../../i18n/format.ts';
import type { Heat } from '../api.ts';

export function HoldList({ heat }: { heat: Heat }) {
  const { t } = useTranslation('holds');
  if (heat.holds.length === 0) return null;
  const names = new Map(heat.definition.body.steps.map((s) => [s.id, s.name]));
  return (
    <div className="heat-holds" data-testid="heat-holds">
      <h2>{t('heat.title')}</h2>
      <ul>
        {heat.holds.map((h) => (
          <li key={h.id} data-hold={h.id}>
            <strong>{t('heat.item', { name: h.name, from: date(h.startsOn), to: date(h.endsOn), phase: t(`phase.${h.phase}`) })}</strong>
            <div className="muted">{h.reason}</div>
            <div>{h.steps.map((s) => `${names.get(s.stepId) ?? s.stepId}: ${t('heat.markCases', { count: s.heldCases })}`).join(' · ')}</div>
          </li>
        ))}
      </ul>
      <Link to="/ops/holds">{t('heat.link')}</Link>
    </div>
  );
}
