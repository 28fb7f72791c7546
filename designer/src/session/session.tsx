// Who is signed in. The session itself is the HttpOnly cookie the server sets; the app only
// asks /api/auth/me who that is, and forgets the user as soon as any call answers 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../../../definition/catalog.ts';
import { api, ApiError, onUnauthenticated } from '../api/client.ts';

export type SessionUser = { id: string; username: string; displayName: string; phone: string | null; roles: Role[] };

export type Session =
  | { status: 'loading'; user: null }
  | { status: 'signed-out'; user: null }
  | { status: 'signed-in'; user: SessionUser };

type SessionApi = Session & {
  signIn(username: string, password: string): Promise<SessionUser>;
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
      .get<{ user: SessionUser }>('/api/auth/me')
      .then((r) => !cancelled && setSession({ status: 'signed-in', user: r.user }))
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

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api.post<{ user: SessionUser }>('/api/auth/login', { username, password });
    setSession({ status: 'signed-in', user: r.user });
    return r.user;
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
      hasRole: (...roles: Role[]) => session.status === 'signed-in' && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, signIn, signOut],
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
