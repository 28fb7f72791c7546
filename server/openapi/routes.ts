// Every endpoint of the API, with the schemas its router parses. A test compares this list
// with the routes the app really has, so an endpoint added without a line here fails CI;
// another walks it to prove each one refuses callers who are not signed in or lack the role.
import { z } from 'zod';
import { TemplateSchema } from '../../definition/templates.ts';
import { DEFAULT_PAYMENT_APPROVAL_CENTS } from '../../definition/payment-control.ts';
import { ApproveBodySchema, ListPaymentRequestsSchema, ListStatementLinesSchema, ManualPaymentSchema, MatchLineSchema, PaymentRequestIdSchema, RejectBodySchema, SetAsideLineSchema, StatementLineIdSchema } from '../payments/schemas.ts';
import { ChangePasswordSchema, LoginSchema, NewUserSchema, SecondFactorCodeSchema, SecondFactorOffSchema, StaffMemberSchema, UserIdSchema, UserPatchSchema, UserSchema } from '../auth/schemas.ts';
import { RoleGrantIdSchema, RoleGrantSchema } from '../auth/role-grants.ts';
import { intakeRunners, auditReaders, caseClosers, caseReaders, teamAdmins, caseHandlers, caseSteerers, noteWriters, opsRoles, paymentApprovers, paymentRegistrars, policyOwners, staffRoles, statementImporters, supervisorRoles, taskRoles, tenantErasers } from '../../definition/access.ts';
import { AuditQuerySchema, NoteSchema } from '../case-page/schemas.ts';
import { CancelBodySchema, CaseEventBodySchema, CaseIdSchema, HandoverResponseBodySchema, ListCasesSchema, MigrateCaseSchema, OpenCaseSchema, ExtendPauseBodySchema, PauseBodySchema, ProposeForgivenessBodySchema, ResumeBodySchema, SegmentBodySchema } from '../cases/schemas.ts';
import { DraftInputSchema, NewDefinitionSchema, PublishSchema, VersionNumberSchema, VersionRefSchema } from '../definitions/service.ts';
import { StartDryRunSchema } from '../dry-run/service.ts';
import { CompleteBodySchema, ReassignSchema, TaskCountsSchema, TaskIdSchema, TaskListQuerySchema, TaskListSchema } from '../tasks/schemas.ts';
import { ErasureBodySchema } from '../privacy/router.ts';
import { IntakeLinesQuerySchema, IntakePushSchema, IntakeRunIdSchema, IntakeUploadQuerySchema } from '../intake/schemas.ts';
import { ContactPatchSchema } from '../cases/contact.ts';
import { TeamIdSchema, TeamInputSchema, TeamSchema } from '../teams/schemas.ts';
import { PayloadsSchema } from '../temporal-codec/router.ts';
import { idParam, json, publicAccess, roles, signedIn, type Operation } from './operation.ts';
import { analyticsOperations } from './routes-analytics.ts';
import { preventionOperations } from './routes-prevention.ts';
import { letterOperations } from './routes-letters.ts';
import { municipalitySignalOperations } from './routes-municipality-signals.ts';
import { policyHoldOperations } from './routes-policy-holds.ts';
import { opsOperations } from './routes-ops.ts';

const caseParams = idParam('id', CaseIdSchema);
const taskParams = idParam('id', TaskIdSchema);
const requestParams = idParam('id', PaymentRequestIdSchema);
const lineParams = idParam('id', StatementLineIdSchema);
const defParams = idParam('id', z.string());
const user = UserSchema;
const ack = z.object({ ok: z.literal(true), balanceCents: z.number().int(), paused: z.boolean() });

export const operations: Operation[] = [
  // --- System
  { method: 'get', path: '/api/health', tag: 'System', summary: 'Health of PostgreSQL and Temporal', access: publicAccess, status: 200, response: json('{status, postgres, temporal}'), errors: [503] },
  { method: 'get', path: '/api/config', tag: 'System', summary: 'Links for the web app (Temporal Web UI)', access: publicAccess, status: 200, response: json('{temporalUiUrl, namespace}'), errors: [] },
  { method: 'get', path: '/api/openapi.json', tag: 'System', summary: 'This document', access: publicAccess, status: 200, response: json('OpenAPI 3.1'), errors: [] },
  ...(['decode', 'encode'] as const).map(
    (op): Operation => ({
      method: 'post',
      path: `/api/temporal-codec/${op}`,
      tag: 'System',
      summary: `The Temporal Web UI's codec endpoint: ${op}s payloads (base64 protobuf JSON) with PAYLOAD_KEYS`,
      description: 'The remote codec protocol of the Temporal Web UI and CLI. The namespace, in X-Namespace, must be this installation’s. CORS with credentials for TEMPORAL_UI_URL.',
      access: roles(...opsRoles),
      body: PayloadsSchema,
      status: 200,
      response: PayloadsSchema,
      errors: [400, 401, 403],
    }),
  ),

  // --- Sign-in and users
  { method: 'post', path: '/api/auth/login', tag: 'Sign-in', summary: 'Sign in; sets the HttpOnly session cookie (the body holds no token). An account with a second factor answers 401 with details {secondFactor: totp} until `code` is sent. The 10th failure on an account within a day locks it for 15 minutes; 50 from one address within an hour block it for an hour', access: publicAccess, body: LoginSchema, status: 200, response: z.object({ user, expiresAt: z.string(), secondFactorRequired: z.boolean() }), errors: [400, 401, 429] },
  { method: 'post', path: '/api/auth/logout', tag: 'Sign-in', summary: 'Sign out (ends the session)', access: publicAccess, status: 204, errors: [] },
  { method: 'get', path: '/api/auth/me', tag: 'Sign-in', summary: 'Who is signed in, and whether their roles still need a second factor set up', access: signedIn, status: 200, response: z.object({ user, secondFactorRequired: z.boolean() }), errors: [401] },
  { method: 'post', path: '/api/auth/second-factor', tag: 'Sign-in', summary: 'Start setting up one\'s second factor: a new secret for an authenticator app (otpauth URI and QR code as SVG); the one in use stays until the new one is confirmed', access: signedIn, status: 200, response: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }), errors: [401] },
  { method: 'post', path: '/api/auth/second-factor/confirm', tag: 'Sign-in', summary: 'Confirm the new second factor with a code from the app; from then on sign-in asks for a code; one\'s other sessions end', access: signedIn, body: SecondFactorCodeSchema, status: 204, errors: [400, 401, 409] },
  { method: 'delete', path: '/api/auth/second-factor', tag: 'Sign-in', summary: 'Turn one\'s second factor off (with the password); refused when one\'s roles need it', access: signedIn, body: SecondFactorOffSchema, status: 204, errors: [400, 401, 409, 429] },
  { method: 'post', path: '/api/auth/password', tag: 'Sign-in', summary: 'Change one\'s own password (the current one checked, the new one strong); ends one\'s other sessions', access: signedIn, body: ChangePasswordSchema, status: 204, errors: [400, 401, 429] },
  { method: 'post', path: '/api/users/:id/second-factor/reset', tag: 'Users', summary: 'Remove a user\'s second factor (a lost phone); their sessions end and they set up a new one', access: roles('admin'), params: idParam('id', UserIdSchema), status: 200, response: z.object({ user }), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/users/:id/unlock', tag: 'Users', summary: 'Unlock an account locked by failed sign-ins', access: roles('admin'), params: idParam('id', UserIdSchema), status: 200, response: z.object({ user, wasLocked: z.boolean() }), errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/users', tag: 'Users', summary: 'All users with their roles, and whether failed sign-ins locked them', access: roles('admin'), status: 200, response: z.object({ users: z.array(user.extend({ locked: z.boolean(), pendingGrant: RoleGrantSchema.nullable() })) }), errors: [401, 403] },
  { method: 'post', path: '/api/users', tag: 'Users', summary: 'Create a user (password hashed with argon2id); the account stays closed until a second admin confirms its roles', access: roles('admin'), body: NewUserSchema, status: 201, response: z.object({ user, grant: RoleGrantSchema }), errors: [400, 401, 403, 409] },
  {
    method: 'patch',
    path: '/api/users/:id',
    tag: 'Users',
    summary: 'Change name, phone, roles; deactivate or activate; reset the password',
    description:
      'Deactivating or resetting the password ends the user\'s sessions. Adding a role or activating an account gives authority: it answers 202 with a grant that a second admin confirms (four-eyes); taking roles away applies at once. An admin cannot change their own roles or deactivate themselves, and the last active admin stays (409).',
    access: roles('admin'),
    params: idParam('id', UserIdSchema),
    body: UserPatchSchema,
    status: 200,
    response: z.object({ user, grant: RoleGrantSchema.optional() }),
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'get', path: '/api/role-grants', tag: 'Users', summary: 'Roles and accounts waiting for a second admin', access: roles('admin'), status: 200, response: z.object({ grants: z.array(RoleGrantSchema) }), errors: [401, 403] },
  { method: 'post', path: '/api/role-grants/:id/confirm', tag: 'Users', summary: 'Confirm roles another admin asked for (not one\'s own request, not for one\'s own account); they apply at once', access: roles('admin'), params: idParam('id', RoleGrantIdSchema), status: 200, response: z.object({ user, grant: RoleGrantSchema }), errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/role-grants/:id/reject', tag: 'Users', summary: 'Reject (or, by the admin who asked, withdraw) roles waiting for confirmation', access: roles('admin'), params: idParam('id', RoleGrantIdSchema), status: 200, response: z.object({ user, grant: RoleGrantSchema }), errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/api/teams', tag: 'Users', summary: 'Teams with their postcode areas and members', access: roles(...teamAdmins), status: 200, response: z.object({ teams: z.array(TeamSchema) }), errors: [401, 403] },
  {
    method: 'put',
    path: '/api/teams/:id',
    tag: 'Users',
    summary: 'Create (201) or replace (200) a team: its name, postcode areas and members',
    description: 'A member of one or more teams sees, in the case list, the inbox and by id, only the cases whose tenancy\'s postcode lies in their teams\' areas; staff in no team see every case. Audited with before and after.',
    access: roles(...teamAdmins),
    params: idParam('id', TeamIdSchema),
    body: TeamInputSchema,
    status: 200,
    response: z.object({ team: TeamSchema }),
    errors: [400, 401, 403],
  },
  { method: 'delete', path: '/api/teams/:id', tag: 'Users', summary: 'Delete a team; its members see every case again unless they are in another team', access: roles(...teamAdmins), params: idParam('id', TeamIdSchema), status: 204, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/staff', tag: 'Users', summary: 'Names and roles of staff (to show who did what, to pick an assignee)', access: roles(...staffRoles), status: 200, response: z.object({ staff: z.array(StaffMemberSchema) }), errors: [401, 403] },

  // --- Cases
  { method: 'post', path: '/api/cases', tag: 'Cases', summary: 'Open a case and start its workflow (a member of a team: for a postcode of their teams\' areas)', access: roles(...caseHandlers), body: OpenCaseSchema, status: 201, response: json('{case}'), errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/api/cases', tag: 'Cases', summary: 'List and filter the cases of one\'s teams\' areas; tenants\' names (and a search by name) only for the roles that work cases, then recorded as a read of personal data', access: roles(...caseReaders), query: ListCasesSchema, status: 200, response: json('{total, cases}'), errors: [400, 401, 403] },
  {
    method: 'get',
    path: '/api/cases/:id',
    tag: 'Cases',
    summary: 'One case: read model, tenant and tenancy, timeline, messages as sent, tasks, payments, handovers, live state',
    description: 'Recorded in the audit log as a read of personal data. A member of a team finds only cases of their teams\' areas (404 otherwise).',
    access: roles(...caseReaders),
    params: caseParams,
    status: 200,
    response: json('{case, tenant, tenancy, timeline, messages, tasks, payments, handovers, live, now}'),
    errors: [400, 401, 403, 404],
  },
  { method: 'get', path: '/api/cases/:id/progress', tag: 'Cases', summary: 'A fingerprint of the case\'s progress to poll (no personal data)', access: roles(...caseReaders), params: caseParams, status: 200, response: z.object({ status: z.string(), balanceCents: z.number().int(), currentStep: z.string().nullable(), version: z.string() }), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/cases/:id/pause', tag: 'Cases', summary: 'Pause the case with a reason and a review date', access: roles(...caseSteerers), params: caseParams, body: PauseBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/cases/:id/pause/extend', tag: 'Cases', summary: 'Give a paused case a later review date (debt help that takes longer; a national pause notice: 4 to 8 months)', access: roles(...caseSteerers), params: caseParams, body: ExtendPauseBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  {
    method: 'post',
    path: '/api/cases/:id/forgiveness',
    tag: 'Cases',
    summary: "Propose forgiveness (kwijtschelding) of an amount with the reasoning: the case leaves its step for the process's forgiveness approval, with this proposal as its first level",
    access: roles(...caseHandlers),
    params: caseParams,
    body: ProposeForgivenessBodySchema,
    status: 200,
    response: z.object({ stepId: z.string(), amountCents: z.number().int(), balanceCents: z.number().int() }),
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'post', path: '/api/cases/:id/resume', tag: 'Cases', summary: 'Resume a paused case (waits continue with the time they had left)', access: roles(...caseSteerers), params: caseParams, body: ResumeBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  {
    method: 'post',
    path: '/api/cases/:id/erase-tenant',
    tag: 'Cases',
    summary: "A tenant's erasure request: the personal data of every case of theirs removed now (refused while one is open); amounts, steps and dates stay",
    access: roles(...tenantErasers),
    params: caseParams,
    body: ErasureBodySchema,
    status: 200,
    response: json('{erased, cases}'),
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'patch',
    path: '/api/cases/:id/contact',
    tag: 'Cases',
    summary: "Change the tenant's contact data (audited with before and after); null clears e-mail, phone or preferred channel",
    access: roles(...caseHandlers),
    params: caseParams,
    body: ContactPatchSchema,
    status: 200,
    response: json('{contact: {name, email, phone, preferredChannel}}'),
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'post', path: '/api/cases/:id/cancel', tag: 'Cases', summary: 'Stop the case', access: roles(...caseClosers), params: caseParams, body: CancelBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/cases/:id/events', tag: 'Cases', summary: 'Register an event (contact, data-sharing refused, a named event a wait ends on)', access: roles(...caseHandlers), params: caseParams, body: CaseEventBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/cases/:id/segment', tag: 'Cases', summary: 'Confirm (or clear) the tenant segment', access: roles(...caseHandlers), params: caseParams, body: SegmentBodySchema, status: 200, response: ack, errors: [400, 401, 403, 404, 409] },
  {
    method: 'post',
    path: '/api/cases/:id/handovers/:handoverId/response',
    tag: 'Cases',
    summary: 'Record a partner\'s answer to a handover',
    access: roles(...caseHandlers),
    params: z.object({ id: CaseIdSchema, handoverId: z.string() }),
    body: HandoverResponseBodySchema,
    status: 200,
    response: ack,
    errors: [400, 401, 403, 404, 409],
  },
  { method: 'post', path: '/api/cases/:id/migrate', tag: 'Cases', summary: 'Move a running case to a later version of its definition', access: roles(...caseClosers), params: caseParams, body: MigrateCaseSchema, status: 200, response: json('migration result'), errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/api/cases/:id/notes', tag: 'Cases', summary: 'Notes staff wrote on the case', access: roles(...caseReaders), params: caseParams, status: 200, response: json('{notes: [{id, at, createdAt, author, authorName, text}]}'), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/cases/:id/notes', tag: 'Cases', summary: 'Add a note (stored in PostgreSQL, shown in the timeline; no workflow involved)', access: roles(...noteWriters), params: caseParams, body: NoteSchema, status: 201, response: json('{note}'), errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/cases/:id/audit', tag: 'Audit', summary: 'Who did and saw what on this case, newest first, with before and after for changes', access: roles(...auditReaders), params: caseParams, query: AuditQuerySchema, status: 200, response: json('{total, entries}'), errors: [400, 401, 403, 404] },

  // --- Tasks
  { method: 'get', path: '/api/tasks', tag: 'Tasks', summary: 'The inbox: mine, my team\'s queue (by role) or overdue, with counts; sortable by deadline and amount', access: roles(...taskRoles), query: TaskListQuerySchema, status: 200, response: TaskListSchema, errors: [400, 401, 403] },
  { method: 'get', path: '/api/tasks/counts', tag: 'Tasks', summary: 'How many tasks are mine, my team\'s and overdue (no personal data)', access: roles(...taskRoles), status: 200, response: TaskCountsSchema, errors: [401, 403] },
  {
    method: 'get',
    path: '/api/tasks/:id',
    tag: 'Tasks',
    summary: 'One task with its case context: balance, recent history, earlier contact, agreed arrangement, the approval so far, arrangement limits',
    access: roles(...taskRoles),
    params: taskParams,
    status: 200,
    response: json('{task, mayComplete, refusal, case, tenant, tenancy, arrangement, lastArrangement, arrangementTargets, approval, contacts, history, now}'),
    errors: [401, 403, 404],
  },
  { method: 'post', path: '/api/tasks/:id/claim', tag: 'Tasks', summary: 'Take a task; then only you (or a team lead) can complete it', access: roles(...taskRoles), params: taskParams, status: 200, response: json('{task}'), errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/tasks/:id/unclaim', tag: 'Tasks', summary: 'Give a claimed task back to the queue (the claimer or a team lead)', access: roles(...taskRoles), params: taskParams, status: 200, response: json('{task}'), errors: [401, 403, 404, 409] },
  { method: 'post', path: '/api/tasks/:id/reassign', tag: 'Tasks', summary: 'Give a task to someone with its role, or back to the queue (team lead)', access: roles(...supervisorRoles), params: taskParams, body: ReassignSchema, status: 200, response: json('{task}'), errors: [400, 401, 403, 404, 409] },
  {
    method: 'post',
    path: '/api/tasks/:id/complete',
    tag: 'Tasks',
    summary: 'Complete a task with an outcome and its form fields, through the case workflow\'s update',
    description:
      'The server checks role, claim and the four-eyes rule first; the workflow checks role, four-eyes, outcome, fields and the realism of an arrangement plan again. Free text is stored in PostgreSQL and the workflow gets a reference.',
    access: roles(...staffRoles),
    params: taskParams,
    body: CompleteBodySchema,
    status: 200,
    response: json('{taskId, outcome, balanceCents}'),
    errors: [400, 401, 403, 404, 409, 503],
  },

  // --- Payments
  { method: 'post', path: '/api/cases/:id/payments', tag: 'Payments', summary: `Register a payment by hand, with a reason (idempotent by reference); 200 when registered, 202 when above the approval threshold (default ${DEFAULT_PAYMENT_APPROVAL_CENTS} cents) it waits for a second person`, access: roles(...paymentRegistrars), params: caseParams, body: ManualPaymentSchema, status: 200, response: json('{status: registered, reference, duplicate, balanceCents} or {status: awaiting-approval, request}'), errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/api/payment-requests', tag: 'Payments', summary: 'Manual payments waiting for (or decided by) a second person', access: roles(...paymentApprovers), query: ListPaymentRequestsSchema, status: 200, response: json('{requests}'), errors: [400, 401, 403] },
  { method: 'post', path: '/api/payment-requests/:id/approve', tag: 'Payments', summary: 'Approve a manual payment someone else registered; it then reaches the case', access: roles(...paymentApprovers), params: requestParams, body: ApproveBodySchema, status: 200, response: json('{status: registered, reference, duplicate, balanceCents, request}'), errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/payment-requests/:id/reject', tag: 'Payments', summary: 'Reject a manual payment, saying why; the case never sees it', access: roles(...paymentApprovers), params: requestParams, body: RejectBodySchema, status: 200, response: json('{request}'), errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/payments/import', tag: 'Payments', summary: 'Import a bank statement (finance): CSV, CAMT.053 or MT940 as the body, read by its content; ?filename= names it; ?preview=true reads and matches it, with totals, and records nothing', access: roles(...statementImporters), bodyIsCsv: true, status: 200, response: json('import report'), errors: [400, 401, 403, 413] },
  { method: 'get', path: '/api/statement-lines', tag: 'Payments', summary: 'Finance\u2019s work queue: statement lines that matched no open case, or more than one (?status=open, the default, oldest first; matched or set-aside, newest first), with the cases an ambiguous line named', access: roles(...statementImporters), query: ListStatementLinesSchema, status: 200, response: json('{lines}'), errors: [400, 401, 403] },
  { method: 'post', path: '/api/statement-lines/:id/match', tag: 'Payments', summary: 'Book a queued line on an open case (by caseId or tenancy reference): the payment reaches the case as an imported one; with the payer\u2019s account remembered for the tenancy (rememberAccount, default true), its next transfer matches by itself. Audited; once (409 after)', access: roles(...statementImporters), params: lineParams, body: MatchLineSchema, status: 200, response: json('{line}'), errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/api/statement-lines/:id/set-aside', tag: 'Payments', summary: 'Leave a queued line off every case, saying why (to refund, not rent); audited; once (409 after)', access: roles(...statementImporters), params: lineParams, body: SetAsideLineSchema, status: 200, response: json('{line}'), errors: [400, 401, 403, 404, 409] },

  // --- The rent ledger's intake
  {
    method: 'post',
    path: '/api/intake/arrears',
    tag: 'Intake',
    summary: 'Take in the rent ledger\u2019s arrears list: CSV (text/csv; docs/intake.md has the header) or JSON {asOf, definitionId, lines}; 202 with the run, worked in its own workflow (intake-<run id>). The same file again answers its earlier run (alreadyImported)',
    description:
      'Each line is checked whole first; a bad line is reported by its number with what is wrong and nothing is done with it. A tenancy with an open case: growth of the ledger\u2019s arrears is added as rent due; a ledger at zero while the case shows arrears opens a task to check it; nothing is closed. A tenancy without one: arrears over the threshold of the definition\u2019s start step open a case. Audited.',
    access: roles(...intakeRunners),
    query: IntakeUploadQuerySchema,
    body: IntakePushSchema,
    status: 202,
    response: json('{run, alreadyImported}'),
    errors: [400, 401, 403, 413],
  },
  { method: 'get', path: '/api/intake/runs', tag: 'Intake', summary: 'The latest intake runs with their progress (done of total lines) and counts per outcome', access: roles(...intakeRunners), status: 200, response: json('{runs}'), errors: [401, 403] },
  { method: 'get', path: '/api/intake/runs/:id', tag: 'Intake', summary: 'One run and its lines\u2019 outcomes (?outcome=invalid for the bad lines, with what is wrong)', access: roles(...intakeRunners), params: idParam('id', IntakeRunIdSchema), query: IntakeLinesQuerySchema, status: 200, response: json('{run, lines}'), errors: [400, 401, 403, 404] },

  // --- Definitions, templates, dry runs
  { method: 'get', path: '/api/definitions', tag: 'Definitions', summary: 'Published definitions (?drafts=true adds unpublished drafts)', access: roles(...staffRoles), status: 200, response: json('{definitions, drafts?}'), errors: [401, 403] },
  { method: 'post', path: '/api/definitions', tag: 'Definitions', summary: 'Start a new definition as a draft', access: roles(...policyOwners), body: NewDefinitionSchema, status: 201, response: json('{draft}'), errors: [400, 401, 403, 409] },
  { method: 'get', path: '/api/definitions/:id', tag: 'Definitions', summary: 'The latest published version', access: roles(...staffRoles), params: defParams, status: 200, response: json('published version'), errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/definitions/:id/versions', tag: 'Definitions', summary: 'All published versions', access: roles(...staffRoles), params: defParams, status: 200, response: json('{versions}'), errors: [400, 401, 403] },
  { method: 'get', path: '/api/definitions/:id/versions/:version', tag: 'Definitions', summary: 'One published version', access: roles(...staffRoles), params: z.object({ id: z.string(), version: VersionNumberSchema }), status: 200, response: json('published version'), errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/definitions/:id/draft', tag: 'Definitions', summary: 'The draft with its problems', access: roles(...policyOwners), params: defParams, status: 200, response: json('{draft, problems}'), errors: [400, 401, 403, 404] },
  { method: 'put', path: '/api/definitions/:id/draft', tag: 'Definitions', summary: 'Save the draft (also when invalid; a stale save is refused)', access: roles(...policyOwners), params: defParams, body: DraftInputSchema, status: 200, response: json('{draft, problems}'), errors: [400, 401, 403, 409] },
  { method: 'delete', path: '/api/definitions/:id/draft', tag: 'Definitions', summary: 'Throw the draft away', access: roles(...policyOwners), params: defParams, status: 204, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/definitions/:id/diff', tag: 'Definitions', summary: 'What changed between two versions (or the draft)', access: roles(...staffRoles), params: defParams, query: z.object({ from: VersionRefSchema, to: VersionRefSchema }), status: 200, response: json('{from, to, diff}'), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/definitions/validate', tag: 'Definitions', summary: 'Check a definition: structure, legal rules, advice', access: roles(...policyOwners), body: z.object({ definition: z.unknown() }), status: 200, response: json('{ok, problems}'), errors: [400, 401, 403] },
  { method: 'post', path: '/api/definitions/publish', tag: 'Definitions', summary: 'Publish a new immutable version (refused while it has errors)', access: roles(...policyOwners), body: PublishSchema, status: 201, response: json('published version'), errors: [400, 401, 403] },
  { method: 'post', path: '/api/definitions/dry-run', tag: 'Definitions', summary: 'Run a draft on the real engine for a fictional tenant, in accelerated time', access: roles(...policyOwners), body: StartDryRunSchema, status: 201, response: json('dry run'), errors: [400, 401, 403] },
  { method: 'get', path: '/api/dry-runs/:id', tag: 'Definitions', summary: 'A dry run\'s progress', access: roles(...policyOwners), params: idParam('id', z.uuid()), status: 200, response: json('dry run'), errors: [400, 401, 403, 404] },
  { method: 'post', path: '/api/dry-runs/:id/stop', tag: 'Definitions', summary: 'Stop a dry run', access: roles(...policyOwners), params: idParam('id', z.uuid()), status: 200, response: json('dry run'), errors: [400, 401, 403, 404] },
  { method: 'get', path: '/api/templates', tag: 'Templates', summary: 'The message template library', access: roles(...staffRoles), status: 200, response: json('{templates}'), errors: [401, 403] },
  { method: 'get', path: '/api/templates/:id', tag: 'Templates', summary: 'One template and where it is used', access: roles(...staffRoles), params: idParam(), status: 200, response: json('{template, usedBy}'), errors: [400, 401, 403, 404] },
  { method: 'put', path: '/api/templates/:id', tag: 'Templates', summary: 'Create or change a template', access: roles(...policyOwners), params: idParam(), body: TemplateSchema.omit({ id: true }), status: 200, response: json('{template}'), errors: [400, 401, 403] },
  { method: 'delete', path: '/api/templates/:id', tag: 'Templates', summary: 'Delete a template no definition uses', access: roles(...policyOwners), params: idParam(), status: 204, errors: [400, 401, 403, 404, 409] },

  ...opsOperations,
  ...letterOperations,
  ...municipalitySignalOperations,
  ...policyHoldOperations,
  ...analyticsOperations,
  ...preventionOperations,
];
