import {
  inquiryListQuerySchema,
  inquiryListSchema,
  inquirySchema,
  inquiryStatusUpdateSchema,
  mailSettingsSchema,
  mailSettingsUpdateSchema,
  mailTestRequestSchema,
  mailTestResultSchema,
  outgoingMailSchema,
  receiptNumberSchema,
  slugSchema,
} from '@madoguchi/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Api } from '../../platform/http/types.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { contentDisposition } from '../faq/attachment-types.ts';
import * as inquiries from './inquiries.service.ts';
import { queueMail, queuePendingMails } from './mail-delivery.ts';
import * as mail from './mail-settings.service.ts';

const tags = ['inquiries'];
const center = z.object({ center: slugSchema });
const one = center.extend({ receiptNumber: receiptNumberSchema });
const base = '/api/v1/centers/:center/inquiries';

/**
 * Queues after the transaction committed; a failure to queue is only logged: the mail stays pending and the
 * `mail.sweep` job queues it within minutes.
 */
async function queueAfterCommit(
  jobs: JobRunner | null,
  log: FastifyBaseLogger,
  work: (j: JobRunner) => Promise<unknown>,
) {
  if (!jobs) return;
  try {
    await work(jobs);
  } catch (err) {
    log.warn({ err }, 'mail not queued; the sweep will queue it');
  }
}

/** The console's web inquiries (seed 004 第2-8(2)) and the centre's mail settings. */
export function inquiryRoutes(app: Api, jobs: JobRunner | null) {
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Web問合せの一覧（新しい順。氏名・連絡先は伏せ字）',
        params: center,
        querystring: inquiryListQuerySchema,
        response: { 200: inquiryListSchema },
      },
    },
    (r) => inquiries.listInquiries(r.ctx, r.params.center, r.query),
  );
  app.get(
    `${base}/:receiptNumber`,
    {
      schema: {
        tags,
        summary: 'Web問合せの内容（閲覧はアクセスログに記録）',
        params: one,
        response: { 200: inquirySchema },
      },
    },
    (r) => inquiries.getInquiry(r.ctx, r.params.center, r.params.receiptNumber),
  );
  app.patch(
    `${base}/:receiptNumber`,
    {
      schema: {
        tags,
        summary: '対応状況の変更（未対応 → 対応中 → 完了、完了 → 対応中）',
        params: one,
        body: inquiryStatusUpdateSchema,
        response: { 200: inquirySchema },
      },
    },
    (r) => inquiries.updateInquiryStatus(r.ctx, r.params.center, r.params.receiptNumber, r.body.status),
  );
  app.get(
    `${base}/:receiptNumber/attachments/:id`,
    {
      schema: {
        tags,
        summary: '添付ファイルのダウンロード（アクセスログに記録）',
        params: one.extend({ id: z.uuid() }),
      },
    },
    async (r, reply) => {
      const file = await inquiries.downloadInquiryAttachment(
        r.ctx,
        r.params.center,
        r.params.receiptNumber,
        r.params.id,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );
  app.post(
    `${base}/:receiptNumber/mails/:mailId/retry`,
    {
      schema: {
        tags,
        summary: '送信できなかった自動返信メールを再送する',
        params: one.extend({ mailId: z.uuid() }),
        response: { 200: outgoingMailSchema },
      },
    },
    async (r) => {
      const updated = await inquiries.retryInquiryMail(
        r.ctx,
        r.params.center,
        r.params.receiptNumber,
        r.params.mailId,
      );
      await queueAfterCommit(jobs, r.log, (j) => queueMail(j, updated.id));
      return updated;
    },
  );

  const settingsPath = '/api/v1/centers/:center/mail-settings';
  app.get(
    settingsPath,
    {
      schema: {
        tags,
        summary: 'メール設定（センターの管理者。パスワードは返しません）',
        params: center,
        response: { 200: mailSettingsSchema },
      },
    },
    (r) => mail.getMailSettings(r.ctx, r.params.center),
  );
  app.put(
    settingsPath,
    {
      schema: {
        tags,
        summary: 'メール設定の保存（smtpPassword: 文字列で設定、null で削除、省略で変更なし）',
        params: center,
        body: mailSettingsUpdateSchema,
        response: { 200: mailSettingsSchema },
      },
    },
    async (r) => {
      const { centerId, ...saved } = await mail.updateMailSettings(r.ctx, r.params.center, r.body);
      // Mails that waited for the settings go out now.
      if (saved.enabled)
        await queueAfterCommit(jobs, r.log, (j) => queuePendingMails(r.ctx.database, j, { centerId }));
      return saved;
    },
  );
  app.post(
    `${settingsPath}/test`,
    {
      schema: {
        tags,
        summary: '保存した設定でテストメールを送る（失敗の理由を日本語で返します）',
        params: center,
        body: mailTestRequestSchema,
        response: { 200: mailTestResultSchema },
      },
    },
    (r) => mail.sendTestMail(r.ctx, r.params.center, r.body),
  );
}
