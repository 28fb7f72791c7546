// The right-hand panel: the selected step's form (or the definition's own fields when no
// step is selected), the version list, and the dry run.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shallow } from 'zustand/shallow';
import { outcomeLabel } from '../../../../definition/describe.ts';
import type { Step } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { StepForm } from '../forms/StepForm.tsx';
import { TextField } from '../forms/fields.tsx';
import type { StepData } from '../model/types.ts';
import { useDesigner, useDesignerActions } from '../store/context.tsx';
import { DryRunPanel } from './DryRunPanel.tsx';
import { VersionsPanel, type DiffRequest } from './VersionsPanel.tsx';

export type SideTab = 'step' | 'versions' | 'dry-run';

export function SidePanel({ tab, onTab, onDiff }: { tab: SideTab; onTab: (t: SideTab) => void; onDiff: (d: DiffRequest) => void }) {
  const { t } = useTranslation('designer');
  return (
    <aside className="side-panel">
      <div className="tabs" role="tablist">
        {(['step', 'versions', 'dry-run'] as const).map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => onTab(id)}>
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      <div className="side-panel-body" role="tabpanel">
        {tab === 'step' && <SelectionPanel />}
        {tab === 'versions' && <VersionsPanel onDiff={onDiff} />}
        {tab === 'dry-run' && <DryRunPanel />}
      </div>
    </aside>
  );
}

function SelectionPanel() {
  const selected = useDesigner((s) => s.nodes.filter((n) => n.selected), shallow);
  if (selected.length === 1) return <SelectedStep data={selected[0]!.data as StepData} />;
  if (selected.length > 1) return <MultiSelection count={selected.length} />;
  return <DefinitionForm />;
}

/**
 * The form's React key: the step's code, except while the code follows the name being typed,
 * when it stays the same (a new key would remount the form and take the focus from the name).
 */
function useFormKey(id: string): string {
  const lastRename = useDesigner((s) => s.lastRename);
  const current = useRef({ id, key: id });
  if (current.current.id !== id) {
    const followed = lastRename?.to === id && lastRename.from === current.current.id;
    current.current = { id, key: followed ? current.current.key : id };
  }
  return current.current.key;
}

function SelectedStep({ data }: { data: StepData }) {
  const { t } = useTranslation('designer');
  const formKey = useFormKey(data.id);
  const lang = currentLanguage();
  const actions = useDesignerActions();
  const wired = useDesigner((s) => s.edges.filter((e) => e.source === data.id).map((e) => e.sourceHandle).join('|'));
  const incoming = useDesigner((s) => s.edges.some((e) => e.target === data.id && e.source !== data.id));
  const wiredOutcomes = wired ? wired.split('|') : [];
  const [via, setVia] = useState<string>('');
  const chosenVia = wiredOutcomes.includes(via) ? via : (wiredOutcomes[0] ?? '');
  return (
    <>
      <StepForm key={formKey} data={data} />
      <section className="step-actions">
        <h3>{t('actions.title')}</h3>
        <div className="row wrap">
          <button
            type="button"
            className="button small"
            onClick={() => {
              actions.copySelection();
              actions.paste();
            }}
          >
            {t('actions.duplicate')}
          </button>
          <button type="button" className="button small danger" onClick={() => actions.deleteSteps([data.id])}>
            {t('actions.delete')}
          </button>
        </div>
        {incoming && wiredOutcomes.length > 0 && (
          <div className="bridge">
            <p className="form-hint">{t('actions.bridgeHint')}</p>
            <div className="row wrap">
              <select value={chosenVia} onChange={(e) => setVia(e.target.value)} aria-label={t('actions.bridgeVia')}>
                {wiredOutcomes.map((o) => (
                  <option key={o} value={o}>
                    {t('actions.via', { outcome: outcomeLabel(data as Step, o, lang) })}
                  </option>
                ))}
              </select>
              <button type="button" className="button small danger" onClick={() => actions.bridgeAndDelete(data.id, chosenVia)}>
                {t('actions.bridge')}
              </button>
            </div>
          </div>
        )}
      </section>
    </>
  );
}

function MultiSelection({ count }: { count: number }) {
  const { t } = useTranslation('designer');
  const actions = useDesignerActions();
  return (
    <div className="step-form">
      <p>{t('selection.many', { count })}</p>
      <div className="row wrap">
        <button type="button" className="button small" onClick={() => actions.copySelection()}>
          {t('actions.copy')}
        </button>
        <button type="button" className="button small danger" onClick={() => actions.deleteSelection()}>
          {t('actions.deleteSelection')}
        </button>
      </div>
    </div>
  );
}

function DefinitionForm() {
  const { t } = useTranslation('designer');
  const meta = useDesigner((s) => s.meta);
  const count = useDesigner((s) => s.nodes.length);
  const readOnly = useDesigner((s) => s.readOnly);
  const actions = useDesignerActions();
  return (
    <div className="step-form">
      <h3>{t('definition.title')}</h3>
      <p className="muted">{t('definition.hint', { count })}</p>
      <TextField label={t('definition.name')} value={meta.name} onChange={(name) => !readOnly && actions.setMeta({ name }, 'name')} />
      <TextField
        label={t('definition.description')}
        multiline
        value={meta.description ?? ''}
        onChange={(description) => !readOnly && actions.setMeta(description ? { description } : { description: undefined }, 'description')}
      />
      <p className="muted small">
        {t('definition.id')}: <code>{meta.id}</code>
      </p>
    </div>
  );
}
