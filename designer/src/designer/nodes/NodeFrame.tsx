// The frame every step node shares: kind and icon, name, one line on what the step does,
// its problems, and one labelled handle per outcome along the bottom. What is special per
// kind (the summary, extra chips) comes from the kind's registry entry (StepNode.tsx).
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { stepKindLabels } from '../../../../definition/describe.ts';
import { handleFraction, NODE_HEIGHT } from '../../../../definition/layout-input.ts';
import type { StepKind } from '../../../../definition/schema.ts';
import i18n, { useLanguage } from '../../i18n/index.ts';
import { TARGET_HANDLE } from '../model/types.ts';
import { useDesigner } from '../store/context.tsx';
import type { DesignerState } from '../store/types.ts';
import { AddButton } from '../canvas/AddStepMenu.tsx';
import { StepIcon } from './icons.tsx';
import { kindStyle } from './registry.ts';

export type FrameOutcome = { id: string; label: string };

type Props = {
  id: string;
  kind: StepKind;
  name: string;
  summary: ReactNode;
  outcomes: FrameOutcome[];
  width: number;
  selected: boolean;
  chip?: ReactNode;
};

/** How the current highlight marks this step, as a CSS class. */
function markOf(h: DesignerState['highlight'], id: string): string | undefined {
  switch (h.mode) {
    case 'none':
      return undefined;
    case 'path':
      return h.steps.has(id) ? 'mark-path' : 'mark-dim';
    case 'dry-run':
      return h.current === id ? 'mark-current' : h.visited.has(id) ? 'mark-visited' : 'mark-dim';
    case 'diff': {
      const status = h.status.get(id);
      return status ? `mark-${status}` : 'mark-dim';
    }
  }
}

function wiredOf(edges: DesignerState['edges'], id: string): string {
  let out = '|';
  for (const e of edges) if (e.source === id) out += `${e.sourceHandle}|`;
  return out;
}

export const NodeFrame = memo(function NodeFrame({ id, kind, name, summary, outcomes, width, selected, chip }: Props) {
  const problems = useDesigner((s) => s.problemsByStep.get(id));
  const mark = useDesigner((s) => markOf(s.highlight, id));
  const wired = useDesigner((s) => wiredOf(s.edges, id));
  const readOnly = useDesigner((s) => s.readOnly);
  const updateInternals = useUpdateNodeInternals();
  const handleKey = outcomes.map((o) => o.id).join('|');
  const measuredKey = useRef(handleKey);
  // React Flow measures a node's handles when it first draws it; when the outcomes change
  // later it must measure again. Not on mount: 150 nodes asking at once costs seconds.
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateInternals(id);
  }, [id, handleKey, updateInternals]);

  const errors = problems?.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = (problems?.length ?? 0) - errors;
  const lang = useLanguage();
  const t = i18n.getFixedT(lang, 'designer');
  return (
    <div
      className={`step-node${selected ? ' selected' : ''}${errors ? ' has-errors' : warnings ? ' has-warnings' : ''}${mark ? ` ${mark}` : ''}`}
      style={{ ...kindStyle(kind), width, height: NODE_HEIGHT }}
      title={problems?.map((p) => p.message).join('\n')}
    >
      {kind !== 'start' && <Handle type="target" position={Position.Top} id={TARGET_HANDLE} className="step-handle-in" />}
      <div className="step-node-head">
        <span className="step-node-kind">
          <StepIcon kind={kind} size={14} />
          {stepKindLabels[kind][lang]}
        </span>
        {chip}
        {(errors > 0 || warnings > 0) && (
          <span className={`step-node-problems ${errors ? 'error' : 'warning'}`} aria-label={t('node.problems', { count: errors + warnings })}>
            {errors > 0 ? `${errors} ✕` : `${warnings} !`}
          </span>
        )}
      </div>
      <div className="step-node-name">{name || <em>{t('node.unnamed')}</em>}</div>
      <div className="step-node-summary">{summary}</div>
      {outcomes.map((o, i) => {
        const left = `${handleFraction(i, outcomes.length) * 100}%`;
        const isWired = wired.includes(`|${o.id}|`);
        return (
          <div key={o.id}>
            <span className={`step-outcome-label${isWired ? '' : ' unwired'}`} style={{ left, maxWidth: width / outcomes.length - 6 }} title={o.label}>
              {o.label}
            </span>
            <Handle type="source" position={Position.Bottom} id={o.id} className={`step-handle-out${isWired ? '' : ' unwired'}`} style={{ left }} />
            {!isWired && !readOnly && (
              <span className="add-next" style={{ left }}>
                <AddButton className="after-outcome" point={{ after: { step: id, outcome: o.id } }} label={t('add.after', { outcome: o.label, step: name || id })} />
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});
