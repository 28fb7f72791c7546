// Who may do what, written once: the server's guards, the workflow's update validators and
// the web app's navigation import these, so a person is refused the same thing, in the same
// words, wherever they try it.
import type { Role } from './catalog.ts';
import type { RefusalCode } from './error-codes.ts';

/**
 * The tenant acting on their own page (server/tenant/): an actor without roles, so no staff
 * check passes for them; the timeline says "by the tenant".
 */
export const TENANT_ACTOR = 'tenant';

// --- Role groups ----------------------------------------------------------------------------

export const staffRoles: readonly Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager', 'finance', 'ops', 'admin', 'policy-owner'];
/** Roles that get tasks: the inbox is theirs. */
export const taskRoles: readonly Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager', 'finance'];
/** Who reads tenants' names and contact data in lists and exports: the roles that work cases (need-to-know; ops sees them only on opening a case). */
export const nameReaders: readonly Role[] = taskRoles;
/** Open cases, register payments and contacts, confirm a segment. */
export const caseHandlers: readonly Role[] = ['caseworker', 'team-lead', 'collection-manager'];
/** Register a payment by hand (with a reason; above the approval threshold it waits for a second person). */
export const paymentRegistrars: readonly Role[] = [...caseHandlers, 'finance'];
/** Approve or reject a manual payment above the threshold; never the person who registered it. */
export const paymentApprovers: readonly Role[] = ['finance', 'team-lead', 'collection-manager'];
/** Import bank statements: the books are finance's. */
export const statementImporters: readonly Role[] = ['finance'];
/** Take in the rent ledger's arrears list (upload or push) and read the intake runs: the books' people and the manager answerable for collection. */
export const intakeRunners: readonly Role[] = ['finance', 'collection-manager'];
/** Set up the seasonal prevention campaigns (server/prevention/): who draws the policy and who answers for collection. */
export const campaignManagers: readonly Role[] = ['policy-owner', 'collection-manager'];
/** Pause and resume cases. */
export const caseSteerers: readonly Role[] = ['caseworker', 'team-lead', 'collection-manager', 'ops'];
/** Cancel cases. */
export const caseClosers: readonly Role[] = ['team-lead', 'collection-manager', 'ops'];
/** Who decides a tenant's erasure request (GDPR art. 17): the manager answerable for the collection. */
export const tenantErasers: readonly Role[] = ['collection-manager'];
/**
 * Read cases: the case list (names only for nameReaders) and a case with its tenant. Admin and
 * policy owner see no tenant's data: accounts and the ladder need none (need-to-know).
 */
export const caseReaders: readonly Role[] = [...taskRoles, 'ops'];
export const policyOwners: readonly Role[] = ['policy-owner'];
/** Notes on a case (stored in case_notes, shown in the timeline). */
export const noteWriters: readonly Role[] = ['caseworker', 'team-lead', 'controller', 'collection-manager', 'ops'];
/**
 * Print the letters: download the day's print batch (or one letter for the case page) as PDF
 * and mark a batch handed to the print-and-post service. The PDFs show tenants' names and
 * addresses, so every download is recorded as a read of personal data.
 */
export const letterPrinters: readonly Role[] = ['caseworker', 'team-lead', 'collection-manager', 'ops'];
/**
 * The municipality's early signal as its upload point takes it: export the waiting signals as a
 * batch file, download a batch again, import the municipality's answers. The roles that answer a
 * partner's handover on the case page (caseHandlers), since an answer steers cases the same way;
 * not ops, who reads a tenant's contact data only by opening one case. A batch holds names and
 * contact details, so each download is recorded as a read of personal data, and a member of a
 * team gets the signals of their teams' areas only.
 */
export const municipalitySignalHandlers: readonly Role[] = caseHandlers;
/** Who sees a case's audit log (who did and saw what). */
export const auditReaders: readonly Role[] = ['team-lead', 'controller', 'collection-manager', 'ops'];
/** Monitoring: dashboard, heat view, case search, trouble, migration. */
export const opsRoles: readonly Role[] = ['ops', 'team-lead', 'collection-manager'];
/**
 * Outcome analytics ("what works"): who shapes the ladder (policy owner), who steers and answers
 * for it (team lead, collection manager, controller) and ops beside them. The figures are counts
 * and shares over many cases and name no tenant, so need-to-know allows the policy owner too.
 */
export const analyticsReaders: readonly Role[] = ['policy-owner', 'team-lead', 'collection-manager', 'controller', 'ops'];
/**
 * Policy holds (definition/policy-holds.ts): who sets, changes and ends them. Policy is the
 * policy owner's and the collection manager answers for it; ops and the team lead only read
 * them (the heat view shows which steps a hold stops).
 */
export const policyHoldManagers: readonly Role[] = ['policy-owner', 'collection-manager'];
export const policyHoldReaders: readonly Role[] = [...policyHoldManagers, 'ops', 'team-lead'];
export const adminRoles: readonly Role[] = ['admin'];
/** Define teams and their postcode areas; members then see only their areas' cases. */
export const teamAdmins: readonly Role[] = adminRoles;
/**
 * Roles production asks for a second factor at sign-in, refusing their work until they have set
 * one up: accounts (admin), the final word on money and the ladder (collection manager), and
 * the controller who checks both. SECOND_FACTOR_ROLES changes the list (add finance and team
 * lead to cover every payment approver).
 */
export const secondFactorRoles: readonly Role[] = ['admin', 'collection-manager', 'controller'];
/** Who may reassign tasks and complete a task someone else claimed. */
export const supervisorRoles: readonly Role[] = ['team-lead'];

const oversees: Partial<Record<Role, readonly Role[]>> = {
  'team-lead': ['caseworker'],
  'collection-manager': ['caseworker', 'team-lead', 'controller'],
};

export const hasAnyRole = (roles: readonly Role[], allowed: readonly Role[]): boolean => roles.some((r) => allowed.includes(r));
export const isSupervisor = (roles: readonly Role[]): boolean => hasAnyRole(roles, supervisorRoles);

/** "My team's queue": the task roles one works in, and those one oversees. */
export function teamRoles(roles: readonly Role[]): Role[] {
  const out = new Set<Role>();
  for (const r of roles) {
    if (taskRoles.includes(r)) out.add(r);
    for (const o of oversees[r] ?? []) out.add(o);
  }
  return [...out];
}

// --- Tasks ------------------------------------------------------------------------------------

/**
 * The roles that may complete a task: the role it opened with and every role a deadline
 * escalated it to. An escalation brings in someone more senior; it does not take the task
 * away from those who had it, so whoever picks it up first may finish it.
 */
export function rolesAfterEscalation(roles: readonly Role[], to: Role): Role[] {
  return roles.includes(to) ? [...roles] : [...roles, to];
}

export type Refusal = { code: RefusalCode; rule: string; message: string; details: Record<string, unknown> };

type Actor = { userId: string; roles: readonly Role[] };

/** Refuses an actor none of whose roles may complete the task. */
export function roleRefusal(task: { title: string; roles: readonly Role[] }, actor: Pick<Actor, 'roles'>): Refusal | null {
  if (hasAnyRole(actor.roles, task.roles)) return null;
  return {
    code: 'forbidden',
    rule: 'role',
    message: `task "${task.title}" is for the role ${task.roles.join(' or ')}; you have ${actor.roles.join(', ')}`,
    details: { roles: [...task.roles] },
  };
}

/**
 * The four-eyes rule: each level of an approval is decided by a different person.
 * `decided` is the level this person already decided in this approval, if any.
 */
export function fourEyesRefusal(decided: { id: string; label?: string } | undefined, who?: string): Refusal | null {
  if (!decided) return null;
  const subject = who ? `${who} already decided` : 'you already decided';
  return {
    code: 'forbidden',
    rule: 'four-eyes',
    message: `four-eyes rule: ${subject} the level "${decided.id}" of this approval; a different person must decide this level`,
    details: { level: decided.id, levelLabel: decided.label ?? decided.id },
  };
}

/** A claimed task is completed by whoever claimed it, or by a supervisor stepping in. */
export function claimRefusal(task: { id: string; assignee: string | null; assigneeName?: string | null }, actor: Actor): Refusal | null {
  if (!task.assignee || task.assignee === actor.userId || isSupervisor(actor.roles)) return null;
  return {
    code: 'forbidden',
    rule: 'claimed',
    message: `task ${task.id} is claimed by ${task.assigneeName ?? task.assignee}; only they or a team lead can complete it`,
    details: { assignee: task.assignee },
  };
}
