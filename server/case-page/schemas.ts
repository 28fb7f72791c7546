// The case page's own input, parsed at the boundary.
import { z } from 'zod';

export const NoteSchema = z.object({ text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(4000, 'a note is at most 4000 characters') });
export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) });
