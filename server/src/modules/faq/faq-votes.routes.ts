import {
  faqIdSchema,
  faqVoteFilterSchema,
  faqVoteListQuerySchema,
  faqVoteListSchema,
  faqVoteStatsQuerySchema,
  faqVoteStatsSchema,
  slugSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import type { Api } from '../../platform/http/types.ts';
import { exportFaqVotes, getFaqVoteStats, listFaqVotes } from './faq-votes.service.ts';
import { attachmentDisposition } from './transfer/faq-transfer.routes.ts';

const tags = ['faq'];
const center = z.object({ center: slugSchema });
const base = '/api/v1/centers/:center';

/** Statistics of citizens' 「役に立ちましたか」 votes (seed 004 第2-8(1)イ(ｳ)); the public site writes the votes. */
export function faqVoteRoutes(app: Api) {
  app.get(
    `${base}/faq-votes`,
    {
      schema: {
        tags,
        summary:
          'FAQの満足度（期間の「はい」「いいえ」。いいえが多い順／役に立った割合が低い順、最低投票数つき。日付は日本時間）',
        params: center,
        querystring: faqVoteListQuerySchema,
        response: { 200: faqVoteListSchema },
      },
    },
    (r) => listFaqVotes(r.ctx, r.params.center, r.query),
  );
  app.get(
    `${base}/faq-votes/export`,
    {
      schema: {
        tags,
        summary: 'FAQの満足度のCSV（UTF-8 BOM付き。コメントは含みません）',
        params: center,
        querystring: faqVoteFilterSchema,
        produces: ['text/csv'],
      },
    },
    async (r, reply) => {
      const file = await exportFaqVotes(r.ctx, r.params.center, r.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(file.filename, file.asciiFilename))
        .header('cache-control', 'private, no-store')
        .header('x-faq-rows', String(file.rows))
        .send(file.body);
    },
  );
  app.get(
    `${base}/faqs/:faqId/votes`,
    {
      schema: {
        tags,
        summary:
          'このFAQの満足度（期間と累計。市民のコメントはFAQ編集者・業務監督者・管理者のみ、閲覧を記録します）',
        params: center.extend({ faqId: faqIdSchema }),
        querystring: faqVoteStatsQuerySchema,
        response: { 200: faqVoteStatsSchema },
      },
    },
    (r) => getFaqVoteStats(r.ctx, r.params.center, r.params.faqId, r.query),
  );
}
