import {
  type Faq,
  type FaqImportPreview,
  type FaqInput,
  type FaqUpdate,
  faqIdSchema,
  faqInputSchema,
} from '@madoguchi/contracts';
import type { z } from 'zod';
import { answerHtmlOf, answerTextOf } from '../answer-html.ts';
import { formatJstDate, formatJstDateTime, normaliseNewlines } from './cells.ts';
import type { CellError, Column, FixedKey, HeaderMap, RowRequest, Vocabulary } from './faq-table.ts';

// What an import would do, decided without touching the database: the preview shown to the user and the
// operations that applying it performs. The service loads the centre's FAQs, calls this, and (on apply)
// re-runs it inside the transaction that writes, so what is written is what was checked.

type RowResult = FaqImportPreview['rows'][number];

/** One write of an import. Adds may carry related FAQs added later in the same file (see `deferred`). */
export type Operation =
  | { kind: 'add'; row: number; input: FaqInput & { relatedFaqIds: string[] } }
  | { kind: 'change'; row: number; faqId: string; patch: FaqUpdate & { version: number } }
  | { kind: 'delete'; row: number; faqId: string; version: number };

/** The preview rows (file order) and the writes, which are planned only when nothing is in error. */
export interface ImportPlan {
  rows: RowResult[];
  operations: Operation[];
}

/** The state the plan is made against. */
export interface PlanContext {
  header: HeaderMap;
  /** The centre's FAQs that are not deleted, by FAQ-ID. */
  existing: ReadonlyMap<string, Faq>;
  /** FAQ-IDs of deleted FAQs: never reused, not deletable again. */
  deletedIds: ReadonlySet<string>;
  vocabulary: Vocabulary;
  /** How the file's encoding would have written a stored text (CP932 round trip, or identity). */
  fold: (text: string) => string;
}

const fieldColumn: Record<string, FixedKey> = {
  faqId: 'faq_id',
  question: 'question',
  answer: 'answer',
  altPhrasings: 'alt_phrasings',
  keywords: 'keywords',
  departmentId: 'department',
  relatedFaqIds: 'related_faqs',
  relatedUrls: 'related_urls',
  internalNotes: 'internal_notes',
  published: 'published',
  publishStart: 'publish_start',
  publishEnd: 'publish_end',
};

/** A zod issue in Japanese: the schemas' own messages are, the library's defaults are not. */
function issueMessage(issue: z.core.$ZodIssue): string {
  const item = typeof issue.path[1] === 'number' ? `${issue.path[1] + 1}件目` : '';
  const detail = issue.path[2] !== undefined ? `（${issue.path[2] === 'title' ? '名前' : 'URL'}）` : '';
  let text = issue.message;
  if (/^[\x20-\x7e]*$/.test(text)) {
    const i = issue as z.core.$ZodIssue & { origin?: string; maximum?: number; minimum?: number };
    if (issue.code === 'too_big')
      text = i.origin === 'array' ? `${i.maximum}件までにしてください` : `${i.maximum}文字以内にしてください`;
    else if (issue.code === 'too_small') text = '空にはできません';
    else text = '値が正しくありません';
  }
  return `${item}${detail}${item || detail ? ': ' : ''}${text}`;
}

/** Decides, row by row, what the file would do; see docs/formats/faq-csv.md for the rules. */
export function planImport(requests: readonly RowRequest[], context: PlanContext): ImportPlan {
  const { header, existing, deletedIds, vocabulary, fold } = context;
  const present = (key: FixedKey) =>
    header.columns.find((c): c is Column => c !== null && c.kind === 'fixed' && c.key === key) ?? null;
  const columnName = (key: FixedKey) => {
    const column = present(key);
    return column ? (header.names.get(column) ?? column.label) : key;
  };
  const axisColumns = header.columns.filter(
    (c): c is Extract<Column, { kind: 'axis' }> => c?.kind === 'axis',
  );
  const categoryColumnName = axisColumns[0]
    ? (header.names.get(axisColumns[0]) ?? axisColumns[0].label)
    : '分類';
  const axisOfCategory = new Map(
    vocabulary.axes.flatMap((a) => a.categories.map((c) => [c.id, a.id] as const)),
  );
  const axisOrder = new Map(vocabulary.axes.map((a, i) => [a.id, i]));

  // Every row of a FAQ-ID names the others: which one was meant is for the user to say.
  const rowsOfId = new Map<string, number[]>();
  for (const r of requests) if (r.faqId) rowsOfId.set(r.faqId, [...(rowsOfId.get(r.faqId) ?? []), r.row]);

  // What a related-FAQ cell may name once the file is applied.
  const deletedByFile = new Set(requests.filter((r) => r.delete && r.faqId).map((r) => r.faqId as string));
  const addedByFile = new Set(
    requests.filter((r) => !r.delete && r.faqId && !existing.has(r.faqId)).map((r) => r.faqId as string),
  );
  const relatable = (code: string) =>
    (existing.has(code) && !deletedByFile.has(code)) || addedByFile.has(code);

  const same = (stored: string, incoming: string) => stored === incoming || fold(stored) === incoming;
  const sameList = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((s, i) => same(s, b[i] as string));

  const rows: RowResult[] = [];
  const operations: Operation[] = [];
  for (const request of requests) {
    const errors: CellError[] = [...request.errors];
    const code = request.faqId;
    const result = (action: RowResult['action'], changedFields: string[] = []): RowResult => ({
      row: request.row,
      faqId: code,
      action: errors.length ? 'error' : action,
      changedFields: errors.length ? [] : changedFields,
      errors,
    });
    const duplicates = code ? (rowsOfId.get(code) ?? []).filter((n) => n !== request.row) : [];
    if (duplicates.length)
      errors.push({
        column: columnName('faq_id'),
        message: `FAQ-ID「${code}」が${duplicates.map((n) => `${n}行目`).join('・')}にもあります。1つのFAQは1行にしてください。`,
      });

    if (request.delete) {
      const stored = code ? existing.get(code) : undefined;
      if (!code) errors.push({ column: columnName('faq_id'), message: '削除する行にはFAQ-IDが必要です。' });
      else if (!stored)
        errors.push({
          column: columnName('delete'),
          message: deletedIds.has(code)
            ? `FAQ-ID「${code}」のFAQは既に削除されています。`
            : `FAQ-ID「${code}」のFAQはないため削除できません。`,
        });
      rows.push(result('delete'));
      if (stored && !errors.length)
        operations.push({ kind: 'delete', row: request.row, faqId: stored.faqId, version: stored.version });
      continue;
    }

    const stored = code ? existing.get(code) : undefined;
    const v = request.values;
    const checkRelated = (ids: readonly string[]) => {
      for (const id of ids) {
        if (id === code)
          errors.push({
            column: columnName('related_faqs'),
            message: `FAQ自身（${id}）は関連FAQにできません。`,
          });
        else if (!relatable(id))
          errors.push({
            column: columnName('related_faqs'),
            message: deletedByFile.has(id)
              ? `関連FAQ「${id}」はこのファイルで削除されます。`
              : `関連FAQ「${id}」というFAQ-IDのFAQはありません。`,
          });
      }
    };
    const categoryIdsWith = (base: readonly string[]) => {
      const kept = base.filter((id) => !request.categories.has(axisOfCategory.get(id) ?? ''));
      const given = [...request.categories.values()].flat();
      return [...new Set([...kept, ...given])].sort(
        (a, b) =>
          (axisOrder.get(axisOfCategory.get(a) ?? '') ?? 0) -
          (axisOrder.get(axisOfCategory.get(b) ?? '') ?? 0),
      );
    };
    const validate = (content: Record<string, unknown>) => {
      // The FAQ service refuses an answer that sanitising leaves empty: say so in the preview already.
      const answer = typeof content.answer === 'string' ? content.answer : '';
      if (answer.trim() && !answerTextOf(answerHtmlOf(answer)))
        errors.push({
          column: columnName('answer'),
          message: '回答に本文がありません（使えないタグだけでした）。',
        });
      const parsed = faqInputSchema.safeParse(content);
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        // The FAQ-ID has been checked above, with a message that names the value.
        if (field === 'faqId') continue;
        const column =
          field === 'categoryIds'
            ? categoryColumnName
            : fieldColumn[field]
              ? columnName(fieldColumn[field])
              : null;
        errors.push({ column, message: issueMessage(issue) });
      }
    };

    if (!stored) {
      // A new FAQ: with the FAQ-ID given, or the next FAQ-nnnnnn when the cell is empty.
      if (code && deletedIds.has(code))
        errors.push({
          column: columnName('faq_id'),
          message: `FAQ-ID「${code}」は削除済みのFAQで使われています。FAQ-IDは再利用できません（画面の履歴から復元できます）。`,
        });
      else if (code && !faqIdSchema.safeParse(code).success)
        errors.push({
          column: columnName('faq_id'),
          message: `「${code}」はFAQ-IDにできません。半角英数字と - _ . の40文字以内で書いてください。`,
        });
      if (v.lastReviewedAt)
        errors.push({
          column: columnName('last_reviewed'),
          message:
            '最終確認日は取り込めません。新しいFAQでは空にしてください（確認は画面の「確認済みにする」で記録します）。',
        });
      const input = {
        ...(code ? { faqId: code } : {}),
        question: v.question ?? '',
        answer: v.answer ?? '',
        altPhrasings: v.altPhrasings ?? [],
        keywords: v.keywords ?? [],
        categoryIds: categoryIdsWith([]),
        departmentId: v.departmentId ?? null,
        relatedFaqIds: v.relatedFaqIds ?? [],
        relatedUrls: v.relatedUrls ?? [],
        internalNotes: v.internalNotes ?? '',
        published: v.published ?? false,
        publishStart: v.publishStart ?? null,
        publishEnd: v.publishEnd ?? null,
      };
      validate(input);
      checkRelated(input.relatedFaqIds);
      rows.push(result('add'));
      if (!errors.length) operations.push({ kind: 'add', row: request.row, input });
      continue;
    }

    // An existing FAQ: only the columns present in the file are compared, and only what differs is written.
    const changed: string[] = [];
    const patch: Record<string, unknown> = {};
    const differs = (key: FixedKey, field: string, value: unknown, isSame: boolean) => {
      if (isSame) return;
      changed.push(columnName(key));
      patch[field] = value;
    };
    if (v.question !== undefined)
      differs('question', 'question', v.question, same(stored.question, v.question));
    if (v.answer !== undefined) {
      // Plain text or unsanitised HTML is stored as the service would store it: compare with that too.
      const isSame = same(stored.answer, v.answer) || same(stored.answer, answerHtmlOf(v.answer));
      differs('answer', 'answer', v.answer, isSame);
    }
    if (v.altPhrasings)
      differs('alt_phrasings', 'altPhrasings', v.altPhrasings, sameList(stored.altPhrasings, v.altPhrasings));
    if (v.keywords) differs('keywords', 'keywords', v.keywords, sameList(stored.keywords, v.keywords));
    if (request.categories.size) {
      const next = categoryIdsWith(stored.categoryIds);
      const before = new Set(stored.categoryIds);
      if (next.length !== before.size || next.some((id) => !before.has(id))) {
        for (const column of axisColumns) {
          const was = stored.categoryIds.filter((id) => axisOfCategory.get(id) === column.axisId).sort();
          const now = [...(request.categories.get(column.axisId) ?? [])].sort();
          if (was.join() !== [...new Set(now)].join()) changed.push(header.names.get(column) ?? column.label);
        }
        patch.categoryIds = next;
      }
    }
    if (v.departmentId !== undefined)
      differs('department', 'departmentId', v.departmentId, stored.departmentId === v.departmentId);
    if (v.relatedFaqIds) {
      const isSame = stored.relatedFaqIds.join('\n') === v.relatedFaqIds.join('\n');
      if (!isSame) checkRelated(v.relatedFaqIds);
      differs('related_faqs', 'relatedFaqIds', v.relatedFaqIds, isSame);
    }
    if (v.relatedUrls) {
      const urls = v.relatedUrls;
      const isSame =
        stored.relatedUrls.length === urls.length &&
        stored.relatedUrls.every(
          (u, i) => same(u.title, urls[i]?.title ?? '') && same(u.url, urls[i]?.url ?? ''),
        );
      differs('related_urls', 'relatedUrls', urls, isSame);
    }
    if (v.internalNotes !== undefined)
      differs(
        'internal_notes',
        'internalNotes',
        v.internalNotes,
        same(stored.internalNotes, v.internalNotes) ||
          same(normaliseNewlines(stored.internalNotes), v.internalNotes),
      );
    if (v.published !== undefined)
      differs('published', 'published', v.published, stored.published === v.published);
    if (v.publishStart !== undefined)
      differs(
        'publish_start',
        'publishStart',
        v.publishStart,
        formatJstDateTime(stored.publishStart) === formatJstDateTime(v.publishStart),
      );
    if (v.publishEnd !== undefined)
      differs(
        'publish_end',
        'publishEnd',
        v.publishEnd,
        formatJstDateTime(stored.publishEnd) === formatJstDateTime(v.publishEnd),
      );
    if (
      v.lastReviewedAt !== undefined &&
      formatJstDate(stored.lastReviewedAt) !== formatJstDate(v.lastReviewedAt)
    )
      errors.push({
        column: columnName('last_reviewed'),
        message: `最終確認日は取り込みでは変更できません（今は「${formatJstDate(stored.lastReviewedAt) || '空'}」）。確認は画面の「確認済みにする」で記録します。`,
      });
    if (changed.length) {
      const { id: _id, faqId: _faqId, version: _version, ...content } = stored;
      validate({ ...content, ...patch });
    }
    rows.push(result(changed.length ? 'change' : 'unchanged', changed));
    if (changed.length && !errors.length)
      operations.push({
        kind: 'change',
        row: request.row,
        faqId: stored.faqId,
        patch: { ...patch, version: stored.version } as FaqUpdate & { version: number },
      });
  }
  return { rows, operations };
}

/** Counts per action, for the preview and the audit row. */
export function countActions(rows: readonly RowResult[]): FaqImportPreview['counts'] {
  const counts = { add: 0, change: 0, delete: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}
