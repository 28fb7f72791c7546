// The process drawing of one definition version (ProcessMap.tsx), with a heat badge on every
// step that has open cases. A click on a badge or on a step selects that step.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../../../../definition/schema.ts';
import type { Heat } from '../api.ts';
import { BlockedIcon, FailingIcon, PauseIcon, PersonIcon } from '../shared/icons.tsx';
import { HoldMarks } from './HoldMarks.tsx';
import { ProcessMap, useClickedStep, useStepAnchors } from './ProcessMap.tsx';

type StepHeat = Heat['steps'][number];

export function HeatCanvas({
  body,
  steps,
  holds = [],
  selected,
  onSelect,
}: {
  body: Definition;
  steps: StepHeat[];
  holds?: Heat['holds'];
  selected: string | null;
  onSelect: (stepId: string) => void;
}) {
  return (
    <ProcessMap body={body} testId="heat-canvas">
      <HeatBadges steps={steps} selected={selected} onSelect={onSelect} />
      <HoldMarks holds={holds} onSelect={onSelect} />
    </ProcessMap>
  );
}

/** Light amber to deep red by share of the busiest step. */
function heatColour(share: number): string {
  const hue = 42 - 40 * share;
  const light = 88 - 40 * share;
  return `hsl(${hue} 90% ${light}%)`;
}

function HeatBadges({ steps, selected, onSelect }: { steps: StepHeat[]; selected: string | null; onSelect: (stepId: string) => void }) {
  const { t } = useTranslation('ops');
  const anchors = useStepAnchors();
  const byStep = useMemo(() => new Map(steps.map((s) => [s.stepId, s])), [steps]);
  const max = Math.max(1, ...steps.map((s) => s.open));
  useClickedStep(selected, onSelect);

  return (
    <div className="heat-overlay" aria-label={t('heat.badgesLabel')}>
      {anchors.map((n) => {
        const h = byStep.get(n.id);
        if (!h) return null;
        const label = t('heat.badgeLabel', { step: n.name, open: h.open, person: h.waitingOnPerson, paused: h.paused, failing: h.failing, blocked: h.blocked });
        const textLight = h.open / max > 0.55;
        return (
          <button
            key={n.id}
            type="button"
            className={`heat-badge${selected === n.id ? ' selected' : ''}`}
            style={{ left: n.left, top: n.top, background: heatColour(h.open / max), color: textLight ? '#fff' : '#3b2300' }}
            onClick={() => onSelect(n.id)}
            title={label}
            aria-pressed={selected === n.id}
            data-testid={`heat-${n.id}`}
            data-open={h.open}
            data-person={h.waitingOnPerson}
            data-paused={h.paused}
            data-failing={h.failing}
            data-blocked={h.blocked}
          >
            {/* The name is the sentence; the figures and icons show it to the eye only. */}
            <span className="visually-hidden">{label}</span>
            <span className="heat-figures" aria-hidden="true">
            <span className="heat-open">{h.open}</span>
            {h.waitingOnPerson > 0 && (
              <span className="heat-chip person">
                <PersonIcon /> {h.waitingOnPerson}
              </span>
            )}
            {h.paused > 0 && (
              <span className="heat-chip paused">
                <PauseIcon /> {h.paused}
              </span>
            )}
            {h.blocked > 0 && (
              <span className="heat-chip blocked">
                <BlockedIcon /> {h.blocked}
              </span>
            )}
            {h.failing > 0 && (
              <span className="heat-chip failing">
                <FailingIcon /> {h.failing}
              </span>
            )}
            </span>
          </button>
        );
      })}
    </div>
  );
}
