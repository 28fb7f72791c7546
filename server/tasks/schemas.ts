// The task inbox API's input and output, parsed and typed from these schemas.
import { z } from 'zod';
import { CaseStatusSchema } from '../../definition/case-status.ts';
import { RoleSchema } from '../../definition/schema.ts';

const intParam = z.coerce.number().int();

export const InboxViewSchema = z.enum(['mine', 'team', 'overdue']);
export type InboxView = z.infer<typeof InboxViewSchema>;

export const TaskListQuerySchema = z.object({
  /** mine: claimed by me, or unclaimed for one of my roles; team: my team's queue; overdue: the team's queue past its deadline. */
  view: InboxViewSchema.default('mine'),
  /** Narrows the team queue to one role. */
  role: RoleSchema.optional(),
  sort: z.enum(['due', 'amount', 'opened'], { error: 'sort is due, amount or opened' }).default('due'),
  order: z.enum(['asc', 'desc'], { error: 'order is asc or desc' }).optional(),
  limit: intParam.min(1).max(500).default(100),
  offset: intParam.min(0).default(0),
});
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;

export const TaskIdSchema = z.string().trim().min(1, 'the task id is required').max(300);

export const ReassignSchema = z.object({
  /** The user who gets the task, or null to put it back in the queue. */
  assignee: z.uuid('assignee must be a user id').nullable(),
});

export const TaskListItemSchema = z.object({
  id: z.string(),
  caseId: z.uuid(),
  stepId: z.string(),
  kind: z.string(),
  title: z.string(),
  role: RoleSchema,
  originalRole: RoleSchema,
  roles: z.array(RoleSchema).describe('who may complete it: the role it opened with and every role it was escalated to'),
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  claimedAt: z.string().nullable(),
  dueAt: z.string().nullable().describe('business time'),
  overdue: z.boolean(),
  reminders: z.number().int(),
  escalatedAt: z.string().nullable(),
  openedAt: z.string(),
  approval: z.object({ stepId: z.string(), level: z.number().int(), levelId: z.string(), levels: z.number().int(), subject: z.string() }).nullable(),
  case: z.object({
    reference: z.string(),
    tenantName: z.string(),
    balanceCents: z.number().int(),
    arrearsCents: z.number().int(),
    status: CaseStatusSchema,
    currentStepName: z.string().nullable(),
    lastContactAt: z.string().nullable(),
    businessNow: z.string(),
  }),
});
export type TaskListItem = z.infer<typeof TaskListItemSchema>;

export const TaskCountsSchema = z.object({ mine: z.number().int(), team: z.number().int(), overdue: z.number().int() });
export type TaskCounts = z.infer<typeof TaskCountsSchema>;

export const TaskListSchema = z.object({ total: z.number().int(), tasks: z.array(TaskListItemSchema), counts: TaskCountsSchema });

/** POST /tasks/:id/complete: an outcome and the values of the fields the outcome asks for. */
export const CompleteBodySchema = z.object({
  outcome: z.string({ error: 'outcome is required' }).min(1, 'outcome is required'),
  fields: z.record(z.string(), z.unknown()).default({}),
});
