// The hold vocabulary's labels in the reader's language (definition/policy-holds.ts holds them).
import { holdCoverages, holdTargets, type HoldCoverage, type HoldTarget } from '../../../definition/policy-holds.ts';
import { currentLanguage } from '../i18n/index.ts';

export const holdTargetLabel = (id: string) => holdTargets.labels[id as HoldTarget]?.[currentLanguage()] ?? id;
export const holdCoverageLabel = (id: string) => holdCoverages.labels[id as HoldCoverage]?.[currentLanguage()] ?? id;
