// Custom search attributes of a case, so `temporal workflow list --query "CaseStep = 'home-visit'"`
// and the Temporal Web UI answer ops questions. Never personal data: these are not encrypted.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CaseStep = defineSearchAttributeKey('CaseStep', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CaseWaitingOn = defineSearchAttributeKey('CaseWaitingOn', SearchAttributeType.KEYWORD);
export const CaseBalance = defineSearchAttributeKey('CaseBalance', SearchAttributeType.DOUBLE);
export const CasePaused = defineSearchAttributeKey('CasePaused', SearchAttributeType.BOOL);
export const CaseDefinition = defineSearchAttributeKey('CaseDefinition', SearchAttributeType.KEYWORD);
export const CaseDefinitionVersion = defineSearchAttributeKey('CaseDefinitionVersion', SearchAttributeType.INT);

/** Name and type as the Temporal CLI's `--search-attribute Name=Type` wants them. */
export const searchAttributeRegistrations: Array<[string, string]> = [
  ['CaseStep', 'Keyword'],
  ['CaseStatus', 'Keyword'],
  ['CaseWaitingOn', 'Keyword'],
  ['CaseBalance', 'Double'],
  ['CasePaused', 'Bool'],
  ['CaseDefinition', 'Keyword'],
  ['CaseDefinitionVersion', 'Int'],
];
