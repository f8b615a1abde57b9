import { slugSchema, staffInputSchema, staffSchema, staffUpdateSchema } from '@madoguchi/contracts';
import { z } from 'zod';
import { noContent } from '../../platform/http/no-content.ts';
import type { Api } from '../../platform/http/types.ts';
import * as staff from './staff.service.ts';

const tags = ['staff'];
const center = z.object({ center: slugSchema });
const withUser = center.extend({ userId: z.uuid() });

export function staffRoutes(app: Api) {
  app.get(
    '/api/v1/centers/:center/staff',
    { schema: { tags, summary: '職員一覧', params: center, response: { 200: z.array(staffSchema) } } },
    (r) => staff.listStaff(r.ctx, r.params.center),
  );
  app.post(
    '/api/v1/centers/:center/staff',
    {
      schema: {
        tags,
        summary: '職員の追加',
        params: center,
        body: staffInputSchema,
        response: { 201: staffSchema },
      },
    },
    async (r, reply) => reply.code(201).send(await staff.createStaff(r.ctx, r.params.center, r.body)),
  );
  app.patch(
    '/api/v1/centers/:center/staff/:userId',
    {
      schema: {
        tags,
        summary: '職員の変更',
        params: withUser,
        body: staffUpdateSchema,
        response: { 200: staffSchema },
      },
    },
    (r) => staff.updateStaff(r.ctx, r.params.center, r.params.userId, r.body),
  );
  app.post(
    '/api/v1/centers/:center/staff/:userId/unlock',
    { schema: { tags, summary: 'ロック解除', params: withUser } },
    (r, reply) => noContent(reply, staff.unlockStaff(r.ctx, r.params.center, r.params.userId)),
  );
  app.post(
    '/api/v1/centers/:center/staff/:userId/password',
    {
      schema: {
        tags,
        summary: 'パスワードの再設定',
        params: withUser,
        body: z.object({ password: z.string().min(1) }),
      },
    },
    (r, reply) =>
      noContent(reply, staff.resetStaffPassword(r.ctx, r.params.center, r.params.userId, r.body.password)),
  );
}
