import {
  noticeInputSchema,
  publicSettingsSchema,
  publicSettingsUpdateSchema,
  slugSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import type { Api } from '../../platform/http/types.ts';
import * as settings from './public-settings.service.ts';

const tags = ['public-site'];
const center = z.object({ center: slugSchema });

/** What the centre shows citizens: homepage, related contacts, host, inquiry form, notice banner. */
export function publicSettingsRoutes(app: Api) {
  app.get(
    '/api/v1/centers/:center/public-settings',
    {
      schema: {
        tags,
        summary: '公開サイト設定',
        params: center,
        response: { 200: publicSettingsSchema },
      },
    },
    (r) => settings.getPublicSettings(r.ctx, r.params.center),
  );
  app.patch(
    '/api/v1/centers/:center/public-settings',
    {
      schema: {
        tags,
        summary: '公開サイト設定の変更（センター管理者。公開ホスト名が他のセンターと重なると 409）',
        description:
          '紹介文、関連窓口、公開ホスト名、問合せフォームの設定を変更します。送った項目だけが変わります。' +
          'お知らせバナーは PUT /api/v1/centers/{center}/public-notice で変更します。',
        params: center,
        body: publicSettingsUpdateSchema,
        response: { 200: publicSettingsSchema },
      },
    },
    (r) => settings.updatePublicSettings(r.ctx, r.params.center, r.body),
  );
  app.put(
    '/api/v1/centers/:center/public-notice',
    {
      schema: {
        tags,
        summary: 'お知らせバナーの掲載・取り下げ（管理者・マネージャー・スーパーバイザー）',
        description: '公開サイトの全ページ上部に表示するお知らせです。text を空にすると掲載をやめます。',
        params: center,
        body: noticeInputSchema,
        response: { 200: publicSettingsSchema },
      },
    },
    (r) => settings.setPublicNotice(r.ctx, r.params.center, r.body),
  );
}
