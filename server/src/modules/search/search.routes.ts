import {
  searchAnalyticsQuerySchema,
  searchAnalyticsSchema,
  searchRequestSchema,
  searchResultSchema,
  slugSchema,
  suggestionSchema,
  suggestRequestSchema,
  synonymGroupInputSchema,
  synonymGroupSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import { noContent } from '../../platform/http/no-content.ts';
import type { Api } from '../../platform/http/types.ts';
import { searchClickInputSchema, searchIdSchema, synonymGroupUpdateSchema } from './search.schemas.ts';
import { recordSearchClick, type SearchService, searchFaqs, suggestFaqs } from './search.service.ts';
import { getSearchAnalytics } from './search-analytics.service.ts';
import * as synonyms from './synonyms.service.ts';

const tags = ['search'];
const center = z.object({ center: slugSchema });
const base = '/api/v1/centers/:center';

/**
 * FAQ search, suggestions, click counting, synonyms and search analytics. The app closes `search` when it
 * closes (it stops listening for FAQ changes).
 */
export function searchRoutes(app: Api, search: SearchService) {
  app.addHook('onClose', () => search.stop());

  app.get(
    `${base}/search`,
    {
      schema: {
        tags,
        summary: 'FAQ検索（所管課職員は自課のFAQのみ。scope=published で公開中のみ）',
        params: center,
        querystring: searchRequestSchema,
        response: { 200: searchResultSchema },
      },
    },
    (r) => searchFaqs(r.ctx, search, r.params.center, r.query),
  );
  app.get(
    `${base}/search/suggest`,
    {
      schema: {
        tags,
        summary: '入力中の候補（FAQの質問とよく検索される言葉）',
        params: center,
        querystring: suggestRequestSchema,
        response: { 200: z.array(suggestionSchema) },
      },
    },
    (r) => suggestFaqs(r.ctx, search, r.params.center, r.query),
  );
  app.post(
    `${base}/search/:searchId/click`,
    {
      schema: {
        tags,
        summary: '検索結果から開いたFAQの記録（クリックされなかった検索の集計用）',
        params: center.extend({ searchId: searchIdSchema }),
        body: searchClickInputSchema,
      },
    },
    (r, reply) => noContent(reply, recordSearchClick(r.ctx, r.params.center, r.params.searchId, r.body)),
  );

  app.get(
    `${base}/synonyms`,
    {
      schema: {
        tags,
        summary: '同義語の一覧（FAQ編集者）',
        params: center,
        response: { 200: z.array(synonymGroupSchema) },
      },
    },
    (r) => synonyms.listSynonymGroups(r.ctx, r.params.center),
  );
  app.post(
    `${base}/synonyms`,
    {
      schema: {
        tags,
        summary: '同義語の追加（FAQ編集者）',
        params: center,
        body: synonymGroupInputSchema,
        response: { 201: synonymGroupSchema },
      },
    },
    async (r, reply) =>
      reply.code(201).send(await synonyms.createSynonymGroup(r.ctx, r.params.center, r.body)),
  );
  app.patch(
    `${base}/synonyms/:id`,
    {
      schema: {
        tags,
        summary: '同義語の変更・有効/無効（FAQ編集者）',
        params: center.extend({ id: z.uuid() }),
        body: synonymGroupUpdateSchema,
        response: { 200: synonymGroupSchema },
      },
    },
    (r) => synonyms.updateSynonymGroup(r.ctx, r.params.center, r.params.id, r.body),
  );
  app.delete(
    `${base}/synonyms/:id`,
    {
      schema: {
        tags,
        summary: '同義語の削除（FAQ編集者）',
        params: center.extend({ id: z.uuid() }),
      },
    },
    (r, reply) => noContent(reply, synonyms.deleteSynonymGroup(r.ctx, r.params.center, r.params.id)),
  );

  app.get(
    `${base}/search-analytics`,
    {
      schema: {
        tags,
        summary: '検索分析（結果なし・クリックなし・週ごとの上位20語。日付は日本時間、週は月曜始まり）',
        params: center,
        querystring: searchAnalyticsQuerySchema,
        response: { 200: searchAnalyticsSchema },
      },
    },
    (r) => getSearchAnalytics(r.ctx, r.params.center, r.query),
  );
}
