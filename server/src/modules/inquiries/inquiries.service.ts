// Web inquiries (問合せWEBサイト, seed 004 第2-8(2)): saving a citizen's submission with its receipt number,
// attachment and auto-reply in one transaction, and the console's list, detail, status and mail actions.
import type {
  Inquiry,
  InquiryList,
  InquiryListQuery,
  InquiryStatus,
  InquirySummary,
  OutgoingMail,
} from '@madoguchi/contracts';
import { inquiryListQuerySchema, inquiryStatusLabels } from '@madoguchi/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { centers, inquiries, inquiryAttachments, lines, outgoingMails } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { jstDate } from '../centers/calendar.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { autoReplyValues, composeAutoReply } from './auto-reply.ts';
import { canHandleInquiries, canMoveInquiry } from './inquiries.policy.ts';
import {
  categoryName,
  countInquiriesByStatus,
  findInquiryByReceipt,
  findInquiryBySubmission,
  findMailSettingsRow,
  type InquiryRow,
  listAttachmentMeta,
  listInquiryRows,
  listMailsOf,
  nextReceiptCounter,
  type OutgoingMailRow,
} from './inquiries.repository.ts';
import type { CheckedAttachment, InquiryValues } from './inquiry-form.ts';
import { waitingReason } from './mail-state.ts';
import { maskEmail, maskName, maskPhone } from './masking.ts';
import { formatReceiptNumber } from './receipt.ts';

// ── submission (public, no signed-in actor) ───────────────────────────────────────────────────────────

export interface InquirySubmission {
  centerId: string;
  values: InquiryValues;
  attachment: CheckedAttachment | null;
  /** The form fields as the citizen sent them (no file bytes, no token, no honeypot). */
  raw: Record<string, unknown>;
  /** The form's submission id: the same form sent again finds this inquiry instead of making another. */
  submissionToken: string | null;
}

export interface SubmittedInquiry {
  id: string;
  receiptNumber: string;
  receivedAt: Date;
  /** The auto-reply written with it, to be queued once the transaction has committed. */
  mailId: string | null;
  /** True when this form had been sent before: nothing new was written. */
  duplicate: boolean;
}

/**
 * Saves an inquiry: receipt number (per centre and Japan-time day), the inquiry with its raw fields, its
 * attachment and, when an e-mail address was given, the auto-reply as a pending mail — all in one
 * transaction, so that a failure anywhere leaves nothing behind. The mail is sent afterwards by a job; the
 * citizen's receipt never depends on the mail server.
 */
export async function submitInquiry(
  ctx: ServiceContext,
  input: InquirySubmission,
): Promise<SubmittedInquiry> {
  const token = input.submissionToken;
  try {
    return await ctx.database.transaction(async (tx) => {
      if (token) {
        const existing = await findInquiryBySubmission(tx, input.centerId, token);
        if (existing) return await submitted(tx, existing, true);
      }
      const receivedAt = ctx.now();
      const counter = await nextReceiptCounter(tx, input.centerId, jstDate(receivedAt));
      const receiptNumber = formatReceiptNumber(jstDate(receivedAt), counter);
      const { values } = input;
      const [inquiry] = await tx
        .insert(inquiries)
        .values({
          centerId: input.centerId,
          receiptNumber,
          channel: 'web',
          categoryId: values.categoryId,
          name: values.name,
          nameKana: values.nameKana,
          email: values.email,
          phone: values.phone,
          address: values.address,
          body: values.body,
          raw: input.raw,
          submissionToken: token,
          receivedAt,
          createdAt: receivedAt,
          updatedAt: receivedAt,
        })
        .returning({ id: inquiries.id });
      if (!inquiry) throw new Error('insert returned no row');
      if (input.attachment) {
        await tx.insert(inquiryAttachments).values({
          centerId: input.centerId,
          inquiryId: inquiry.id,
          filename: input.attachment.filename,
          contentType: input.attachment.contentType,
          size: input.attachment.data.length,
          data: input.attachment.data,
          createdAt: receivedAt,
        });
      }
      let mailId: string | null = null;
      if (values.email) {
        mailId = await writeAutoReply(
          tx,
          input.centerId,
          inquiry.id,
          values.email,
          receiptNumber,
          receivedAt,
        );
      }
      return { id: inquiry.id, receiptNumber, receivedAt, mailId, duplicate: false };
    });
  } catch (error) {
    // The same form sent twice at once (a double tap): the second finds the first once it has committed.
    if (token && isUniqueViolation(error)) {
      const existing = await findInquiryBySubmission(ctx.database.db, input.centerId, token);
      if (existing) return await submitted(ctx.database.db, existing, true);
    }
    throw error;
  }
}

async function submitted(executor: Executor, row: InquiryRow, duplicate: boolean): Promise<SubmittedInquiry> {
  const mails = await listMailsOf(executor, row.centerId, row.id);
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    receivedAt: row.receivedAt,
    mailId: mails[0]?.id ?? null,
    duplicate,
  };
}

/** The auto-reply as a pending mail, rendered now from the centre's templates (or the defaults). */
async function writeAutoReply(
  tx: Executor,
  centerId: string,
  inquiryId: string,
  to: string,
  receiptNumber: string,
  receivedAt: Date,
): Promise<string> {
  const [center] = await tx
    .select({ name: centers.name, businessHours: centers.businessHours })
    .from(centers)
    .where(eq(centers.id, centerId));
  if (!center) throw notFound('センター');
  const centerLines = await tx
    .select({ number: lines.number, label: lines.label })
    .from(lines)
    .where(eq(lines.centerId, centerId))
    .orderBy(asc(lines.createdAt), asc(lines.number));
  const settings = await findMailSettingsRow(tx, centerId);
  const message = composeAutoReply(
    settings ? { subject: settings.autoReplySubject, body: settings.autoReplyBody } : null,
    autoReplyValues({ ...center, lines: centerLines }, receiptNumber, receivedAt),
  );
  const [mail] = await tx
    .insert(outgoingMails)
    .values({
      centerId,
      kind: 'inquiry_receipt',
      inquiryId,
      toAddress: to,
      subject: message.subject,
      bodyText: message.text,
      status: 'pending',
      lastError: waitingReason(settings),
      createdAt: receivedAt,
    })
    .returning({ id: outgoingMails.id });
  if (!mail) throw new Error('insert returned no row');
  return mail.id;
}

/** What the receipt page shows for a submission id: nothing personal, only the number and the time. */
export async function findReceipt(
  ctx: Pick<ServiceContext, 'database'>,
  centerId: string,
  submissionToken: string,
): Promise<{ receiptNumber: string; receivedAt: Date; autoReply: boolean } | null> {
  const row = await findInquiryBySubmission(ctx.database.db, centerId, submissionToken);
  if (!row) return null;
  return { receiptNumber: row.receiptNumber, receivedAt: row.receivedAt, autoReply: row.email !== null };
}

// ── console ──────────────────────────────────────────────────────────────────────────────────────────

async function handlingCenter(ctx: ServiceContext, slug: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canHandleInquiries(requireActor(ctx), center.id), 'Web問合せを扱う権限がありません。');
  return center;
}

/** The centre's inquiries, newest first, contact data masked (seed 004 第3-12: only what the list needs). */
export async function listInquiries(
  ctx: ServiceContext,
  slug: string,
  query: InquiryListQuery,
): Promise<InquiryList> {
  const center = await handlingCenter(ctx, slug);
  const q = inquiryListQuerySchema.parse(query);
  const { rows, total } = await listInquiryRows(
    ctx.database.db,
    center.id,
    { status: q.status, receiptPrefix: q.receipt?.toUpperCase() },
    { limit: q.limit, offset: q.offset },
  );
  const items: InquirySummary[] = rows.map((r) => ({
    id: r.id,
    receiptNumber: r.receiptNumber,
    receivedAt: r.receivedAt.toISOString(),
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    status: r.status,
    maskedName: maskName(r.name),
    maskedEmail: maskEmail(r.email),
    maskedPhone: maskPhone(r.phone),
    hasAttachment: Boolean(r.hasAttachment),
    mailState: r.mailState,
  }));
  return { items, total, counts: await countInquiriesByStatus(ctx.database.db, center.id) };
}

function toOutgoingMail(row: OutgoingMailRow): OutgoingMail {
  return {
    id: row.id,
    kind: row.kind,
    toAddress: row.toAddress,
    subject: row.subject,
    bodyText: row.bodyText,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function presentInquiry(executor: Executor, row: InquiryRow): Promise<Inquiry> {
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    status: row.status,
    categoryId: row.categoryId,
    categoryName: await categoryName(executor, row.centerId, row.categoryId),
    name: row.name,
    nameKana: row.nameKana,
    email: row.email,
    phone: row.phone,
    address: row.address,
    body: row.body,
    raw: row.raw,
    attachments: await listAttachmentMeta(executor, row.centerId, row.id),
    mails: (await listMailsOf(executor, row.centerId, row.id)).map(toOutgoingMail),
  };
}

/** One inquiry in full; reading it is recorded in the access log (seed 004 第2-9(1)エ). */
export async function getInquiry(ctx: ServiceContext, slug: string, receiptNumber: string): Promise<Inquiry> {
  const center = await handlingCenter(ctx, slug);
  return ctx.database.transaction(async (tx) => {
    const row = await findInquiryByReceipt(tx, center.id, receiptNumber);
    if (!row) throw notFound('問合せ');
    await recordAudit(tx, ctx, {
      category: 'view',
      action: 'inquiry.view',
      centerId: center.id,
      targetType: 'inquiry',
      targetId: row.id,
      detail: { receiptNumber: row.receiptNumber },
    });
    return presentInquiry(tx, row);
  });
}

/** 未対応 → 対応中 → 完了 (and 完了 → 対応中 to reopen); recorded with who and when. */
export async function updateInquiryStatus(
  ctx: ServiceContext,
  slug: string,
  receiptNumber: string,
  status: InquiryStatus,
): Promise<Inquiry> {
  const center = await handlingCenter(ctx, slug);
  return ctx.database.transaction(async (tx) => {
    const row = await findInquiryByReceipt(tx, center.id, receiptNumber, { forUpdate: true });
    if (!row) throw notFound('問合せ');
    if (!canMoveInquiry(row.status, status))
      throw new AppError(
        'conflict',
        `状態を「${inquiryStatusLabels[row.status]}」から「${inquiryStatusLabels[status]}」には変更できません。`,
      );
    if (row.status === status) return presentInquiry(tx, row);
    const [updated] = await tx
      .update(inquiries)
      .set({ status, updatedAt: ctx.now() })
      .where(and(eq(inquiries.centerId, center.id), eq(inquiries.id, row.id)))
      .returning();
    if (!updated) throw notFound('問合せ');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'inquiry.status',
      centerId: center.id,
      targetType: 'inquiry',
      targetId: row.id,
      detail: { receiptNumber: row.receiptNumber, from: row.status, to: status },
    });
    return presentInquiry(tx, updated);
  });
}

/** An attachment's bytes; the download is recorded in the access log. */
export async function downloadInquiryAttachment(
  ctx: ServiceContext,
  slug: string,
  receiptNumber: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const center = await handlingCenter(ctx, slug);
  return ctx.database.transaction(async (tx) => {
    const row = await findInquiryByReceipt(tx, center.id, receiptNumber);
    if (!row) throw notFound('問合せ');
    const [file] = await tx
      .select()
      .from(inquiryAttachments)
      .where(
        and(
          eq(inquiryAttachments.centerId, center.id),
          eq(inquiryAttachments.inquiryId, row.id),
          eq(inquiryAttachments.id, attachmentId),
        ),
      );
    if (!file) throw notFound('添付ファイル');
    await recordAudit(tx, ctx, {
      category: 'view',
      action: 'inquiry.attachment.download',
      centerId: center.id,
      targetType: 'inquiry_attachment',
      targetId: file.id,
      detail: { receiptNumber: row.receiptNumber, filename: file.filename },
    });
    return { filename: file.filename, contentType: file.contentType, data: Buffer.from(file.data) };
  });
}

/**
 * Puts a failed auto-reply back in the queue (after the mail server or the address was fixed). Returns the
 * mail's id for the caller to queue once this has committed.
 */
export async function retryInquiryMail(
  ctx: ServiceContext,
  slug: string,
  receiptNumber: string,
  mailId: string,
): Promise<OutgoingMail> {
  const center = await handlingCenter(ctx, slug);
  return ctx.database.transaction(async (tx) => {
    const row = await findInquiryByReceipt(tx, center.id, receiptNumber);
    if (!row) throw notFound('問合せ');
    const [mail] = await tx
      .select()
      .from(outgoingMails)
      .where(
        and(
          eq(outgoingMails.centerId, center.id),
          eq(outgoingMails.inquiryId, row.id),
          eq(outgoingMails.id, mailId),
        ),
      )
      .for('update');
    if (!mail) throw notFound('メール');
    if (mail.status === 'sent') throw new AppError('conflict', 'このメールは送信済みです。');
    const settings = await findMailSettingsRow(tx, center.id);
    const [updated] = await tx
      .update(outgoingMails)
      .set({ status: 'pending', lastError: waitingReason(settings) })
      .where(and(eq(outgoingMails.centerId, center.id), eq(outgoingMails.id, mail.id)))
      .returning();
    if (!updated) throw notFound('メール');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'inquiry.mail.retry',
      centerId: center.id,
      targetType: 'outgoing_mail',
      targetId: mail.id,
      detail: { receiptNumber: row.receiptNumber, previousStatus: mail.status },
    });
    return toOutgoingMail(updated);
  });
}
