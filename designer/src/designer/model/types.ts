// The canvas model: one React Flow node per step, typed per kind, and one edge per wired
// outcome. A node's data is the step itself without `next` (the edges are the wiring) and
// without `position` (the node has it): saving maps straight back to the definition.
import type { Edge, Node } from '@xyflow/react';
import type { StepKind, StepOf } from '../../../../definition/schema.ts';

/** Distributes over kinds, so StepData (no argument) is the union of every kind's data. */
export type StepData<K extends StepKind = StepKind> = K extends StepKind ? Omit<StepOf<K>, 'next' | 'position'> : never;

export type StepNodeOf<K extends StepKind> = Node<StepData<K>, K>;

/** The union of every node kind the canvas draws. */
export type StepNode = { [K in StepKind]: StepNodeOf<K> }[StepKind];

/** What a new step may depend on: a definition with an opening start gets an aftercare start next. */
export type CreationContext = { hasOpeningStart: boolean };

/** Makes a new step of one kind, complete enough to be wired at once. */
export type NewStep<K extends StepKind = StepKind> = (id: string, context: CreationContext) => StepData<K>;

/** An edge is an outcome: its sourceHandle is the outcome id, its id `${source}::${outcome}`. */
export type OutcomeEdge = Edge & { sourceHandle: string };

export const edgeId = (source: string, outcome: string) => `${source}::${outcome}`;
export const TARGET_HANDLE = 'in';
