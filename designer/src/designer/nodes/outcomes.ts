// The labelled outcomes of a step, in the current language, for its handles.
import { outcomeLabel } from '../../../../definition/describe.ts';
import { outcomesOf } from '../../../../definition/outcomes.ts';
import type { Step } from '../../../../definition/schema.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { StepData } from '../model/types.ts';
import type { FrameOutcome } from './NodeFrame.tsx';

export function frameOutcomes(data: StepData): FrameOutcome[] {
  const step = data as Step;
  const lang = currentLanguage();
  try {
    return outcomesOf(step).map((id) => ({ id, label: outcomeLabel(step, id, lang) }));
  } catch {
    return [];
  }
}

export function summaryOf(data: StepData, describe: (step: Step) => string): string {
  try {
    return describe(data as Step);
  } catch {
    return '';
  }
}
