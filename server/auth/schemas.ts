// Staff users and sign-in: the API's input, parsed at the boundary, and what it answers.
import { z } from 'zod';
import { RoleSchema } from '../../definition/schema.ts';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-strength.ts';

const password = z.string().min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`).max(200, 'a password has at most 200 characters');

export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  /** Signs in with an authenticator app's code besides the password. */
  secondFactor: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/** What anyone on staff may see of a colleague: no phone number. */
export const StaffMemberSchema = UserSchema.omit({ phone: true, secondFactor: true });
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const NewUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a username is 2 to 40 lowercase letters, digits, dots, dashes'),
  displayName: z.string().trim().min(1, 'displayName is required').max(120),
  phone: z.string().trim().max(40).optional(),
  password,
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role'),
}).superRefine((u, ctx) => {
  const weak = passwordWeakness(u.password, [u.username, u.displayName]);
  if (weak) ctx.addIssue({ code: 'custom', path: ['password'], message: weak });
});
export type NewUser = z.output<typeof NewUserSchema>;

export const UserUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  password: password.refine((p) => passwordWeakness(p) === null, { error: (issue) => passwordWeakness(String(issue.input)) ?? 'too weak' }).optional(),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role').optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.output<typeof UserUpdateSchema>;

/** A change needs at least one field; an empty PATCH is a mistake, not a no-op. */
export const UserPatchSchema = UserUpdateSchema.refine((v) => Object.values(v).some((x) => x !== undefined), {
  error: 'send at least one of displayName, phone, password, roles, active',
});

export const UserIdSchema = z.uuid('the user id is not a valid id');

const totpCode = z.string().trim().regex(/^\d{6}$/, 'the code is the 6 digits the authenticator app shows');

export const LoginSchema = z.object({
  username: z.string({ error: 'username is required' }).min(1, 'username is required').max(200, 'username is at most 200 characters'),
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(1000, 'password is at most 1000 characters'),
  /** The authenticator app's code, for an account with a second factor. */
  code: totpCode.optional(),
});

export const SecondFactorCodeSchema = z.object({ code: totpCode });
export const SecondFactorOffSchema = z.object({ currentPassword: z.string({ error: 'currentPassword is required' }).min(1, 'currentPassword is required').max(1000) });

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: 'currentPassword is required' }).min(1, 'currentPassword is required').max(1000),
  newPassword: password,
});
