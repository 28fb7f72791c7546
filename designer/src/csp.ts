// The web app runs under a content security policy without 'unsafe-eval' (server/security/
// headers.ts). zod compiles fast parsers with `new Function` when it may; its probe for that is
// reported as a violation even though it is caught. Parsing without it is fast enough here.
// Imported first in main.tsx, before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
