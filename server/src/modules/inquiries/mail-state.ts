// Why a mail has not gone out yet, in the words the console shows beside it (outgoing_mails.last_error).

export const mailWaitingReasons = {
  notConfigured:
    'メール送信が設定されていないため、送信を待っています。センターの管理者がメール設定を保存して有効にすると送信されます。',
  disabled:
    'メール送信が無効に設定されているため、送信を待っています。センターの管理者がメール設定で有効にすると送信されます。',
} as const;

export function waitingReason(settings: { enabled: boolean } | null): string | null {
  if (!settings) return mailWaitingReasons.notConfigured;
  return settings.enabled ? null : mailWaitingReasons.disabled;
}
