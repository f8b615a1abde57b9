import { auditPageSchema, auditQuerySchema, slugSchema } from '@madoguchi/contracts';
import { z } from 'zod';
import type { Api } from '../../platform/http/types.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { searchAudit } from './audit.service.ts';

export function auditRoutes(app: Api) {
  app.get(
    '/api/v1/centers/:center/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '監査ログ・アクセスログの検索',
        params: z.object({ center: slugSchema }),
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (r) => {
      const center = await resolveCenter(r.ctx, r.params.center);
      return searchAudit(r.ctx, center.id, r.query);
    },
  );
}
