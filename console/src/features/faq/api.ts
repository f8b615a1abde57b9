import {
  type Center,
  centerSchema,
  type ErrorCode,
  errorCodes,
  errorMessagesJa,
  type FaqImportPreview,
  type faqCommentSchema,
  type faqRankingSchema,
  type SearchResult,
  type Session,
  sessionSchema,
  type synonymGroupSchema,
} from '@madoguchi/contracts';
import { API_BASE, ApiError, api, centerPath } from '../../lib/api.ts';
import { useApi } from '../../lib/use-api.ts';

// Paths and types of the FAQ API (`/api/v1/centers/:center/faqs…`, `/search…`, `/synonyms…`).

export type FaqComment = ReturnType<typeof faqCommentSchema.parse>;
export type FaqRanking = ReturnType<typeof faqRankingSchema.parse>;
export type SynonymGroup = ReturnType<typeof synonymGroupSchema.parse>;
export type SearchHit = SearchResult['hits'][number];
export type FaqImportRow = FaqImportPreview['rows'][number];

export const faqsPath = (slug: string, rest = '') => centerPath(slug, `/faqs${rest}`);
export const faqPath = (slug: string, faqId: string, rest = '') =>
  centerPath(slug, `/faqs/${encodeURIComponent(faqId)}${rest}`);

type Query = Record<string, string | number | undefined | null>;

/** Absolute URL of a GET endpoint for a plain link (downloads use the session cookie). */
export function apiHref(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** The centre's departments and category axes (names for ids), shared by the FAQ screens. */
export function useCenterDetail(slug: string) {
  return useApi<Center>(`center:${slug}`, (signal) =>
    api.get<Center>(centerPath(slug), { signal, schema: centerSchema }),
  );
}

/** Category id → `軸名：カテゴリ名`. */
export function categoryNames(center: Center | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const axis of center?.categoryAxes ?? []) {
    for (const c of axis.categories) names.set(c.id, `${axis.name}：${c.name}`);
  }
  return names;
}

export function departmentName(center: Center | undefined, id: string | null): string {
  if (!id) return '所管課未設定';
  return center?.departments.find((d) => d.id === id)?.name ?? '（不明な所管課）';
}

// ── multipart upload (the shared api client sends JSON only) ─────────────────────────────────────────

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

const statusCodes: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  const code = isErrorCode(err?.code) ? err.code : (statusCodes[res.status] ?? 'internal');
  const message =
    typeof err?.message === 'string' && err.message !== '' ? err.message : errorMessagesJa[code];
  return new ApiError(res.status, code, message, typeof err?.field === 'string' ? err.field : undefined);
}

async function postFile(url: string, file: File, csrfToken: string | null): Promise<Response> {
  const body = new FormData();
  body.set('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'unavailable', 'サーバーに接続できません。ネットワークを確認してください。');
  }
}

/**
 * POST a file as multipart field `file`, with the CSRF header. A stale token is refreshed once from
 * `GET /auth/session`, as the shared client does.
 */
export async function uploadFile<T>(path: string, file: File, csrfToken: string | null, query?: Query) {
  const url = apiHref(path, query);
  let res = await postFile(url, file, csrfToken);
  let error = res.ok ? null : await toApiError(res);
  if (error?.code === 'csrf_failed') {
    const session = await api.get<Session>('/auth/session', { schema: sessionSchema }).catch(() => null);
    if (session) {
      res = await postFile(url, file, session.csrfToken);
      error = res.ok ? null : await toApiError(res);
    }
  }
  if (error) throw error;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** `attachment; filename*=UTF-8''…` → the file name. */
function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1] ?? null;
}

/**
 * Download a GET endpoint's file (exports): fetched first, so that a refusal (e.g. characters Shift_JIS
 * cannot hold) is shown as a message instead of being saved as a file.
 */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(apiHref(path, query), { credentials: 'same-origin', headers: { accept: '*/*' } });
  } catch {
    throw new ApiError(0, 'unavailable', 'サーバーに接続できません。ネットワークを確認してください。');
  }
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const name = filenameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

// ── small helpers ────────────────────────────────────────────────────────────────────────────────────

/** `1.2 MB`, `340 KB`. */
export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.ceil(size / 1024)} KB`;
  return `${size} B`;
}

/** Whether an error is the API's "you may not": such sections are left out rather than shown as failures. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
