// Contact data in lists is masked (seed 004 第3-12: personal data only where the work needs it): the list
// tells inquiries apart and lets an operator match a caller; the full data is one audited click away.

const MASK = '＊';

/** 「山田 太郎」→「山田 ＊＊」; without a space 「山田太郎」→「山＊＊」. */
export function maskName(name: string | null): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  const parts = trimmed.split(/[\s\u3000]+/);
  if (parts.length > 1) return `${parts[0]} ${MASK.repeat(2)}`;
  const first = [...trimmed][0] ?? '';
  return `${first}${MASK.repeat(2)}`;
}

/** 「yamada@example.jp」→「y＊＊＊@example.jp」: the domain helps spot a mistyped address. */
export function maskEmail(email: string | null): string | null {
  const trimmed = email?.trim();
  if (!trimmed) return null;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return MASK.repeat(3);
  const first = [...trimmed.slice(0, at)][0] ?? '';
  return `${first}${MASK.repeat(3)}${trimmed.slice(at)}`;
}

/** 「090-1234-5678」→「＊＊＊-＊＊＊＊-5678」: the last four digits, which callers are asked for. */
export function maskPhone(phone: string | null): string | null {
  const trimmed = phone?.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/\D/g, '').length;
  let seen = 0;
  return trimmed.replace(/\d/g, (d) => {
    seen += 1;
    return seen > digits - 4 ? d : MASK;
  });
}
