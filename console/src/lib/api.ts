import { type ErrorCode, errorCodes, errorMessagesJa } from '@madoguchi/contracts';

export const API_BASE = '/api/v1';

/** An error answered by the API (`{ error: { code, message, field? } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;
let csrfRefresher: (() => Promise<string | null>) | null = null;

/** Token sent as `x-csrf-token` on every non-GET request (from `Session.csrfToken`). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 `unauthenticated`: the console returns to the login screen. */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

/** Called once when a request fails with `csrf_failed`, to fetch a fresh token before retrying. */
export function onCsrfFailed(refresher: (() => Promise<string | null>) | null): void {
  csrfRefresher = refresher;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 423) return 'account_locked';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  return 'internal';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (proxy error page, empty body): fall back to the status.
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  const code = isErrorCode(err?.code) ? err.code : fallbackCode(res.status);
  const message =
    typeof err?.message === 'string' && err.message !== '' ? err.message : errorMessagesJa[code];
  const field = typeof err?.field === 'string' ? err.field : undefined;
  return new ApiError(res.status, code, message, field);
}

/** Any zod schema (structurally), so the console needs no direct zod import. */
interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions<T> {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Checked in development only: warns when the server's answer does not match the contract. */
  schema?: ResponseSchema<T>;
  signal?: AbortSignal;
}

export type Query = RequestOptions<unknown>['query'];

/** Absolute URL of an API path with its query (empty values left out); also for plain links (downloads). */
export function apiHref(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: Method, url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart content type with the boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unavailable', 'サーバーに接続できません。ネットワークを確認してください。');
  }
}

async function request<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const url = apiHref(path, options.query);
  let res = await send(method, url, options.body, options.signal);
  let error = res.ok ? null : await toApiError(res);

  if (error?.code === 'csrf_failed' && csrfRefresher) {
    const fresh = await csrfRefresher().catch(() => null);
    if (fresh) {
      csrfToken = fresh;
      res = await send(method, url, options.body, options.signal);
      error = res.ok ? null : await toApiError(res);
    }
  }

  if (error) {
    if (error.code === 'unauthenticated' && !path.startsWith('/auth/session')) unauthenticatedHandler?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text === '' ? undefined : JSON.parse(text);
  if (import.meta.env.DEV && options.schema) {
    const parsed = options.schema.safeParse(data);
    if (!parsed.success)
      console.warn(`[api] ${method} ${path}: response differs from contract`, parsed.error);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T = void>(path: string, body?: unknown, options?: RequestOptions<T>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T = void>(path: string, body: unknown, options?: RequestOptions<T>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T = void>(path: string, body: unknown, options?: RequestOptions<T>) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
  /** POST a file as the multipart field `file`, with the CSRF header and the JSON answer, like `post`. */
  upload: <T>(path: string, file: File, options?: Omit<RequestOptions<T>, 'body'>) => {
    const body = new FormData();
    body.set('file', file, file.name);
    return request<T>('POST', path, { ...options, body });
  },
};

/** Codes whose server message says more than the generic text (which rule, which duplicate, how long locked). */
const specificCodes = new Set<ErrorCode>([
  'validation_failed',
  'password_rejected',
  'conflict',
  'account_locked',
]);
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * Japanese text for an error: the server's own message when it concerns a field (or, for a few codes, when
 * it is a Japanese sentence), else the console's text for the code.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.field) return error.message;
    if (specificCodes.has(error.code) && japanese.test(error.message)) return error.message;
    return errorMessagesJa[error.code];
  }
  return errorMessagesJa.internal;
}

/** `/centers/:center…` with the slug escaped. */
export function centerPath(slug: string, rest = ''): string {
  return `/centers/${encodeURIComponent(slug)}${rest}`;
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
 * Downloads a GET endpoint's file (exports) under the name the server gives: fetched first, so that a refusal
 * (e.g. characters Shift_JIS cannot hold) is shown as a message instead of being saved as a file. Returns the
 * file name.
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
