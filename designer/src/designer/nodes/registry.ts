// One registry drives the canvas: per step kind, the component that draws it (nodeTypes is
// built from it once, at module scope, so React Flow never remounts nodes), its colour, and
// what a new step of that kind looks like when it is dropped: complete enough to be wired
// at once, with the choices that must be the policy owner's (which template) left open so
// the live check asks for them. The palette lists the kinds in the order a ladder is built.
import type { ComponentType } from 'react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { stepKinds, type StepKind } from '../../../../definition/schema.ts';
import type { StepData, StepNodeOf } from '../model/types.ts';
import { ApprovalNode } from './ApprovalNode.tsx';
import { ArrangementNode } from './ArrangementNode.tsx';
import { CommunicateNode } from './CommunicateNode.tsx';
import { CostsNode } from './CostsNode.tsx';
import { DecisionNode } from './DecisionNode.tsx';
import { EndNode } from './EndNode.tsx';
import { HandoverNode } from './HandoverNode.tsx';
import { StartNode } from './StartNode.tsx';
import { TaskNode } from './TaskNode.tsx';
import { WaitNode } from './WaitNode.tsx';

export type CreationContext = { hasOpeningStart: boolean };

type Entry<K extends StepKind> = {
  component: ComponentType<NodeProps<StepNodeOf<K>>>;
  colour: string;
  create: (id: string, context: CreationContext) => StepData<K>;
};

export const stepRegistry: { [K in StepKind]: Entry<K> } = {
  start: {
    component: StartNode,
    colour: '#2f855a',
    create: (id, context) =>
      context.hasOpeningStart
        ? { id, kind: 'start', name: 'Achterstand betaald', trigger: 'balance-cleared' }
        : { id, kind: 'start', name: 'Achterstand geconstateerd', trigger: 'case-opened' },
  },
  communicate: {
    component: CommunicateNode,
    colour: '#2b6cb0',
    create: (id) => ({ id, kind: 'communicate', name: 'Bericht versturen', channel: 'letter', template: '', purpose: 'reminder', offersMunicipalitySignal: false }),
  },
  wait: {
    component: WaitNode,
    colour: '#718096',
    create: (id) => ({ id, kind: 'wait', name: 'Wachten', duration: 'P3D', workingDays: false, endsOn: [] }),
  },
  task: {
    component: TaskNode,
    colour: '#6b46c1',
    create: (id) => ({
      id,
      kind: 'task',
      name: 'Taak',
      task: 'custom',
      role: 'caseworker',
      deadline: { within: 'P2D', onExpiry: [{ action: 'remind' }] },
      outcomes: [{ id: 'afgerond', label: 'Afgerond', arrangement: false, fields: [] }],
    }),
  },
  decision: {
    component: DecisionNode,
    colour: '#b7791f',
    create: (id) => ({ id, kind: 'decision', name: 'Keuze', branches: [{ id: 'high-balance', label: 'Hoog bedrag', when: { on: 'balance', op: 'gte', cents: 100_000 } }] }),
  },
  handover: {
    component: HandoverNode,
    colour: '#c05621',
    create: (id) => ({ id, kind: 'handover', name: 'Doorverwijzen', partner: 'debt-help', response: { within: 'P14D', otherwise: 'refused' } }),
  },
  arrangement: {
    component: ArrangementNode,
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
    component: ApprovalNode,
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
    component: CostsNode,
    colour: '#c53030',
    create: (id) => ({ id, kind: 'collection-costs', name: 'Incassokosten in rekening brengen' }),
  },
  end: {
    component: EndNode,
    colour: '#2d3748',
    create: (id) => ({ id, kind: 'end', name: 'Afgesloten', outcome: 'paid' }),
  },
};

export const nodeTypes: NodeTypes = Object.fromEntries(stepKinds.map((k) => [k, stepRegistry[k].component])) as NodeTypes;

export const paletteKinds = Object.keys(stepRegistry) as StepKind[];

// Every kind of the language is on the palette and has a component.
if (paletteKinds.length !== stepKinds.length || !stepKinds.every((k) => paletteKinds.includes(k))) {
  throw new Error(`the registry does not cover every step kind: ${stepKinds.filter((k) => !paletteKinds.includes(k)).join(', ')}`);
}

export function createStepData<K extends StepKind>(kind: K, id: string, context: CreationContext): StepData<K> {
  return stepRegistry[kind].create(id, context);
}

export const kindColours = Object.fromEntries(paletteKinds.map((k) => [k, stepRegistry[k].colour])) as Record<StepKind, string>;
