import { z } from 'zod';

/** Every error code the API answers with; the server maps each to one HTTP status. */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'totp_required',
  'invalid_totp',
  'account_locked',
  'account_disabled',
  'password_rejected',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  'unavailable',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** For validation errors: the field path that failed, e.g. `lines.0.number`. */
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Japanese text the console shows for each code when the server message is not shown as is. */
export const errorMessagesJa: Record<ErrorCode, string> = {
  bad_request: 'リクエストの内容が正しくありません。',
  validation_failed: '入力内容に誤りがあります。',
  unauthenticated: 'ログインしてください。',
  invalid_credentials: 'ログインIDまたはパスワードが正しくありません。',
  totp_required: '確認コード（二要素認証）を入力してください。',
  invalid_totp: '確認コードが正しくありません。',
  account_locked: 'ログインに繰り返し失敗したため、アカウントが一時的にロックされています。',
  account_disabled: 'このアカウントは無効です。管理者に連絡してください。',
  password_rejected: 'パスワードが要件を満たしていません。',
  csrf_failed: '画面の有効期限が切れました。再読み込みしてください。',
  forbidden: 'この操作を行う権限がありません。',
  not_found: '対象が見つかりません。',
  conflict: '同じ内容のデータが既に存在します。',
  rate_limited: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
  payload_too_large: 'データが大きすぎます。',
  unsupported_media_type: '対応していない形式です。',
  internal: 'システムエラーが発生しました。時間をおいて再度お試しください。',
  unavailable: 'サービスを一時的に利用できません。',
};
