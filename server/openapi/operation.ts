// One documented endpoint: who may call it, what it takes (the same zod schemas the routers
// parse with) and what it answers. `document.ts` turns the list into OpenAPI; the tests walk
// the same list to prove every endpoint refuses the unsigned-in and the wrong role.
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { Role } from '../../definition/catalog.ts';

export type Access = { public: true } | { public: false; roles: Role[] | 'any' };
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

export type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style: /api/cases/:id */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: ZodType;
  /** A CSV upload rather than JSON. */
  bodyIsCsv?: boolean;
  status: number;
  response?: ZodType;
  /** A file rather than JSON (a PDF): its media type. */
  responseFile?: string;
  errors: ErrorStatus[];
};

export const publicAccess: Access = { public: true };
export const signedIn: Access = { public: false, roles: 'any' };
export const roles = (...r: Role[]): Access => ({ public: false, roles: r });

/** A JSON object whose full shape is described in prose (large read models). */
export const json = (description: string) => z.looseObject({}).describe(description);

export const idParam = (name = 'id', schema: ZodType = z.string()) => z.object({ [name]: schema });
