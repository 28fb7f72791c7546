// What the designer store holds (State) and the only ways to change it (Actions), kept apart
// so components that only read name the state, and the store module stays the actions.
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { Problem, TemplateInfo } from '../../../../definition/validate.ts';
import type { DefinitionMeta, LooseDefinition } from '../model/convert.ts';
import type { NewStep, OutcomeEdge, StepData, StepNode } from '../model/types.ts';

export type DiffStatus = 'added' | 'changed' | 'removed';

export type Highlight =
  | { mode: 'none' }
  /** The path a legal problem names, from the start to the step that breaks the rule. */
  | { mode: 'path'; steps: ReadonlySet<string>; edges: ReadonlySet<string> }
  | { mode: 'dry-run'; visited: ReadonlySet<string>; current: string | null; edges: ReadonlySet<string> }
  | { mode: 'diff'; status: ReadonlyMap<string, DiffStatus>; edges: ReadonlyMap<string, 'added' | 'removed'> };

export type ServerInfo = {
  /** The published version the draft started from (null for a new definition). */
  basedOnVersion: number | null;
  latestVersion: number | null;
  /** The saved draft's updatedAt, sent back on save to detect a concurrent save; null: no draft yet. */
  draftUpdatedAt: string | null;
  /** The steps of the latest published version: their codes no longer follow their names (running cases and migrations name them). */
  publishedSteps?: readonly string[];
};

/** What is saved and what undo and redo step through: the definition's name, its steps and their wiring. */
export type DesignerDocument = { meta: DefinitionMeta; nodes: StepNode[]; edges: OutcomeEdge[] };

export type DesignerState = DesignerDocument & {
  readOnly: boolean;
  /** Counts edits that change meaning; the live check runs when it moves. */
  revision: number;
  /** Counts edits of the drawing only (moved steps). */
  layoutRevision: number;
  saved: { revision: number; layoutRevision: number };
  dragging: boolean;
  /** The template library; null until loaded (then template references are checked). */
  templates: TemplateInfo[] | null;
  problems: Problem[];
  problemsByStep: ReadonlyMap<string, Problem[]>;
  checkedRevision: number;
  highlight: Highlight;
  clipboard: { nodes: StepNode[]; edges: OutcomeEdge[] } | null;
  /** A request to bring a step into view; the canvas answers it. */
  focus: { stepId: string; seq: number } | null;
  server: ServerInfo;
  /** The last code that followed a name, so the side panel keeps the same form while the code changes under it. */
  lastRename: { from: string; to: string } | null;
};

export type DesignerActions = {
  load(def: LooseDefinition, server: ServerInfo): { skipped: string[] };
  /** Replaces the content (an import), keeping history so it can be undone. */
  replaceContent(def: LooseDefinition): void;
  setTemplates(templates: TemplateInfo[]): void;
  onNodesChange(changes: NodeChange<StepNode>[]): void;
  onEdgesChange(changes: EdgeChange<OutcomeEdge>[]): void;
  connect(connection: Connection): void;
  reconnect(old: OutcomeEdge, connection: Connection): void;
  /** Adds a step made by `create` (the step kind registry's), centred on `position`; returns its id. */
  addStep(create: NewStep, position: { x: number; y: number }): string;
  /** Adds a step after `source`'s `outcome`, below it in free space and wired from it; returns its id (null when read-only). */
  addStepAfter(source: string, outcome: string, create: NewStep): string | null;
  /** Adds a step on a wire: the wire's outcome leads to it, its first outcome to where the wire went. */
  insertStepOnWire(edgeId: string, create: NewStep): string | null;
  /** `historyKey`: edits with the same key in quick succession (typing in one field) are one undo step. */
  updateStep(id: string, update: (data: StepData) => StepData, options?: { historyKey?: string; renamedOutcomes?: Record<string, string> }): void;
  renameStep(oldId: string, newId: string): 'invalid' | 'taken' | null;
  /** A step's new name; its code follows the name while it did so far and the step was never published. */
  nameStep(id: string, name: string): void;
  deleteSelection(): void;
  deleteSteps(ids: string[]): void;
  bridgeAndDelete(stepId: string, viaOutcome: string): void;
  undo(): void;
  redo(): void;
  copySelection(): number;
  paste(): number;
  /** `history: false`: a layout nobody asked for (on opening), neither an edit nor an undo step. */
  applyPositions(positions: Record<string, { x: number; y: number }>, options?: { history?: boolean }): void;
  setMeta(patch: Partial<Omit<DefinitionMeta, 'id'>>, historyKey?: string): void;
  selectStep(id: string | null, options?: { focus?: boolean }): void;
  /** Brings a step into view without selecting it. */
  focusStep(id: string): void;
  setHighlight(highlight: Highlight): void;
  markSaved(server: Partial<ServerInfo>): void;
  validateNow(): void;
};

export type Designer = DesignerState & DesignerActions;
