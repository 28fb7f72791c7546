// A team as admins define it (PUT /api/teams/:id) and as the API shows it.
import { z } from 'zod';
import { UserIdSchema } from '../auth/schemas.ts';

export const TeamIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a team id has 2 to 40 lowercase letters, digits and dashes (utrecht-noord)');

const area = z.number({ error: 'a postcode area is the four digits of a postcode' }).int().min(1000, 'postcodes start at 1000').max(9999, 'postcodes end at 9999');

export const TeamAreaSchema = z
  .object({ from: area, to: area })
  .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] });

export const TeamInputSchema = z
  .strictObject({
    name: z.string({ error: 'name is required' }).trim().min(2, 'the name has at least 2 characters').max(80),
    /** Ranges of the four digits of the postcode: 3500-3549 is Utrecht-Noord. */
    areas: z.array(TeamAreaSchema).max(100),
    /** The staff who work this team's cases; they then see only cases of their teams' areas. */
    members: z.array(UserIdSchema).max(500),
  })
  .superRefine((team, ctx) => {
    const sorted = team.areas.map((a, i) => ({ ...a, i })).sort((a, b) => a.from - b.from);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.from <= sorted[k - 1]!.to) ctx.addIssue({ code: 'custom', path: ['areas', sorted[k]!.i], message: `overlaps ${sorted[k - 1]!.from}-${sorted[k - 1]!.to}` });
    }
    const seen = new Set<string>();
    team.members.forEach((m, i) => {
      if (seen.has(m)) ctx.addIssue({ code: 'custom', path: ['members', i], message: 'named twice' });
      seen.add(m);
    });
  });
export type TeamInput = z.output<typeof TeamInputSchema>;

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  areas: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
  members: z.array(z.object({ id: z.string(), displayName: z.string() })),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof TeamSchema>;
