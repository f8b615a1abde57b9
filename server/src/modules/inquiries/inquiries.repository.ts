// Queries on a centre's inquiries, their attachments, counters and mails; every one filtered by centre.
import type { InquiryMailState, InquiryStatus } from '@madoguchi/contracts';
import { and, asc, desc, eq, like, lt, sql } from 'drizzle-orm';
import { countAll, type Executor } from '../../platform/db/database.ts';
import {
  categories,
  centerMailSettings,
  inquiries,
  inquiryAttachments,
  inquiryCounters,
  outgoingMails,
} from '../../platform/db/schema.ts';

export type InquiryRow = typeof inquiries.$inferSelect;
export type OutgoingMailRow = typeof outgoingMails.$inferSelect;
export type MailSettingsRow = typeof centerMailSettings.$inferSelect;

/**
 * The next number of the centre's Japan-time day. The upsert takes the counter row's lock until the
 * transaction ends, so concurrent submissions get consecutive numbers, each once.
 */
export async function nextReceiptCounter(tx: Executor, centerId: string, day: string): Promise<number> {
  const [row] = await tx
    .insert(inquiryCounters)
    .values({ centerId, day, last: 1 })
    .onConflictDoUpdate({
      target: [inquiryCounters.centerId, inquiryCounters.day],
      set: { last: sql`${inquiryCounters.last} + 1` },
    })
    .returning({ last: inquiryCounters.last });
  if (!row) throw new Error('counter upsert returned no row');
  return row.last;
}

export async function findInquiryBySubmission(
  executor: Executor,
  centerId: string,
  submissionToken: string,
): Promise<InquiryRow | null> {
  const [row] = await executor
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.centerId, centerId), eq(inquiries.submissionToken, submissionToken)))
    .limit(1);
  return row ?? null;
}

export async function findInquiryByReceipt(
  executor: Executor,
  centerId: string,
  receiptNumber: string,
  options: { forUpdate?: boolean } = {},
): Promise<InquiryRow | null> {
  const query = executor
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.centerId, centerId), eq(inquiries.receiptNumber, receiptNumber)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export interface InquiryListRow {
  id: string;
  receiptNumber: string;
  receivedAt: Date;
  categoryId: string | null;
  categoryName: string | null;
  status: InquiryStatus;
  name: string | null;
  email: string | null;
  phone: string | null;
  hasAttachment: boolean;
  mailState: InquiryMailState;
}

export interface InquiryFilter {
  status?: InquiryStatus | undefined;
  receiptPrefix?: string | undefined;
}

function filterConditions(centerId: string, filter: InquiryFilter) {
  return and(
    eq(inquiries.centerId, centerId),
    filter.status ? eq(inquiries.status, filter.status) : undefined,
    filter.receiptPrefix
      ? like(inquiries.receiptNumber, `${filter.receiptPrefix.replace(/[%_\\]/g, '\\$&')}%`)
      : undefined,
  );
}

/** Newest first, with the category's name, whether a file came with it and the auto-reply's state. */
export async function listInquiryRows(
  executor: Executor,
  centerId: string,
  filter: InquiryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: InquiryListRow[]; total: number }> {
  const where = filterConditions(centerId, filter);
  const [counted] = await executor.select({ n: countAll }).from(inquiries).where(where);
  const rows = await executor
    .select({
      id: inquiries.id,
      receiptNumber: inquiries.receiptNumber,
      receivedAt: inquiries.receivedAt,
      categoryId: inquiries.categoryId,
      categoryName: categories.name,
      status: inquiries.status,
      name: inquiries.name,
      email: inquiries.email,
      phone: inquiries.phone,
      hasAttachment: sql<boolean>`exists (select 1 from ${inquiryAttachments} a
        where a.center_id = ${inquiries.centerId} and a.inquiry_id = ${inquiries.id})`,
      mailState: sql<InquiryMailState>`coalesce((select m.status from ${outgoingMails} m
        where m.center_id = ${inquiries.centerId} and m.inquiry_id = ${inquiries.id}
        order by m.created_at desc limit 1), 'none')`,
    })
    .from(inquiries)
    .leftJoin(categories, and(eq(categories.id, inquiries.categoryId), eq(categories.centerId, centerId)))
    .where(where)
    .orderBy(desc(inquiries.receivedAt), desc(inquiries.receiptNumber))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: counted?.n ?? 0 };
}

export async function countInquiriesByStatus(
  executor: Executor,
  centerId: string,
): Promise<Record<InquiryStatus, number>> {
  const rows = await executor
    .select({ status: inquiries.status, n: countAll })
    .from(inquiries)
    .where(eq(inquiries.centerId, centerId))
    .groupBy(inquiries.status);
  const counts: Record<InquiryStatus, number> = { new: 0, in_progress: 0, closed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export async function categoryName(
  executor: Executor,
  centerId: string,
  categoryId: string | null,
): Promise<string | null> {
  if (!categoryId) return null;
  const [row] = await executor
    .select({ name: categories.name })
    .from(categories)
    .where(and(eq(categories.centerId, centerId), eq(categories.id, categoryId)));
  return row?.name ?? null;
}

export async function listAttachmentMeta(executor: Executor, centerId: string, inquiryId: string) {
  return executor
    .select({
      id: inquiryAttachments.id,
      filename: inquiryAttachments.filename,
      contentType: inquiryAttachments.contentType,
      size: inquiryAttachments.size,
    })
    .from(inquiryAttachments)
    .where(and(eq(inquiryAttachments.centerId, centerId), eq(inquiryAttachments.inquiryId, inquiryId)))
    .orderBy(asc(inquiryAttachments.createdAt));
}

export async function listMailsOf(executor: Executor, centerId: string, inquiryId: string) {
  return executor
    .select()
    .from(outgoingMails)
    .where(and(eq(outgoingMails.centerId, centerId), eq(outgoingMails.inquiryId, inquiryId)))
    .orderBy(asc(outgoingMails.createdAt));
}

export async function findMailSettingsRow(
  executor: Executor,
  centerId: string,
): Promise<MailSettingsRow | null> {
  const [row] = await executor
    .select()
    .from(centerMailSettings)
    .where(eq(centerMailSettings.centerId, centerId))
    .limit(1);
  return row ?? null;
}

/** Pending mails of centres whose sending is switched on, oldest first (what the sweep queues again). */
export async function listSendablePendingMailIds(
  executor: Executor,
  options: { centerId?: string; createdBefore?: Date; limit: number },
): Promise<string[]> {
  const rows = await executor
    .select({ id: outgoingMails.id })
    .from(outgoingMails)
    .innerJoin(
      centerMailSettings,
      and(eq(centerMailSettings.centerId, outgoingMails.centerId), eq(centerMailSettings.enabled, true)),
    )
    .where(
      and(
        eq(outgoingMails.status, 'pending'),
        options.centerId ? eq(outgoingMails.centerId, options.centerId) : undefined,
        options.createdBefore ? lt(outgoingMails.createdAt, options.createdBefore) : undefined,
      ),
    )
    .orderBy(asc(outgoingMails.createdAt))
    .limit(options.limit);
  return rows.map((r) => r.id);
}
