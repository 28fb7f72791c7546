// The policy holds on the process map: left of each step a hold stops, its name, its last day
// and how many cases wait there because of it (server/ops/heat.ts counts them from the read
// model). Holds not on yet are left off the drawing; the side panel lists them.
import { useTranslation } from 'react-i18next';
import { date } from '../../i18n/format.ts';
import type { Heat } from '../api.ts';
import { useStepAnchors } from './ProcessMap.tsx';
import '../../holds/holds.css';

export function HoldMarks({ holds, onSelect }: { holds: Heat['holds']; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('holds');
  const anchors = useStepAnchors();
  const shown = holds.filter((h) => h.phase === 'active' || h.steps.some((s) => s.heldCases > 0));
  if (shown.length === 0) return null;
  return (
    <div className="heat-overlay" role="group" aria-label={t('heat.title')}>
      {anchors.flatMap((n) => {
        const here = shown.flatMap((h) => h.steps.filter((s) => s.stepId === n.id).map((s) => ({ hold: h, cases: s.heldCases })));
        return here.map(({ hold, cases }, i) => (
          <button
            key={`${hold.id}-${n.id}`}
            type="button"
            className="hold-mark"
            style={{ left: n.below.left, top: n.top + i * 34 }}
            onClick={() => onSelect(n.id)}
            title={hold.reason}
            aria-label={t('heat.markLabel', { name: hold.name, step: n.name, date: date(hold.endsOn), count: cases })}
            data-testid={`hold-${n.id}`}
            data-hold={hold.id}
            data-held={cases}
          >
            <span aria-hidden="true">
              {t('heat.mark', { name: hold.name, date: date(hold.endsOn) })}
              <br />
              {t('heat.markCases', { count: cases })}
            </span>
          </button>
        ));
      })}
    </div>
  );
}
