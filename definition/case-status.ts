// Where a case stands, as every part of the product names it: the workflow's state, the
// read model, the search attributes, the API and the web app.
import { z } from 'zod';

export const caseStatuses = ['active', 'paused', 'blocked', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const CaseStatusSchema = z.enum(caseStatuses);
/** The status the read model keeps while a case runs; `closed` is set only by closing it. */
export type OpenCaseStatus = Exclude<CaseStatus, 'closed'>;

/** `ladder`: following the process; `settled`: paid off, on the aftercare path; `closed`: over. */
export const casePhases = ['ladder', 'settled', 'closed'] as const;
export type CasePhase = (typeof casePhases)[number];
