// One registry of step kinds for the designer: per kind, its form in the side panel, its icon
// and colour (palette, node, form), what its node shows beyond the shared frame, and what a
// new step of that kind looks like when it is dropped: complete enough to be wired at once,
// with the choices that must be the policy owner's (which template) left open so the live
// check asks for them. Typed over every kind: a new kind does not compile until it is here.
// The palette lists the kinds in the order written here, the order a ladder is built.
import type { ComponentType, CSSProperties } from 'react';
import type { StepKind } from '../../../../definition/schema.ts';
import { usualTaskOutcomes } from '../../../../definition/steps/task.ts';
import { ApprovalForm } from '../forms/ApprovalForm.tsx';
import { ArrangementForm } from '../forms/ArrangementForm.tsx';
import { CommunicateForm } from '../forms/CommunicateForm.tsx';
import { DecisionForm } from '../forms/DecisionForm.tsx';
import { HandoverForm } from '../forms/HandoverForm.tsx';
import { CostsForm, EndForm, StartForm } from '../forms/SimpleForms.tsx';
import { TaskForm } from '../forms/TaskForm.tsx';
import type { FormProps } from '../forms/types.ts';
import { WaitForm } from '../forms/WaitForm.tsx';
import type { NewStep, StepData } from '../model/types.ts';
import { BailiffChip, BranchesSummary, ChannelChip, CommunicateSummary, RoleChip, WorkingDaysChip } from './parts.tsx';

export type StepKindEntry<K extends StepKind> = {
  form: ComponentType<FormProps<K>>;
  /** The line icon, an SVG path on a 24×24 view box drawn in the kind's colour. */
  icon: string;
  colour: string;
  /** Shown beside the kind on the node. */
  chip?: ComponentType<{ data: StepData<K> }>;
  /** Shown under the name instead of the language's one-line summary of the step. */
  summary?: ComponentType<{ data: StepData<K> }>;
  create: NewStep<K>;
};

export const stepRegistry: { [K in StepKind]: StepKindEntry<K> } = {
  start: {
    form: StartForm,
    icon: 'M8 5v14l11-7z',
    colour: '#2f855a',
    create: (id, context) =>
      context.hasOpeningStart
        ? { id, kind: 'start', name: 'Achterstand betaald', trigger: 'balance-cleared' }
        : { id, kind: 'start', name: 'Achterstand geconstateerd', trigger: 'case-opened' },
  },
  communicate: {
    form: CommunicateForm,
    icon: 'M3 6h18v12H3z M3 7l9 6 9-6',
    colour: '#2b6cb0',
    chip: ChannelChip,
    summary: CommunicateSummary,
    create: (id) => ({ id, kind: 'communicate', name: 'Bericht versturen', channel: 'letter', template: '', purpose: 'reminder', offersMunicipalitySignal: false }),
  },
  wait: {
    form: WaitForm,
    icon: 'M12 7v5l3 2 M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18',
    colour: '#5a6678',
    chip: WorkingDaysChip,
    create: (id) => ({ id, kind: 'wait', name: 'Wachten', duration: 'P3D', workingDays: false, endsOn: [] }),
  },
  task: {
    form: TaskForm,
    icon: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8 M4 21c0-4 4-6 8-6s8 2 8 6',
    colour: '#6b46c1',
    chip: RoleChip,
    create: (id) => ({
      id,
      kind: 'task',
      name: 'Taak',
      task: 'custom',
      role: 'caseworker',
      deadline: { within: 'P2D', onExpiry: [{ action: 'remind' }] },
      outcomes: usualTaskOutcomes.custom,
    }),
  },
  decision: {
    form: DecisionForm,
    icon: 'M12 3l9 9-9 9-9-9z',
    colour: '#975a16',
    summary: BranchesSummary,
    create: (id) => ({ id, kind: 'decision', name: 'Keuze', branches: [{ id: 'high-balance', label: 'Hoog bedrag', when: { on: 'balance', op: 'gte', cents: 100_000 } }] }),
  },
  handover: {
    form: HandoverForm,
    icon: 'M4 12h12 M12 7l5 5-5 5 M20 5v14',
    colour: '#c05621',
    chip: BailiffChip,
    create: (id) => ({ id, kind: 'handover', name: 'Doorverwijzen', partner: 'debt-help', response: { within: 'P14D', otherwise: 'refused' } }),
  },
  arrangement: {
    form: ArrangementForm,
    icon: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5 M8 14h2 M12 14h2 M16 14h1',
    colour: '#2c7a7b',
    create: (id) => ({
      id,
      kind: 'arrangement',
      name: 'Betalingsregeling volgen',
      maxInstalments: 12,
      minInstalmentCents: 5000,
      defaultInterval: 'P1M',
      reminder: { channel: 'whatsapp', template: '', before: 'P3D' },
      missed: { channel: 'whatsapp', template: '' },
      gracePeriod: 'P5D',
      allowedMisses: 1,
    }),
  },
  approval: {
    form: ApprovalForm,
    icon: 'M9 12l2 2 4-4 M12 3l7 3v6c0 4-3 7-7 9-4-2-7-5-7-9V6z',
    colour: '#4c51bf',
    create: (id) => ({
      id,
      kind: 'approval',
      name: 'Goedkeuring',
      subject: 'proceed',
      levels: [{ id: 'team-lead', label: 'Teamleider beslist', role: 'team-lead', proposes: false, mayAdjust: false }],
    }),
  },
  'collection-costs': {
    form: CostsForm,
    icon: 'M17 6.5A6 6 0 1 0 17 17.5 M4 10h9 M4 14h9',
    colour: '#c53030',
    create: (id) => ({ id, kind: 'collection-costs', name: 'Incassokosten in rekening brengen' }),
  },
  end: {
    form: EndForm,
    icon: 'M6 6h12v12H6z',
    colour: '#2d3748',
    create: (id) => ({ id, kind: 'end', name: 'Afgesloten', outcome: 'paid' }),
  },
};

export const paletteKinds = Object.keys(stepRegistry) as StepKind[];

/** The kind's colour as the CSS variable the palette, the nodes and the form head are drawn with. */
export const kindStyle = (kind: StepKind): CSSProperties => ({ '--kind': stepRegistry[kind].colour }) as CSSProperties;
