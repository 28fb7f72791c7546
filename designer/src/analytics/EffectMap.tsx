// The process map coloured by effect: the version drawn as the designer draws it (the heat
// view's ProcessMap), with a badge per step giving the chosen figure, its interval and count.
// A step passed by fewer than 30 cases gets a grey badge marked too few, never a colour.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../definition/schema.ts';
import { ProcessMap, useClickedStep, useStepAnchors } from '../ops/heat/ProcessMap.tsx';
import type { Outcomes, Rate } from './api.ts';
import { effectColour, percent, useRateSentence } from './RateText.tsx';

export type Figure = 'paidInFull' | 'arrangement' | 'contact';
export type Window = 'd7' | 'd14' | 'd30';
type Step = Outcomes['steps'][number];

export function EffectMap({ body, steps, figure, window, selected, onSelect }: { body: Definition; steps: Step[]; figure: Figure; window: Window; selected: string | null; onSelect: (stepId: string) => void }) {
  return (
    <ProcessMap body={body} testId="effect-map">
      <EffectBadges steps={steps} pick={(s) => s[figure][window]} selected={selected} onSelect={onSelect} />
    </ProcessMap>
  );
}

function EffectBadges({ steps, pick, selected, onSelect }: { steps: Step[]; pick: (s: Step) => Rate; selected: string | null; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('analytics');
  const anchors = useStepAnchors();
  const sentence = useRateSentence();
  const byStep = useMemo(() => new Map(steps.map((s) => [s.stepId, s])), [steps]);
  useClickedStep(selected, onSelect);

  return (
    <div className="heat-overlay" aria-label={t('map.badgesLabel')}>
      {anchors.map((n) => {
        const s = byStep.get(n.id);
        if (!s || s.passed === 0) return null;
        const rate = pick(s);
        const label = t('map.badgeLabel', { step: n.name, figure: sentence(rate) });
        return (
          <button
            key={n.id}
            type="button"
            className={`heat-badge effect-badge${rate.tooFew ? ' too-few' : ''}${selected === n.id ? ' selected' : ''}`}
            style={{ left: n.left, top: n.top, background: effectColour(rate) }}
            onClick={() => onSelect(n.id)}
            title={label}
            aria-pressed={selected === n.id}
            data-testid={`effect-${n.id}`}
            data-rate={rate.rate ?? ''}
            data-n={rate.n}
            data-too-few={rate.tooFew ? 'true' : 'false'}
            data-rank={s.rank ?? ''}
          >
            <span className="visually-hidden">{label}</span>
            <span aria-hidden="true">
              {rate.tooFew ? t('map.tooFewShort', { n: rate.n }) : `${percent(rate.rate)} · n=${rate.n}`}
            </span>
          </button>
        );
      })}
    </div>
  );
}
