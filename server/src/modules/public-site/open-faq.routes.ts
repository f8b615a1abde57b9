import { openFaqPageSchema, openFaqQuerySchema, slugSchema } from '@madoguchi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Api } from '../../platform/http/types.ts';
import { attachmentDisposition } from '../faq/transfer/faq-transfer.routes.ts';
import { exportOpenFaqCsv, getOpenFaqPage } from './open-faq.service.ts';

const tags = ['open-faq'];
const center = z.object({ center: slugSchema });
const base = '/api/v1/public/centers/:center/faqs';

/**
 * Short and public: a reverse proxy or the consumer's HTTP cache absorbs repeated polls; within a minute a
 * change reaches every consumer. The ETag answers a conditional poll with 304 when nothing changed.
 */
export const OPEN_FAQ_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

/** RFC 9110 weak comparison against If-None-Match (a list, or `*`). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function cacheHeaders(reply: FastifyReply, etag: string): FastifyReply {
  // Other sites' scripts (a chatbot widget) may read open data; no cookie is ever involved.
  return reply
    .header('etag', etag)
    .header('cache-control', OPEN_FAQ_CACHE_CONTROL)
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'etag');
}

const description = [
  '公開中（公開フラグが立ち、公開期間内で、削除されていない）FAQだけを返します。内部メモ・下書き・コメント・職員名は含みません。',
  'updatedAt と内部IDの順のキーセットページングです。nextCursor を cursor に渡して最後まで取得してください。',
  '差分同期: 前回の応答の syncFrom を updatedSince に渡すと、その後に変わったFAQと、見えなくなったFAQ-ID（removed、最初のページのみ）が返ります。',
  'labelsVersion が前回と違うときは分類名・所管課名が変わっているので、updatedSince なしで全件を取り直してください。',
  '手順の詳細は docs/formats/open-faq.md。認証不要・レート制限あり・ETag と Cache-Control（60秒）付き。',
].join('\n\n');

/** The open FAQ API and feed (seed 004 第4-4), public like the FAQ site itself. */
export function openFaqRoutes(app: Api) {
  app.get(
    base,
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'オープンFAQ API：公開中のFAQ（JSON、ページング・差分同期）',
        description,
        security: [],
        params: center,
        querystring: openFaqQuerySchema,
        response: { 200: openFaqPageSchema, 304: z.null().describe('前回と同じ（If-None-Match）') },
      },
    },
    async (r, reply) => {
      const page = await getOpenFaqPage(r.ctx, r.params.center, r.query);
      cacheHeaders(reply, page.etag);
      if (notModified(r, page.etag)) return reply.code(304).send(null);
      return page.body;
    },
  );
  app.get(
    `${base}.csv`,
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'オープンFAQ：公開中のFAQの一覧（CSV、UTF-8 BOM付き）',
        description:
          'JSON と同じ項目を日本語の見出しで、1行に1件。分類は分類軸ごとの列、複数の値はセル内の改行で区切ります。' +
          "数式として解釈される先頭文字（= + - @）には ' を付けています。形式は docs/formats/open-faq.md。",
        security: [],
        params: center,
        produces: ['text/csv'],
      },
    },
    async (r, reply) => {
      const file = await exportOpenFaqCsv(r.ctx, r.params.center);
      cacheHeaders(reply, file.etag);
      if (notModified(r, file.etag)) return reply.code(304).send(null);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachmentDisposition(`faq-${r.params.center}.csv`, `faq-${r.params.center}.csv`),
        )
        .send(file.body);
    },
  );
}
