import { useMemo, useSyncExternalStore } from 'react';
import { navigate } from '../../lib/router.tsx';

// FAQ screens live under a centre: `/c/<slug>/faq/…` for the module's pages and `/c/<slug>/faqs/<FAQ-ID>`
// for one FAQ (a FAQ-ID may be any of `new`, `search` …, so FAQs get their own prefix).

export type FaqPage = 'search' | 'list' | 'new' | 'ranking' | 'synonyms' | 'analytics' | 'votes' | 'transfer';

export type FaqRoute = { slug: string; page: FaqPage } | { slug: string; page: 'detail'; faqId: string };

const pages: Record<string, FaqPage> = {
  '': 'list',
  search: 'search',
  new: 'new',
  ranking: 'ranking',
  synonyms: 'synonyms',
  analytics: 'analytics',
  votes: 'votes',
  io: 'transfer',
};

const segments: Record<FaqPage, string> = {
  list: '',
  search: 'search',
  new: 'new',
  ranking: 'ranking',
  synonyms: 'synonyms',
  analytics: 'analytics',
  votes: 'votes',
  transfer: 'io',
};

/** `/c/iwaki/faq/search` → route; null for paths outside the FAQ screens. */
export function parseFaqRoute(path: string): FaqRoute | null {
  const parts = path.split('/').filter((p) => p !== '');
  const [first, slug, module, sub, ...rest] = parts;
  if (first !== 'c' || !slug || rest.length > 0) return null;
  try {
    if (module === 'faq') {
      const page = pages[sub ?? ''];
      return page ? { slug: decodeURIComponent(slug), page } : null;
    }
    if (module === 'faqs' && sub) {
      return { slug: decodeURIComponent(slug), page: 'detail', faqId: decodeURIComponent(sub) };
    }
  } catch {
    // A malformed escape (`%E3%8`): not a FAQ path.
  }
  return null;
}

type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '' && value !== false)
      params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Console path of a FAQ module page, e.g. `faqHref('iwaki', 'search', { q: 'ごみ' })`. */
export function faqHref(slug: string, page: FaqPage, query?: Query): string {
  const segment = segments[page];
  return withQuery(`/c/${encodeURIComponent(slug)}/faq${segment ? `/${segment}` : ''}`, query);
}

/** Console path of one FAQ; `q` carries the search words that led there (for 「この FAQ で回答した」). */
export function faqItemHref(slug: string, faqId: string, query?: Query): string {
  return withQuery(`/c/${encodeURIComponent(slug)}/faqs/${encodeURIComponent(faqId)}`, query);
}

// ── query string ─────────────────────────────────────────────────────────────────────────────────────
// The console router follows the path only; the FAQ screens keep their filters in the query string so that
// 「戻る」 returns to the same search or list page.

const NAVIGATE_EVENT = 'madoguchi:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentSearch = () => window.location.search;

/** The current query string, re-rendering when it changes. */
export function useQueryParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch, () => '');
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Replace or push the query string of the current page, without moving focus. */
export function setQueryParams(query: Query, options: { replace?: boolean } = {}): void {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const { pathname } = window.location;
  const inner = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  navigate(withQuery(inner, query), { replace: options.replace ?? false, focus: false });
}

// ── one-shot message carried over a navigation (「削除しました」 on the list after a delete) ──────────────

let flash: string | null = null;

export function setFlash(text: string): void {
  flash = text;
}

export function takeFlash(): string | null {
  const text = flash;
  flash = null;
  return text;
}
