// Who is signed in. The session itself is the HttpOnly cookie the server sets; the app only
// asks /api/auth/me who that is, and forgets the user as soon as any call answers 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../../../definition/catalog.ts';
import { api, ApiError, onUnauthenticated } from '../api/client.ts';

export type SessionUser = { id: string; username: string; displayName: string; phone: string | null; roles: Role[]; secondFactor: boolean };
/** What signing in and /api/auth/me answer: the user, and whether their roles still need a second factor set up. */
type SignedIn = { user: SessionUser; secondFactorRequired: boolean };

export type Session =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null }
  | { status: 'signed-in'; user: SessionUser; secondFactorRequired: boolean };

type SessionApi = Session & {
  /** `code`: the authenticator app's, for an account with a second factor (the server asks for it). */
  signIn(username: string, password: string, code?: string): Promise<SessionUser>;
  /** Asks the server again who is signed in (after setting up a second factor). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** True when the user has at least one of the roles. */
  hasRole(...roles: Role[]): boolean;
};

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading', user: null });

  useEffect(() => {
    let cancelled = false;
    api
      .get<SignedIn>('/api/auth/me')
      .then((r) => !cancelled && setSession({ status: 'signed-in', ...r }))
      .catch((err: unknown) => {
        if (cancelled) return;
        // Anything but a clear "not signed in" still lands on the sign-in page, which shows errors itself.
        if (!(err instanceof ApiError) || err.status !== 401) console.warn('session check failed', err);
        setSession({ status: 'signed-out', user: null });
      });
    const off = onUnauthenticated(() => setSession({ status: 'signed-out', user: null }));
    return () => {
      cancelled = true;
      off();
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string, code?: string) => {
    const r = await api.post<SignedIn>('/api/auth/login', { username, password, ...(code ? { code } : {}) });
    setSession({ status: 'signed-in', user: r.user, secondFactorRequired: r.secondFactorRequired });
    return r.user;
  }, []);

  const refresh = useCallback(async () => {
    const r = await api.get<SignedIn>('/api/auth/me');
    setSession({ status: 'signed-in', ...r });
  }, []);

  const signOut = useCallback(async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    setSession({ status: 'signed-out', user: null });
  }, []);

  const value = useMemo<SessionApi>(
    () => ({
      ...session,
      signIn,
      signOut,
      refresh,
      hasRole: (...roles: Role[]) => session.status === 'signed-in' && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used inside <SessionProvider>');
  return s;
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useUser(): SessionUser {
  const s = useSession();
  if (s.status !== 'signed-in') throw new Error('useUser needs a signed-in user');
  return s.user;
}
