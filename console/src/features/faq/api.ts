import {
  type Center,
  centerSchema,
  type FaqImportPreview,
  type faqCommentSchema,
  type SearchResult,
} from '@madoguchi/contracts';
import { ApiError, api, centerPath } from '../../lib/api.ts';
import { useApi } from '../../lib/use-api.ts';

// Paths and types of the FAQ API (`/api/v1/centers/:center/faqs…`, `/search…`, `/synonyms…`); uploads and
// downloads go through the shared client (lib/api.ts: api.upload, downloadFile, apiHref).

export type FaqComment = ReturnType<typeof faqCommentSchema.parse>;
export type SearchHit = SearchResult['hits'][number];
export type FaqImportRow = FaqImportPreview['rows'][number];

export const faqsPath = (slug: string, rest = '') => centerPath(slug, `/faqs${rest}`);
export const faqPath = (slug: string, faqId: string, rest = '') =>
  centerPath(slug, `/faqs/${encodeURIComponent(faqId)}${rest}`);

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
