// Every API request is signed in (401 otherwise) and every endpoint names the roles it
// allows (403 otherwise). The workflow checks task roles again on its side.
import type { NextFunction, Request, Response } from 'express';
import { hasAnyRole } from '../../definition/access.ts';
import type { Role } from '../../definition/catalog.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { Db } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE, userForToken } from './sessions.ts';
import type { User } from './schemas.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: User;
      /** The user's roles need a second factor and they have none yet: only their own account is served. */
      secondFactorMissing?: boolean;
    }
  }
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie || undefined;
}

/** `secondFactorRoles`: roles whose holders must have set up a second factor (SECOND_FACTOR_ROLES). */
export function authenticate(pool: Db, secondFactorRoles: readonly Role[] = []) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = sessionToken(req);
    if (token) req.user = await userForToken(pool, token);
    if (req.user && !req.user.secondFactor && hasAnyRole(req.user.roles, secondFactorRoles)) req.secondFactorMissing = true;
    next();
  };
}

/**
 * Allows signed-in users with at least one of the roles; admins are not implied. Without roles:
 * any signed-in user, for their own account (which is also where a missing second factor is set up).
 */
export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(new AppError('unauthenticated', 'sign in first'));
    if (roles.length && !req.user.roles.some((r) => roles.includes(r))) {
      return next(new AppError('forbidden', `this needs the role ${roles.join(' or ')}; you have ${req.user.roles.join(', ')}`));
    }
    if (roles.length && req.secondFactorMissing) {
      return next(new AppError('forbidden', `your roles (${req.user.roles.join(', ')}) need a second factor: set one up under My account first`, { rule: 'second-factor' }));
    }
    next();
  };
}

export function signedIn(req: Request): User {
  if (!req.user) throw new AppError('unauthenticated', 'sign in first');
  return req.user;
}

/** The actor a workflow sees: an id and roles, no name. */
export function actorOf(req: Request): Actor {
  const user = signedIn(req);
  return { userId: user.id, roles: user.roles };
}
