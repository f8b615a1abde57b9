// Demo data for the web inquiries (everything fictional): mail settings that are switched off — a demo has
// no SMTP server, so the auto-replies wait as pending with the reason shown in the console — and a few
// inquiries written through the same service as the public form.
import type { MailSettingsUpdate } from '@madoguchi/contracts';
import { defaultAutoReplyBody, defaultAutoReplySubject } from '@madoguchi/contracts';
import type { ServiceContext } from '../auth/actor.ts';
import { getCenter } from '../centers/centers.service.ts';
import { submitInquiry, updateInquiryStatus } from './inquiries.service.ts';
import { updateMailSettings } from './mail-settings.service.ts';

export const demoMailSettings: MailSettingsUpdate = {
  enabled: false,
  smtpHost: 'smtp.example.jp',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: '',
  fromAddress: 'callcenter@example.jp',
  fromName: 'いわき市総合コールセンター（デモ）',
  replyTo: '',
  autoReplySubject: defaultAutoReplySubject,
  autoReplyBody: defaultAutoReplyBody,
};

interface DemoInquiry {
  /** Hours before the seed runs. */
  hoursAgo: number;
  category: string | null;
  name: string;
  nameKana: string | null;
  email: string | null;
  phone: string | null;
  body: string;
  status: 'new' | 'in_progress' | 'closed';
}

const demoInquiries: DemoInquiry[] = [
  {
    hoursAgo: 50,
    category: 'ごみ・環境',
    name: '山田 花子',
    nameKana: 'やまだ はなこ',
    email: 'hanako.yamada@example.jp',
    phone: '090-0000-1234',
    body: '粗大ごみの収集を申し込みたいのですが、インターネットから申し込めますか。\nソファー1台と本棚1つです。',
    status: 'closed',
  },
  {
    hoursAgo: 26,
    category: '税金',
    name: '佐藤 一郎',
    nameKana: null,
    email: null,
    phone: '0246-00-5678',
    body: '市県民税の納付書をなくしてしまいました。再発行はどこでできますか。電話で教えてください。',
    status: 'in_progress',
  },
  {
    hoursAgo: 3,
    category: null,
    name: '田中 次郎',
    nameKana: 'たなか じろう',
    email: 'jiro.tanaka@example.jp',
    phone: null,
    body: '市役所本庁舎の駐車場は土曜日も使えますか。',
    status: 'new',
  },
];

/** Mail settings (switched off) and three inquiries of the demo centre. */
export async function seedDemoInquiries(ctx: ServiceContext, slug: string): Promise<void> {
  await updateMailSettings(ctx, slug, demoMailSettings);
  const center = await getCenter(ctx, slug);
  const categories = center.categoryAxes[0]?.categories ?? [];
  const base = ctx.now().getTime();
  for (const demo of demoInquiries) {
    const at = new Date(base - demo.hoursAgo * 3_600_000);
    const categoryId = demo.category ? (categories.find((c) => c.name === demo.category)?.id ?? null) : null;
    const values = {
      name: demo.name,
      nameKana: demo.nameKana,
      email: demo.email,
      phone: demo.phone,
      address: null,
      categoryId,
      body: demo.body,
    };
    const saved = await submitInquiry(
      { ...ctx, now: () => at },
      {
        centerId: center.id,
        values,
        attachment: null,
        raw: {
          ...values,
          emailConfirm: demo.email,
          categoryId: categoryId ?? 'other',
          consent: 'yes',
          demo: true,
        },
        submissionToken: null,
      },
    );
    if (demo.status === 'closed') await updateInquiryStatus(ctx, slug, saved.receiptNumber, 'in_progress');
    if (demo.status !== 'new') await updateInquiryStatus(ctx, slug, saved.receiptNumber, demo.status);
  }
}
