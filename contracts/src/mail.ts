import { z } from 'zod';

// A centre's outgoing mail (seed 004 第2-8(2)ウ・エ): the SMTP server it sends through, the sender, and the
// automatic reply that confirms an inquiry was received.

/** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain (a relay on the same host). */
export const smtpSecuritySchema = z.enum(['tls', 'starttls', 'none']);
export type SmtpSecurity = z.infer<typeof smtpSecuritySchema>;
export const smtpSecurityLabels: Record<SmtpSecurity, string> = {
  tls: 'SSL/TLS（465番ポートなど）',
  starttls: 'STARTTLS（587番ポートなど・暗号化必須）',
  none: '暗号化なし（同じサーバー内の中継のみ）',
};

/** Placeholders the auto-reply's subject and body may use; each is replaced when the inquiry is received. */
export const mailPlaceholders = {
  receiptNumber: '受付番号（例 W20261122-0007）',
  centerName: 'センター名',
  receivedAt: '受付日時（例 2026年11月22日 14時05分）',
  contactPhones: 'センターの電話番号（1行に1つ）',
  centerHours: 'センターの受付時間',
} as const;
export type MailPlaceholder = keyof typeof mailPlaceholders;

/**
 * The default auto-reply. It confirms receipt and says how to reach the centre, but deliberately does not
 * repeat what the citizen wrote or their name: a mistyped address would send it to a stranger.
 */
export const defaultAutoReplySubject =
  '【{centerName}】お問い合わせを受け付けました（受付番号 {receiptNumber}）';
export const defaultAutoReplyBody = [
  'このメールは、{centerName}のお問い合わせフォームから送信された方に、自動でお送りしています。',
  '',
  'お問い合わせを受け付けました。内容を確認のうえ、担当者よりご連絡いたします。',
  '回答までお時間をいただく場合があります。あらかじめご了承ください。',
  '',
  '受付番号：{receiptNumber}',
  '受付日時：{receivedAt}',
  '',
  'お電話でお問い合わせの際は、受付番号をお知らせください。',
  '{contactPhones}',
  '受付時間：{centerHours}',
  '',
  '※このメールは送信専用です。このメールに返信されてもお答えできません。',
  '※お問い合わせの内容は、万一の誤送信に備えてこのメールには記載していません。',
  '※お心当たりのない場合は、お手数ですがこのメールを破棄してください。',
  '',
  '{centerName}',
].join('\n');

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => (v === '' ? null : v))
    .nullable();

const mailAddress = (label: string) =>
  z
    .string()
    .trim()
    .max(254, `${label}は254文字以内で入力してください`)
    .pipe(z.email(`${label}は name@example.jp の形式で入力してください`));

/** What the console shows: never the password, only whether one is stored. */
export const mailSettingsSchema = z.object({
  /** False until an administrator first saves the settings (the values are then the defaults). */
  configured: z.boolean(),
  enabled: z.boolean(),
  smtpHost: z.string(),
  smtpPort: z.number().int(),
  smtpSecurity: smtpSecuritySchema,
  smtpUser: z.string().nullable(),
  hasPassword: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
  replyTo: z.string().nullable(),
  autoReplySubject: z.string(),
  autoReplyBody: z.string(),
  /** Whether the installation can store a password (MAIL_CREDENTIALS_KEY is set). */
  credentialsKeyConfigured: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

/** The whole settings form. `smtpPassword`: a string sets it, null removes it, absent keeps the stored one. */
export const mailSettingsUpdateSchema = z.object({
  enabled: z.boolean(),
  smtpHost: z
    .string()
    .trim()
    .min(1, 'SMTPサーバーを入力してください')
    .max(253, 'SMTPサーバーは253文字以内で入力してください')
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'SMTPサーバーはホスト名またはIPアドレスで入力してください'),
  smtpPort: z.coerce
    .number({ message: 'ポート番号を数字で入力してください' })
    .int('ポート番号を整数で入力してください')
    .min(1, 'ポート番号は1〜65535で入力してください')
    .max(65535, 'ポート番号は1〜65535で入力してください'),
  smtpSecurity: smtpSecuritySchema,
  smtpUser: optionalText(254, 'ユーザー名は254文字以内で入力してください'),
  smtpPassword: z.string().max(500, 'パスワードは500文字以内で入力してください').nullable().optional(),
  fromAddress: mailAddress('送信元アドレス'),
  fromName: z
    .string()
    .trim()
    .max(100, '送信者名は100文字以内で入力してください')
    .regex(/^[^\r\n]*$/, '送信者名に改行は使えません'),
  replyTo: z
    .union([z.literal('').transform(() => null), mailAddress('返信先アドレス'), z.null()])
    .default(null),
  autoReplySubject: z
    .string()
    .trim()
    .min(1, '件名を入力してください')
    .max(200, '件名は200文字以内で入力してください')
    .regex(/^[^\r\n]*$/, '件名に改行は使えません'),
  autoReplyBody: z
    .string()
    .trim()
    .min(1, '本文を入力してください')
    .max(5000, '本文は5000文字以内で入力してください'),
});
export type MailSettingsUpdate = z.input<typeof mailSettingsUpdateSchema>;

export const mailTestRequestSchema = z.object({ to: mailAddress('送信先アドレス') });
export type MailTestRequest = z.infer<typeof mailTestRequestSchema>;

/** The outcome of a test mail: on failure the SMTP problem in Japanese (connection, TLS, login, refusal). */
export const mailTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  messageId: z.string().nullable(),
});
export type MailTestResult = z.infer<typeof mailTestResultSchema>;
