import type { StepKind } from '../../../../definition/schema.ts';
import type { StepData } from '../model/types.ts';
import type { Issues } from './schema-form.ts';

export type ChangeOptions = { historyKey?: string; renamedOutcomes?: Record<string, string> };

/** What every kind's form gets: the step, a way to replace it, and the schema's messages. */
export type FormProps<K extends StepKind> = {
  data: StepData<K>;
  onChange: (next: StepData<K>, options?: ChangeOptions) => void;
  issues: Issues;
};
