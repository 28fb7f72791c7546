// Which roles may do what, in one place.
import type { Role } from '../../definition/catalog.ts';

export const staff: Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager', 'ops', 'admin', 'policy-owner'];
export const caseHandlers: Role[] = ['caseworker', 'team-lead', 'collection-manager'];
export const caseSteerers: Role[] = ['caseworker', 'team-lead', 'collection-manager', 'ops'];
export const caseClosers: Role[] = ['team-lead', 'collection-manager', 'ops'];
export const policyOwners: Role[] = ['policy-owner'];
/** Notes on a case (stored in case_notes, shown in the timeline). */
export const noteWriters: Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager', 'ops'];
/** Who sees a case's audit log (who did and saw what). */
export const auditReaders: Role[] = ['team-lead', 'controller', 'collection-manager', 'ops', 'admin'];
