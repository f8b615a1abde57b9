import {
  calendarDaySchema,
  categoryAxisInputSchema,
  categoryAxisSchema,
  categoryInputSchema,
  categorySchema,
  centerInputSchema,
  centerSchema,
  centerSummarySchema,
  centerUpdateSchema,
  closureInputSchema,
  closureSchema,
  departmentInputSchema,
  departmentSchema,
  lineInputSchema,
  lineSchema,
  openStatusSchema,
  slugSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import { noContent } from '../../platform/http/no-content.ts';
import type { Api } from '../../platform/http/types.ts';
import * as centers from './centers.service.ts';

const tags = ['centers'];
const center = z.object({ center: slugSchema });
const withId = center.extend({ id: z.uuid() });
const at = z.object({ at: z.iso.datetime({ offset: true }).optional() });
const range = z.object({ from: z.iso.date(), to: z.iso.date() });

export function centerRoutes(app: Api) {
  app.get(
    '/api/v1/centers',
    { schema: { tags, summary: '利用できるセンター一覧', response: { 200: z.array(centerSummarySchema) } } },
    (r) => centers.listCenters(r.ctx),
  );
  app.post(
    '/api/v1/centers',
    {
      schema: {
        tags,
        summary: 'センターの追加（システム管理者）',
        body: centerInputSchema,
        response: { 201: centerSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await centers.createCenter(r.ctx, r.body)),
  );
  app.get(
    '/api/v1/centers/:center',
    { schema: { tags, summary: 'センターの設定', params: center, response: { 200: centerSchema } } },
    (r) => centers.getCenter(r.ctx, r.params.center),
  );
  app.patch(
    '/api/v1/centers/:center',
    {
      schema: {
        tags,
        summary: 'センターの設定変更',
        params: center,
        body: centerUpdateSchema,
        response: { 200: centerSchema },
      },
    },
    (r) => centers.updateCenter(r.ctx, r.params.center, r.body),
  );
  app.get(
    '/api/v1/centers/:center/status',
    {
      schema: {
        tags,
        summary: '受付中かどうか',
        params: center,
        querystring: at,
        response: { 200: openStatusSchema },
      },
    },
    (r) => centers.getCenterStatus(r.ctx, r.params.center, r.query.at ? new Date(r.query.at) : r.ctx.now()),
  );
  app.get(
    '/api/v1/centers/:center/calendar',
    {
      schema: {
        tags,
        summary: '営業日カレンダー',
        params: center,
        querystring: range,
        response: { 200: z.array(calendarDaySchema) },
      },
    },
    (r) => centers.getCenterCalendar(r.ctx, r.params.center, r.query.from, r.query.to),
  );

  app.post(
    '/api/v1/centers/:center/lines',
    {
      schema: {
        tags,
        summary: '回線の追加',
        params: center,
        body: lineInputSchema,
        response: { 201: lineSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await centers.addLine(r.ctx, r.params.center, r.body)),
  );
  app.patch(
    '/api/v1/centers/:center/lines/:id',
    {
      schema: {
        tags,
        summary: '回線の変更',
        params: withId,
        body: lineInputSchema.partial(),
        response: { 200: lineSchema },
      },
    },
    (r) => centers.updateLine(r.ctx, r.params.center, r.params.id, r.body),
  );
  app.delete(
    '/api/v1/centers/:center/lines/:id',
    { schema: { tags, summary: '回線の削除', params: withId } },
    (r, reply) => noContent(reply, centers.deleteLine(r.ctx, r.params.center, r.params.id)),
  );

  app.post(
    '/api/v1/centers/:center/closures',
    {
      schema: {
        tags,
        summary: '休業日の追加',
        params: center,
        body: closureInputSchema,
        response: { 201: closureSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await centers.addClosure(r.ctx, r.params.center, r.body)),
  );
  app.delete(
    '/api/v1/centers/:center/closures/:id',
    { schema: { tags, summary: '休業日の削除', params: withId } },
    (r, reply) => noContent(reply, centers.deleteClosure(r.ctx, r.params.center, r.params.id)),
  );

  app.post(
    '/api/v1/centers/:center/departments',
    {
      schema: {
        tags,
        summary: '所管課の追加',
        params: center,
        body: departmentInputSchema,
        response: { 201: departmentSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await centers.addDepartment(r.ctx, r.params.center, r.body)),
  );
  app.patch(
    '/api/v1/centers/:center/departments/:id',
    {
      schema: {
        tags,
        summary: '所管課の変更',
        params: withId,
        body: departmentInputSchema.partial(),
        response: { 200: departmentSchema },
      },
    },
    (r) => centers.updateDepartment(r.ctx, r.params.center, r.params.id, r.body),
  );
  app.delete(
    '/api/v1/centers/:center/departments/:id',
    { schema: { tags, summary: '所管課の削除', params: withId } },
    (r, reply) => noContent(reply, centers.deleteDepartment(r.ctx, r.params.center, r.params.id)),
  );
  app.get(
    '/api/v1/centers/:center/departments/:id/status',
    {
      schema: {
        tags,
        summary: '所管課が開庁中か（転送可否）',
        params: withId,
        querystring: at,
        response: { 200: openStatusSchema },
      },
    },
    (r) =>
      centers.getDepartmentStatus(
        r.ctx,
        r.params.center,
        r.params.id,
        r.query.at ? new Date(r.query.at) : r.ctx.now(),
      ),
  );

  app.post(
    '/api/v1/centers/:center/category-axes',
    {
      schema: {
        tags,
        summary: '分類軸の追加',
        params: center,
        body: categoryAxisInputSchema,
        response: { 201: categoryAxisSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await centers.addCategoryAxis(r.ctx, r.params.center, r.body)),
  );
  app.patch(
    '/api/v1/centers/:center/category-axes/:id',
    {
      schema: {
        tags,
        summary: '分類軸の変更',
        params: withId,
        body: categoryAxisInputSchema.omit({ key: true }).partial(),
      },
    },
    (r, reply) => noContent(reply, centers.updateCategoryAxis(r.ctx, r.params.center, r.params.id, r.body)),
  );
  app.delete(
    '/api/v1/centers/:center/category-axes/:id',
    { schema: { tags, summary: '分類軸の削除', params: withId } },
    (r, reply) => noContent(reply, centers.deleteCategoryAxis(r.ctx, r.params.center, r.params.id)),
  );
  app.post(
    '/api/v1/centers/:center/category-axes/:id/categories',
    {
      schema: {
        tags,
        summary: 'カテゴリの追加',
        params: withId,
        body: categoryInputSchema,
        response: { 201: categorySchema },
      },
    },
    async (r, reply) =>
      reply.code(201).send(await centers.addCategory(r.ctx, r.params.center, r.params.id, r.body)),
  );
  app.patch(
    '/api/v1/centers/:center/categories/:id',
    { schema: { tags, summary: 'カテゴリの変更', params: withId, body: categoryInputSchema.partial() } },
    (r, reply) => noContent(reply, centers.updateCategory(r.ctx, r.params.center, r.params.id, r.body)),
  );
  app.delete(
    '/api/v1/centers/:center/categories/:id',
    { schema: { tags, summary: 'カテゴリの削除', params: withId } },
    (r, reply) => noContent(reply, centers.deleteCategory(r.ctx, r.params.center, r.params.id)),
  );
}
