// Staff users and sign-in: the API's input, parsed at the boundary, and what it answers.
import { z } from 'zod';
import { RoleSchema } from '../../definition/schema.ts';

export const UserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/** What anyone on staff may see of a colleague: no phone number. */
export const StaffMemberSchema = UserSchema.omit({ phone: true });
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const NewUserSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a username is 2 to 40 lowercase letters, digits, dots, dashes'),
  displayName: z.string().trim().min(1, 'displayName is required').max(120),
  phone: z.string().trim().max(40).optional(),
  password: z.string().min(10, 'a password has at least 10 characters').max(200),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role'),
});
export type NewUser = z.output<typeof NewUserSchema>;

export const UserUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  password: z.string().min(10, 'a password has at least 10 characters').max(200).optional(),
  roles: z.array(RoleSchema).min(1, 'a user needs at least one role').optional(),
  active: z.boolean().optional(),
});
export type UserUpdate = z.output<typeof UserUpdateSchema>;

/** A change needs at least one field; an empty PATCH is a mistake, not a no-op. */
export const UserPatchSchema = UserUpdateSchema.refine((v) => Object.values(v).some((x) => x !== undefined), {
  error: 'send at least one of displayName, phone, password, roles, active',
});

export const UserIdSchema = z.uuid('the user id is not a valid id');

export const LoginSchema = z.object({ username: z.string().min(1, 'username is required'), password: z.string().min(1, 'password is required') });
