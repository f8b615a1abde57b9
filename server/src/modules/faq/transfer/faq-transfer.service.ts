import { createHash } from 'node:crypto';
import type { Center, Faq, FaqImportPreview, PublicationState } from '@madoguchi/contracts';
import { and, eq, isNotNull } from 'drizzle-orm';
import { type Executor, withinTransaction } from '../../../platform/db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../../platform/db/errors.ts';
import { faqs } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../../auth/actor.ts';
import { type CenterRow, loadCenter } from '../../centers/centers.repository.ts';
import { resolveCenter } from '../../centers/centers.service.ts';
import { loadAllFaqs } from '../faq.repository.ts';
import { contentOf, deleteFaq, updateFaq } from '../faq.service.ts';
import { insertImportedFaqs } from './bulk-add.ts';
import { neutralise } from './cells.ts';
import { type CsvEncoding, cp932RoundTrip, findCp932Problems } from './encoding.ts';
import {
  type Column,
  cellsOf,
  columnsOf,
  type FaqRecord,
  isBlankRow,
  lookupOf,
  mapHeader,
  readRow,
  type Vocabulary,
} from './faq-table.ts';
import { canExportFaqs, canImportFaqs } from './faq-transfer.policy.ts';
import { countActions, type Operation, planImport } from './import-plan.ts';
import { looksLikeXlsx, readCsv, readXlsx, writeCsv, writeXlsx, XLSX_CONTENT_TYPE } from './sheet.ts';

/** Which FAQs to export and how. */
export interface ExportOptions {
  format: 'csv' | 'xlsx';
  encoding?: CsvEncoding;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  state?: PublicationState | undefined;
}

/** An export ready to send or save. */
export interface ExportedFile {
  /** Japanese name (centre name and Japan time), e.g. `FAQ_いわき市総合コールセンター_20270401-0900.csv`. */
  filename: string;
  /** The same in ASCII, for clients that do not read RFC 5987. */
  asciiFilename: string;
  contentType: string;
  body: Buffer;
  rows: number;
}

/** Reports progress of a long import (the CLI draws a bar). */
export interface TransferProgress {
  start(total: number, label: string): void;
  tick(done: number): void;
  stop(): void;
}

/** A CP932 export refused: which rows, columns and characters CP932 cannot hold. */
export class Cp932ExportRefused extends AppError {
  readonly problems: { row: number; faqId: string; column: string; characters: string[] }[];
  constructor(problems: Cp932ExportRefused['problems']) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `${p.row}行目（${p.faqId}）${p.column}: ${p.characters.join(' ')}`)
      .join('、');
    const more = problems.length > 20 ? ` ほか${problems.length - 20}件` : '';
    super(
      'validation_failed',
      `Shift_JIS（CP932）では書き出せない文字があります: ${shown}${more}。` +
        'UTF-8（BOM付き）で書き出すか、これらの文字を置き換えてください（「?」に置き換えて書き出すことはしません）。',
      'encoding',
    );
    this.problems = problems;
  }
}

/** An import whose apply was refused: nothing was written; the preview says why. */
export class FaqImportRefused extends AppError {
  readonly preview: FaqImportPreview;
  constructor(preview: FaqImportPreview, code: 'validation_failed' | 'conflict' = 'validation_failed') {
    const problems = preview.fileErrors.length + preview.counts.error;
    super(
      code,
      code === 'conflict'
        ? '取り込み中に他の変更とぶつかったため、何も登録していません。もう一度プレビューしてから取り込んでください。'
        : `ファイルに${problems}件の問題があるため、何も登録していません。プレビューの内容を直してから取り込んでください。`,
    );
    this.preview = preview;
  }
}

function vocabularyOf(center: Center): Vocabulary {
  return {
    axes: center.categoryAxes.map((a) => ({
      id: a.id,
      key: a.key,
      name: a.name,
      categories: a.categories.map((c) => ({ id: c.id, name: c.name })),
    })),
    departments: center.departments.map((d) => ({ id: d.id, name: d.name })),
  };
}

const recordOf = (faq: Faq): FaqRecord => ({
  faqId: faq.faqId,
  ...contentOf(faq),
  lastReviewedAt: faq.lastReviewedAt,
});

function jstStamp(now: Date): string {
  const t = new Date(now.getTime() + 9 * 3_600_000).toISOString();
  return `${t.slice(0, 10).replaceAll('-', '')}-${t.slice(11, 16).replace(':', '')}`;
}

/**
 * The whole FAQ database of a centre, or a filtered part, as CSV (UTF-8 with BOM, or CP932) or XLSX, at any
 * time (seed 004 第2-8(1)ア(ｴ)). Audited as an export with the row count. A CP932 export that would lose a
 * character is refused with the list of rows and characters.
 */
export async function exportFaqs(
  ctx: ServiceContext,
  slug: string,
  options: ExportOptions,
): Promise<ExportedFile> {
  const center = await resolveCenter(ctx, slug);
  authorize(canExportFaqs(requireActor(ctx), center.id), 'FAQを書き出す権限がありません。');
  const { db } = ctx.database;
  const now = ctx.now();
  const vocabulary = vocabularyOf(await loadCenter(db, center));
  const list = (await loadAllFaqs(db, center.id, now)).filter(
    (f) =>
      (!options.categoryId || f.categoryIds.includes(options.categoryId)) &&
      (!options.departmentId || f.departmentId === options.departmentId) &&
      (!options.state || f.publicationState === options.state),
  );
  const columns = columnsOf(vocabulary);
  const grid = [
    columns.map((c) => neutralise(c.label)),
    ...list.map((f) => cellsOf(recordOf(f), columns, vocabulary)),
  ];
  const encoding = options.encoding ?? 'utf8bom';
  if (options.format === 'csv' && encoding === 'cp932') refuseLossyCp932(grid, columns);
  const body = options.format === 'xlsx' ? await writeXlsx(grid, 'FAQ') : writeCsv(grid, encoding);
  await recordAudit(db, ctx, {
    category: 'export',
    action: 'faq.export',
    centerId: center.id,
    targetType: 'faq',
    detail: {
      format: options.format,
      ...(options.format === 'csv' ? { encoding } : {}),
      filter: {
        categoryId: options.categoryId ?? null,
        departmentId: options.departmentId ?? null,
        state: options.state ?? null,
      },
      rows: list.length,
    },
  });
  const stamp = jstStamp(now);
  const ext = options.format;
  return {
    // Characters Windows refuses in file names would make the browser rename the file its own way.
    filename: `FAQ_${center.name.replace(/[\\/:*?"<>|\s]+/g, '_')}_${stamp}.${ext}`,
    asciiFilename: `faq-${center.slug}-${stamp}.${ext}`,
    contentType:
      options.format === 'xlsx'
        ? XLSX_CONTENT_TYPE
        : `text/csv; charset=${encoding === 'cp932' ? 'shift_jis' : 'utf-8'}`,
    body,
    rows: list.length,
  };
}

function refuseLossyCp932(grid: string[][], columns: Column[]) {
  const problems = findCp932Problems(grid).map((p) => ({
    row: p.row,
    faqId: p.row === 1 ? '見出し' : (grid[p.row - 1]?.[0] ?? ''),
    column: columns[p.column]?.label ?? '',
    characters: p.characters,
  }));
  if (problems.length) throw new Cp932ExportRefused(problems);
}

/** How to run an import. */
export interface ImportOptions {
  /** false: preview only; true: preview again inside one transaction and write it all, or nothing. */
  apply: boolean;
  filename?: string | undefined;
  progress?: TransferProgress | undefined;
}

interface Prepared {
  preview: FaqImportPreview;
  operations: Operation[];
}

const emptyCounts = { add: 0, change: 0, delete: 0, unchanged: 0, error: 0 };
const refusedFile = (message: string): Prepared => ({
  preview: { rows: [], counts: emptyCounts, fileErrors: [message], canApply: false },
  operations: [],
});

async function prepare(
  executor: Executor,
  center: CenterRow,
  sheet: Awaited<ReturnType<typeof readXlsx>>,
  now: Date,
): Promise<Prepared> {
  if (!sheet.ok) return refusedFile(sheet.message);
  const vocabulary = vocabularyOf(await loadCenter(executor, center));
  if (sheet.source === 'csv' && sheet.header.length === 1 && /[\t;]/.test(sheet.header[0] ?? ''))
    return refusedFile(
      '区切りがカンマではないようです（タブまたはセミコロン）。カンマ区切りのCSV（「CSV UTF-8（コンマ区切り）」）で保存してください。',
    );
  const header = mapHeader(sheet.header, columnsOf(vocabulary));
  if (header.errors.length)
    return {
      preview: { rows: [], counts: emptyCounts, fileErrors: header.errors, canApply: false },
      operations: [],
    };
  // A CP932 file cannot tell 〜 from ～: a cell equal to the stored text after that mapping is unchanged.
  const fold = sheet.encoding === 'cp932' ? cp932RoundTrip : (text: string) => text;
  const lookup = lookupOf(vocabulary, fold);
  const requests = sheet.rows.filter((r) => !isBlankRow(r)).map((r) => readRow(r, header, lookup));
  const existing = new Map((await loadAllFaqs(executor, center.id, now)).map((f) => [f.faqId, f]));
  const deleted = await executor
    .select({ code: faqs.faqCode })
    .from(faqs)
    .where(and(eq(faqs.centerId, center.id), isNotNull(faqs.deletedAt)));
  const plan = planImport(requests, {
    header,
    existing,
    deletedIds: new Set(deleted.map((d) => d.code)),
    vocabulary,
    fold,
  });
  const fileErrors = requests.length ? [] : ['データの行がありません（見出しの行だけです）。'];
  const counts = countActions(plan.rows);
  return {
    preview: { rows: plan.rows, counts, fileErrors, canApply: counts.error === 0 && fileErrors.length === 0 },
    operations: plan.operations,
  };
}

/** Checks the right to import before an upload is read (the HTTP route calls it first). */
export async function authorizeFaqImport(ctx: ServiceContext, slug: string): Promise<CenterRow> {
  const center = await resolveCenter(ctx, slug);
  authorize(canImportFaqs(requireActor(ctx), center.id), 'FAQを取り込む権限がありません。');
  return center;
}

/**
 * Imports a CSV or XLSX file of the export's format: a preview (per row: add, change and the fields changed,
 * delete, unchanged, or error with row and column), and with `apply` the same preview recomputed inside one
 * transaction and written whole, or refused (FaqImportRefused) with nothing written. The audit row of an
 * applied import keeps the preview and the file's SHA-256, not the file.
 */
export async function importFaqs(
  ctx: ServiceContext,
  slug: string,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<FaqImportPreview> {
  const center = await authorizeFaqImport(ctx, slug);
  const format = looksLikeXlsx(bytes) ? 'xlsx' : 'csv';
  const sheet = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  if (!options.apply) return (await prepare(ctx.database.db, center, sheet, ctx.now())).preview;

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const seen: { preview: FaqImportPreview | null } = { preview: null };
  try {
    return await ctx.database.transaction(async (tx) => {
      const { preview, operations } = await prepare(tx, center, sheet, ctx.now());
      seen.preview = preview;
      if (!preview.canApply) throw new FaqImportRefused(preview);
      const inner: ServiceContext = { ...ctx, database: withinTransaction(ctx.database, tx) };
      await applyOperations(tx, inner, center, operations, preview, options.progress);
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'faq.import_file',
        centerId: center.id,
        detail: {
          sha256,
          filename: options.filename ?? null,
          bytes: bytes.byteLength,
          format,
          encoding: sheet.ok ? sheet.encoding : null,
          counts: preview.counts,
          // Unchanged rows are in the counts; the rest is the preview as the user saw it.
          rows: preview.rows
            .filter((r) => r.action !== 'unchanged')
            .map((r) => ({ row: r.row, faqId: r.faqId, action: r.action, changedFields: r.changedFields })),
        },
      });
      return preview;
    });
  } catch (error) {
    if (error instanceof FaqImportRefused || !(error instanceof AppError) || !seen.preview) throw error;
    // A write refused by the FAQ service (e.g. someone changed an FAQ meanwhile): name the row, write nothing.
    const failed = error as AppError & { row?: number };
    const preview: FaqImportPreview = structuredClone(seen.preview);
    const row = preview.rows.find((r) => r.row === failed.row);
    if (row) {
      row.action = 'error';
      row.changedFields = [];
      row.errors.push({ column: null, message: error.message });
    } else preview.fileErrors.push(error.message);
    preview.counts = countActions(preview.rows);
    preview.canApply = false;
    throw new FaqImportRefused(preview, error.code === 'conflict' ? 'conflict' : 'validation_failed');
  }
}

/**
 * Writes the operations: deletes and changes through the FAQ service (revisions marked `import`, audit rows,
 * search notifications), adds in batches with the same rows (see bulk-add.ts). Adds come before changes, so
 * a change may name an FAQ the file adds as related.
 */
async function applyOperations(
  tx: Executor,
  ctx: ServiceContext,
  center: CenterRow,
  operations: Operation[],
  preview: FaqImportPreview,
  progress: TransferProgress | undefined,
) {
  const adds = operations.filter((o) => o.kind === 'add');
  let done = 0;
  progress?.start(
    operations.length,
    `FAQ取り込み（追加${preview.counts.add}・変更${preview.counts.change}・削除${preview.counts.delete}）`,
  );
  const step = async (row: number, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof AppError) Object.assign(error, { row });
      throw error;
    }
    progress?.tick(++done);
  };
  try {
    for (const op of operations)
      if (op.kind === 'delete')
        await step(op.row, () => deleteFaq(ctx, center.slug, op.faqId, { version: op.version }));
    try {
      const before = done;
      await insertImportedFaqs(tx, ctx, center.id, adds, (n) => {
        done = before + n;
        progress?.tick(done);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', '取り込み中に同じFAQ-IDのFAQが他の操作で登録されました。');
      if (isForeignKeyViolation(error))
        throw new AppError('conflict', '取り込み中にカテゴリ・所管課・関連FAQが他の操作で変更されました。');
      throw error;
    }
    for (const op of operations)
      if (op.kind === 'change')
        await step(op.row, () => updateFaq(ctx, center.slug, op.faqId, op.patch, { action: 'import' }));
  } finally {
    progress?.stop();
  }
}
