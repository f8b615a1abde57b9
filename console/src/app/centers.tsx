import type { SessionCenter } from '@madoguchi/contracts';
import { useSession } from '../lib/session.tsx';

const STORAGE_KEY = 'madoguchi.console.center';

/** Centres in the switcher: the session's (for a system administrator the server lists every centre). */
export function useCenters(): SessionCenter[] {
  return useSession().centers;
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
