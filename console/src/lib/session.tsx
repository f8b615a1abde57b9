import { type Session, sessionSchema } from '@madoguchi/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onCsrfFailed, onUnauthenticated, setCsrfToken } from './api.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Store the session answered by `POST /auth/login`. */
  signIn(session: Session): void;
  signOut(): Promise<void>;
  /** Re-read `GET /auth/session` (after a password change, TOTP change, centre rename …). */
  refresh(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/session', { schema: sessionSchema });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const apply = useCallback((session: Session | null, expired = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'signed-in', session } : { status: 'anonymous', expired });
  }, []);

  useEffect(() => {
    void attempt;
    let cancelled = false;
    setState({ status: 'loading' });
    fetchSession().then(
      (session) => {
        if (!cancelled) apply(session);
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [apply, attempt]);

  useEffect(() => {
    onUnauthenticated(() => apply(null, true));
    onCsrfFailed(async () => {
      const session = await fetchSession();
      if (session) apply(session);
      return session?.csrfToken ?? null;
    });
    return () => {
      onUnauthenticated(null);
      onCsrfFailed(null);
    };
  }, [apply]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signIn: (session) => apply(session),
      signOut: async () => {
        try {
          await api.post('/auth/logout');
        } catch (e) {
          // Already signed out on the server: nothing left to do.
          if (!(e instanceof ApiError && e.status === 401)) throw e;
        }
        apply(null);
      },
      refresh: async () => {
        apply(await fetchSession());
      },
      retry: () => setAttempt((n) => n + 1),
    }),
    [state, apply],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSessionContext outside SessionProvider');
  return ctx;
}

/** The signed-in session; only for components rendered inside the signed-in shell. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession without a signed-in session');
  return state.session;
}
