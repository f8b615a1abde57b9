import type { ErrorBody, ErrorCode } from '@madoguchi/contracts';
import { errorMessagesJa } from '@madoguchi/contracts';

/** The one error type services throw; the HTTP layer maps its code to a status. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? errorMessagesJa[code]);
    this.code = code;
    this.field = field;
  }
}

/** The one exhaustive map from error code to HTTP status. */
export const httpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  password_rejected: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  invalid_totp: 401,
  csrf_failed: 403,
  forbidden: 403,
  account_disabled: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field ? { code, message, field } : { code, message } };
}

/** Shorthand for the common "missing" case. */
export function notFound(what = '対象'): AppError {
  return new AppError('not_found', `${what}が見つかりません。`);
}
