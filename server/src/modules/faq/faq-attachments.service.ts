// Files attached to an FAQ (seed 004 第2-8(1)ア(ｲ)). Stored in the database beside the FAQ so that backups,
// the hand-over export and erasure at contract end cover them without a second store.
import type { FaqAttachment } from '@madoguchi/contracts';
import { and, eq } from 'drizzle-orm';
import { countAll, type Executor } from '../../platform/db/database.ts';
import { faqAttachments, faqs } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import {
  checkAttachment,
  cleanFilename,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_FAQ,
} from './attachment-types.ts';
import { canEditFaqs } from './faq.policy.ts';
import { findFaqRow } from './faq.repository.ts';
import { resolveVisibleFaq, writing } from './faq.service.ts';
import { notifyFaqChanged } from './notify.ts';

/** An upload as received: the name and type the client declared and the bytes. */
export interface AttachmentUpload {
  filename: string;
  declaredType: string;
  data: Buffer;
}

/** Checks the editor right before the upload is read, so that nobody else can make the server buffer 10 MB. */
export async function authorizeAttachmentUpload(ctx: ServiceContext, slug: string): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEditFaqs(requireActor(ctx), center.id), 'FAQの編集権限がありません。');
}

/** Attaches a file to an FAQ (editors): at most 10 MB and 10 files, of the accepted kinds, proven by content. */
export async function addFaqAttachment(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  upload: AttachmentUpload,
): Promise<FaqAttachment> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEditFaqs(requireActor(ctx), center.id), 'FAQの編集権限がありません。');
  if (upload.data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('payload_too_large', '添付ファイルは1件10MBまでです。');
  if (upload.data.length === 0) throw new AppError('validation_failed', 'file: ファイルが空です。', 'file');
  const filename = cleanFilename(upload.filename);
  const check = checkAttachment(filename, upload.declaredType, upload.data);
  if (!check.ok) throw new AppError('unsupported_media_type', check.reason);
  return writing(ctx, async (tx) => {
    const row = await findFaqRow(tx, center.id, faqCode, { forUpdate: true });
    if (!row) throw notFound('FAQ');
    const [counted] = await tx
      .select({ n: countAll })
      .from(faqAttachments)
      .where(and(eq(faqAttachments.centerId, center.id), eq(faqAttachments.faqId, row.id)));
    if ((counted?.n ?? 0) >= MAX_ATTACHMENTS_PER_FAQ)
      throw new AppError('conflict', `添付ファイルは1つのFAQに${MAX_ATTACHMENTS_PER_FAQ}件までです。`);
    const [attachment] = await tx
      .insert(faqAttachments)
      .values({
        centerId: center.id,
        faqId: row.id,
        filename,
        contentType: check.contentType,
        size: upload.data.length,
        data: upload.data,
        createdAt: ctx.now(),
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning({ id: faqAttachments.id });
    if (!attachment) throw new Error('insert returned no row');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.attachment.create',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      detail: { faqId: row.faqCode, attachmentId: attachment.id, filename, size: upload.data.length },
    });
    await touchFaq(tx, row.id, ctx.now());
    await notifyFaqChanged(tx, center.id, [row.id]);
    return { id: attachment.id, filename, contentType: check.contentType, size: upload.data.length };
  });
}

// The attachment list is part of what the public page and the open FAQ API publish, so a mirror syncing by
// `updatedSince` must see the FAQ as changed. The version stays: an editor's open form is not stale because
// a file came or went (attachments are saved on their own, not with the form).
async function touchFaq(tx: Executor, faqId: string, now: Date): Promise<void> {
  await tx.update(faqs).set({ updatedAt: now }).where(eq(faqs.id, faqId));
}

/** An attachment's bytes for download by anyone who may see the FAQ; the download is in the access log. */
export async function downloadFaqAttachment(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode);
  const [attachment] = await ctx.database.db
    .select()
    .from(faqAttachments)
    .where(
      and(
        eq(faqAttachments.centerId, center.id),
        eq(faqAttachments.faqId, row.id),
        eq(faqAttachments.id, attachmentId),
      ),
    );
  if (!attachment) throw notFound('添付ファイル');
  await recordAudit(ctx.database.db, ctx, {
    category: 'view',
    action: 'faq.attachment.download',
    centerId: center.id,
    targetType: 'faq_attachment',
    targetId: attachment.id,
    detail: { faqId: row.faqCode, filename: attachment.filename },
  });
  return { filename: attachment.filename, contentType: attachment.contentType, data: attachment.data };
}

/** Removes an attachment (editors). */
export async function deleteFaqAttachment(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  attachmentId: string,
): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEditFaqs(requireActor(ctx), center.id), 'FAQの編集権限がありません。');
  await writing(ctx, async (tx) => {
    const row = await findFaqRow(tx, center.id, faqCode);
    if (!row) throw notFound('FAQ');
    const deleted = await tx
      .delete(faqAttachments)
      .where(
        and(
          eq(faqAttachments.centerId, center.id),
          eq(faqAttachments.faqId, row.id),
          eq(faqAttachments.id, attachmentId),
        ),
      )
      .returning({ id: faqAttachments.id, filename: faqAttachments.filename });
    if (!deleted[0]) throw notFound('添付ファイル');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.attachment.delete',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      detail: { faqId: row.faqCode, attachmentId, filename: deleted[0].filename },
    });
    await touchFaq(tx, row.id, ctx.now());
    await notifyFaqChanged(tx, center.id, [row.id]);
  });
}
