import type { CenterSummary, SessionCenter } from '@madoguchi/contracts';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { api } from '../lib/api.ts';
import { mergeCenters, useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';

const STORAGE_KEY = 'madoguchi.console.center';

interface CentersValue {
  /** Centres in the switcher: the session's, plus every centre for a system administrator. */
  centers: SessionCenter[];
  /** False while a system administrator's full list is still loading. */
  ready: boolean;
  reload(): void;
}

const CentersContext = createContext<CentersValue | null>(null);

export function CentersProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const systemAdmin = session.user.systemAdmin;
  const all = useApi<CenterSummary[]>(systemAdmin ? 'centers' : null, (signal) =>
    api.get<CenterSummary[]>('/centers', { signal }),
  );
  const value = useMemo<CentersValue>(
    () => ({
      centers: mergeCenters(session, all.data ?? null),
      ready: !systemAdmin || all.data !== undefined || all.error !== undefined,
      reload: all.reload,
    }),
    [session, systemAdmin, all.data, all.error, all.reload],
  );
  return <CentersContext.Provider value={value}>{children}</CentersContext.Provider>;
}

export function useCenters(): CentersValue {
  const ctx = useContext(CentersContext);
  if (!ctx) throw new Error('useCenters outside CentersProvider');
  return ctx;
}

export function storedCenterSlug(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeCenterSlug(slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // Storage unavailable (private mode): the URL still carries the centre.
  }
}
