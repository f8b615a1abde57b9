import fastifyMultipart from '@fastify/multipart';
import {
  faqAttachmentSchema,
  faqCommentInputSchema,
  faqCommentSchema,
  faqEvidenceErasedSchema,
  faqEvidenceSchema,
  faqIdSchema,
  faqInputSchema,
  faqListQuerySchema,
  faqListSchema,
  faqRankingQuerySchema,
  faqRankingSchema,
  faqRevisionSchema,
  faqSchema,
  faqStatsSchema,
  faqUpdateSchema,
  faqUseInputSchema,
  slugSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { noContent } from '../../platform/http/no-content.ts';
import type { Api } from '../../platform/http/types.ts';
import { contentDisposition, MAX_ATTACHMENT_BYTES } from './attachment-types.ts';
import * as faq from './faq.service.ts';
import * as attachments from './faq-attachments.service.ts';
import * as comments from './faq-comments.service.ts';
import * as evidence from './faq-evidence.service.ts';
import * as stats from './faq-stats.service.ts';

const tags = ['faq'];
const center = z.object({ center: slugSchema });
const one = center.extend({ faqId: faqIdSchema });
const attachment = one.extend({ id: z.uuid() });
const revision = one.extend({ revision: z.coerce.number().int().min(1) });
const base = '/api/v1/centers/:center/faqs';

/** The FAQ knowledge base routes (seed 004 第2-8(1)ア): records, revisions, review, comments, files, ranking. */
export function faqRoutes(app: Api) {
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'FAQ一覧',
        params: center,
        querystring: faqListQuerySchema,
        response: { 200: faqListSchema },
      },
    },
    (r) => faq.listFaqs(r.ctx, r.params.center, r.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'FAQの作成（FAQ編集者）',
        params: center,
        body: faqInputSchema,
        response: { 201: faqSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await faq.createFaq(r.ctx, r.params.center, r.body)),
  );
  app.get(
    `${base}/:faqId`,
    { schema: { tags, summary: 'FAQ（閲覧数に数えます）', params: one, response: { 200: faqSchema } } },
    (r) => faq.getFaq(r.ctx, r.params.center, r.params.faqId),
  );
  app.patch(
    `${base}/:faqId`,
    {
      schema: {
        tags,
        summary: 'FAQの変更（FAQ編集者。version が古いと 409）',
        params: one,
        body: faqUpdateSchema,
        response: { 200: faqSchema },
      },
    },
    (r) => faq.updateFaq(r.ctx, r.params.center, r.params.faqId, r.body),
  );
  app.delete(
    `${base}/:faqId`,
    {
      schema: {
        tags,
        summary: 'FAQの削除（履歴から復元できます）',
        params: one,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
    },
    (r, reply) =>
      noContent(reply, faq.deleteFaq(r.ctx, r.params.center, r.params.faqId, { version: r.query.version })),
  );
  app.get(
    `${base}/:faqId/revisions`,
    {
      schema: {
        tags,
        summary: '変更履歴（新しい順）',
        params: one,
        response: { 200: z.array(faqRevisionSchema) },
      },
    },
    (r) => faq.listFaqRevisions(r.ctx, r.params.center, r.params.faqId),
  );
  app.post(
    `${base}/:faqId/revisions/:revision/restore`,
    {
      schema: {
        tags,
        summary: 'この版の内容に戻す（削除したFAQも復元）',
        params: revision,
        response: { 200: faqSchema },
      },
    },
    (r) => faq.restoreFaqRevision(r.ctx, r.params.center, r.params.faqId, r.params.revision),
  );
  app.post(
    `${base}/:faqId/review`,
    {
      schema: { tags, summary: '内容を確認した（年1回の点検）', params: one, response: { 200: faqSchema } },
    },
    (r) => faq.reviewFaq(r.ctx, r.params.center, r.params.faqId),
  );

  app.get(
    `${base}/:faqId/comments`,
    { schema: { tags, summary: 'コメント一覧', params: one, response: { 200: z.array(faqCommentSchema) } } },
    (r) => comments.listFaqComments(r.ctx, r.params.center, r.params.faqId),
  );
  app.post(
    `${base}/:faqId/comments`,
    {
      schema: {
        tags,
        summary: 'コメントを書く',
        params: one,
        body: faqCommentInputSchema,
        response: { 201: faqCommentSchema },
      },
    },
    async (r, reply) =>
      reply.code(201).send(await comments.addFaqComment(r.ctx, r.params.center, r.params.faqId, r.body)),
  );

  app.post(
    `${base}/:faqId/uses`,
    {
      schema: {
        tags,
        summary: '応対でこのFAQを使った（利用回数・検索の学習）',
        params: one,
        body: faqUseInputSchema,
      },
    },
    (r, reply) => noContent(reply, stats.recordFaqUse(r.ctx, r.params.center, r.params.faqId, r.body)),
  );
  app.get(
    `${base}/:faqId/evidence`,
    {
      schema: {
        tags,
        summary: '学習した検索語の一覧（FAQ編集者。閲覧は記録されます）',
        params: one,
        response: { 200: z.array(faqEvidenceSchema) },
      },
    },
    (r) => evidence.listFaqEvidence(r.ctx, r.params.center, r.params.faqId),
  );
  app.delete(
    `${base}/:faqId/evidence/:id`,
    { schema: { tags, summary: '学習した検索語の削除（FAQ編集者）', params: attachment } },
    (r, reply) =>
      noContent(reply, evidence.removeFaqEvidence(r.ctx, r.params.center, r.params.faqId, r.params.id)),
  );
  app.delete(
    '/api/v1/centers/:center/faq-evidence',
    {
      schema: {
        tags,
        summary: '学習した検索語をすべて削除（管理者）',
        params: center,
        response: { 200: faqEvidenceErasedSchema },
      },
    },
    (r) => evidence.eraseCenterEvidence(r.ctx, r.params.center),
  );
  app.get(
    `${base}/:faqId/stats`,
    {
      schema: {
        tags,
        summary: '閲覧数と利用回数（直近12週）',
        params: one,
        response: { 200: faqStatsSchema },
      },
    },
    (r) => stats.getFaqStats(r.ctx, r.params.center, r.params.faqId),
  );
  app.get(
    '/api/v1/centers/:center/faq-ranking',
    {
      schema: {
        tags,
        summary: '週間アクセスランキング（月曜始まり、日本時間）',
        params: center,
        querystring: faqRankingQuerySchema,
        response: { 200: faqRankingSchema },
      },
    },
    (r) => stats.getFaqRanking(r.ctx, r.params.center, r.query),
  );

  app.get(
    `${base}/:faqId/attachments/:id`,
    { schema: { tags, summary: '添付ファイルのダウンロード', params: attachment } },
    async (r, reply) => {
      const file = await attachments.downloadFaqAttachment(
        r.ctx,
        r.params.center,
        r.params.faqId,
        r.params.id,
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );
  app.delete(
    `${base}/:faqId/attachments/:id`,
    { schema: { tags, summary: '添付ファイルの削除', params: attachment } },
    (r, reply) =>
      noContent(reply, attachments.deleteFaqAttachment(r.ctx, r.params.center, r.params.faqId, r.params.id)),
  );
  // Multipart parsing only where files are uploaded, with the attachment limit instead of the 1 MB body limit.
  app.register(async (scope: Api) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 },
    });
    scope.post(
      `${base}/:faqId/attachments`,
      {
        schema: {
          tags,
          summary: '添付ファイルの追加（multipart/form-data の file。10MB・10件まで）',
          consumes: ['multipart/form-data'],
          params: one,
          response: { 201: faqAttachmentSchema },
        },
      },
      async (r, reply) => {
        // The right to upload is checked before a byte of the file is read.
        await attachments.authorizeAttachmentUpload(r.ctx, r.params.center);
        if (!r.isMultipart())
          throw new AppError('unsupported_media_type', 'ファイルは multipart/form-data で送信してください。');
        const part = await r.file();
        if (!part) throw new AppError('validation_failed', 'file: ファイルを選んでください。', 'file');
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('payload_too_large', '添付ファイルは1件10MBまでです。');
          throw error;
        }
        const created = await attachments.addFaqAttachment(r.ctx, r.params.center, r.params.faqId, {
          filename: part.filename,
          declaredType: part.mimetype,
          data,
        });
        return reply.code(201).send(created);
      },
    );
  });
}
