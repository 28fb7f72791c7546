// Every step kind of the language, to drag onto the canvas (or add with Enter / double click).
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { stepKindHints, stepKindLabels } from '../../../../definition/describe.ts';
import type { StepKind } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { StepIcon } from '../nodes/icons.tsx';
import { kindStyle, paletteKinds, stepRegistry } from '../nodes/registry.ts';
import { useDesignerActions } from '../store/context.tsx';

export const DRAG_TYPE = 'application/x-arrears-step-kind';

export function Palette({ canvasRef }: { canvasRef: React.RefObject<HTMLDivElement | null> }) {
  const { t } = useTranslation('designer');
  const lang = currentLanguage();
  const actions = useDesignerActions();
  const { screenToFlowPosition } = useReactFlow();
  const addAtCentre = (kind: StepKind) => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box) return;
    actions.addStep(stepRegistry[kind].create, screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }));
  };
  return (
    <aside className="palette" aria-label={t('palette.title')}>
      <h2>{t('palette.title')}</h2>
      <p className="muted small">{t('palette.hint')}</p>
      <ul>
        {paletteKinds.map((kind) => (
          <li key={kind}>
            <div
              className="palette-item"
              style={kindStyle(kind)}
              draggable
              role="button"
              tabIndex={0}
              data-kind={kind}
              title={stepKindHints[kind][lang]}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, kind);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onDoubleClick={() => addAtCentre(kind)}
              onKeyDown={(e) => e.key === 'Enter' && addAtCentre(kind)}
            >
              <StepIcon kind={kind} />
              <span>{stepKindLabels[kind][lang]}</span>
            </div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
