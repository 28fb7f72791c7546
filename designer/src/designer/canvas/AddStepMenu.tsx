// The "+" on an unwired outcome and on a wire: a small menu of step kinds, and the chosen
// step added there, placed in free space and wired (store actions addStepAfter and
// insertStepOnWire). Nodes and edges ask for the menu through this context; the canvas
// draws it once.
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { stepKindLabels } from '../../../../definition/describe.ts';
import type { StepKind } from '../../../../definition/schema.ts';
import { useLanguage } from '../../i18n/index.ts';
import { StepIcon } from '../nodes/icons.tsx';
import { kindStyle, paletteKinds, stepRegistry } from '../nodes/registry.ts';
import { useDesignerActions } from '../store/context.tsx';

export type AddPoint = { after: { step: string; outcome: string } } | { onWire: string };
export type AddRequest = { point: AddPoint; anchor: DOMRect; label: string };

const AddStepContext = createContext<(request: AddRequest) => void>(() => undefined);

export const AddStepProvider = AddStepContext.Provider;
export const useAddStep = () => useContext(AddStepContext);

/** The start step begins a process; it never follows another step. */
const followingKinds = paletteKinds.filter((k) => k !== 'start');

export function AddStepMenu({ request, onClose }: { request: AddRequest; onClose: (added: string | null) => void }) {
  const { t } = useTranslation('designer');
  const lang = useLanguage();
  const actions = useDesignerActions();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const choose = (kind: StepKind) => {
    const create = stepRegistry[kind].create;
    const p = request.point;
    onClose('after' in p ? actions.addStepAfter(p.after.step, p.after.outcome, create) : actions.insertStepOnWire(p.onWire, create));
  };
  const { left, bottom } = request.anchor;
  return (
    <>
      <div className="add-step-backdrop" onClick={() => onClose(null)} aria-hidden="true" />
      <div
        ref={menu}
        className="add-step-menu"
        role="dialog"
        aria-label={request.label}
        style={{ left: Math.max(8, Math.min(left - 90, window.innerWidth - 240)), top: Math.min(bottom + 6, window.innerHeight - 330) }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose(null);
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          e.preventDefault();
          const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }}
      >
        <p className="add-step-title">{request.label}</p>
        {followingKinds.map((kind) => (
          <button key={kind} type="button" className="add-step-kind" style={kindStyle(kind)} data-kind={kind} onClick={() => choose(kind)}>
            <StepIcon kind={kind} size={15} />
            {stepKindLabels[kind][lang]}
          </button>
        ))}
        <button type="button" className="add-step-cancel" onClick={() => onClose(null)}>
          {t('add.cancel')}
        </button>
      </div>
    </>
  );
}

export function AddButton({ label, point, className, tabIndex }: { label: string; point: AddPoint; className: string; tabIndex?: number }): ReactNode {
  const open = useAddStep();
  return (
    <button
      type="button"
      className={`add-step-button nodrag nopan ${className}`}
      aria-label={label}
      title={label}
      tabIndex={tabIndex}
      onClick={(e) => {
        e.stopPropagation();
        open({ point, anchor: e.currentTarget.getBoundingClientRect(), label });
      }}
    >
      +
    </button>
  );
}
