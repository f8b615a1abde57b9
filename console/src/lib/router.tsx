import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** `/console/` in production and development (vite `base`). */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
const NAVIGATE_EVENT = 'madoguchi:navigate';

export type CenterPage = 'home' | 'settings' | 'staff' | 'audit' | 'public-site' | 'notice';

export type Route =
  | { name: 'root' }
  | { name: 'center'; slug: string; page: CenterPage }
  | { name: 'jobs' }
  | { name: 'account' }
  | { name: 'new-center' }
  | { name: 'not-found' };

const centerPages: Record<string, CenterPage> = {
  '': 'home',
  settings: 'settings',
  staff: 'staff',
  audit: 'audit',
  'public-site': 'public-site',
  notice: 'notice',
};

/** Path inside the console (`/c/city/audit`) → route. */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { name: 'root' };
  const [first, second, third, ...rest] = parts;
  if (first === 'c' && second && rest.length === 0) {
    const page = centerPages[third ?? ''];
    if (page) return { name: 'center', slug: decodeURIComponent(second), page };
  }
  if (parts.length === 1 && first === 'jobs') return { name: 'jobs' };
  if (parts.length === 1 && first === 'account') return { name: 'account' };
  if (parts.length === 2 && first === 'centers' && second === 'new') return { name: 'new-center' };
  return { name: 'not-found' };
}

/** Console path of a centre page. */
export function centerHref(slug: string, page: CenterPage = 'home'): string {
  const base = `/c/${encodeURIComponent(slug)}`;
  return page === 'home' ? `${base}/` : `${base}/${page}`;
}

function currentPath(): string {
  const { pathname } = window.location;
  const inner = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return inner === '' ? '/' : inner;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

let focusRequested = false;

/**
 * Whether the page just navigated to should move focus to its heading (after a link or back/forward,
 * not on first load, not when the centre switcher changed).
 */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

/** Go to a console path such as `/c/city/audit`. */
export function navigate(to: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  const url = `${BASE}${to}`;
  if (url === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  focusRequested = options.focus ?? !options.replace;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    focusRequested = true;
  });
}

/** The current console path (without `/console`), re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function useRoute(): Route {
  return parseRoute(usePath());
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link that navigates without reloading the page. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={`${BASE}${to}`} onClick={handleClick} {...rest} />;
}
