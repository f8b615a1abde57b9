// The inquiry form's fields and their checks (seed 004 第2-8(2)): which contact fields are asked is the
// centre's choice (center_public_settings.inquiry_fields: required / optional / hidden); category, text and
// consent to the handling of personal data are always asked. Pure: the form pages and the tests use it.
import {
  INQUIRY_ATTACHMENT_MAX_BYTES,
  INQUIRY_BODY_MAX,
  type InquiryFieldMode,
  type InquiryFieldModes,
  inquiryFieldLabels,
} from '@madoguchi/contracts';
import { checkAttachment, cleanFilename } from '../faq/attachment-types.ts';

/** The form's text fields in page order (the error summary lists errors in this order). */
export const inquiryFormFields = [
  'name',
  'nameKana',
  'email',
  'emailConfirm',
  'phone',
  'address',
  'categoryId',
  'body',
  'attachment',
  'consent',
] as const;
export type InquiryFormField = (typeof inquiryFormFields)[number];

/** Japanese labels, used in the page, the error messages and the confirmation screen. */
export const inquiryFormLabels: Record<InquiryFormField, string> = {
  ...inquiryFieldLabels,
  emailConfirm: 'メールアドレス（確認用）',
  categoryId: 'お問い合わせの分類',
  body: 'お問い合わせ内容',
  consent: '個人情報の取扱いへの同意',
};

export const NAME_MAX = 100;
export const ADDRESS_MAX = 200;
export const EMAIL_MAX = 254;
/** The category choice for 「分からない・その他」: saved without a category. */
export const OTHER_CATEGORY = 'other';

export interface InquiryCategoryOption {
  id: string;
  name: string;
}

/** A file as uploaded (or carried over from an earlier step). */
export interface InquiryUpload {
  filename: string;
  declaredType: string;
  data: Buffer;
  /** The upload was cut off at the size limit (the bytes are incomplete). */
  tooLarge?: boolean;
}

/** Values after the checks, ready to save. */
export interface InquiryValues {
  name: string | null;
  nameKana: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  categoryId: string | null;
  body: string;
}

export interface CheckedAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FieldError {
  field: InquiryFormField;
  message: string;
}

export type FormCheck =
  | { ok: true; values: InquiryValues; attachment: CheckedAttachment | null }
  | { ok: false; errors: FieldError[]; attachment: CheckedAttachment | null };

/** Characters as people count them (an emoji is one), after line ends are made \n. */
export function charCount(text: string): number {
  return [...text].length;
}

/** Browsers send line ends as CRLF; the text is kept with \n. Leading and trailing blank space goes. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Full-width letters, digits and @ (typed on a Japanese keyboard) become ASCII; spaces go. */
function normalizeEmail(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

// The everyday address shape: something@domain.tld, no spaces, one @ (the server that receives it decides the rest).
const emailPattern =
  /^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Dashes and long-vowel marks people type in phone numbers become '-'; full-width digits become ASCII. */
function normalizePhone(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‐‑‒–—―ー−－]/g, '-')
    .trim();
}

const kanaPattern = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u;

function modeOf(modes: InquiryFieldModes, field: keyof InquiryFieldModes): InquiryFieldMode {
  return modes[field];
}

/**
 * Checks a submission against the centre's settings. Every problem is reported (not just the first), with
 * a message that names the field and says how to put it right.
 */
export function checkInquiryForm(
  input: Partial<Record<string, string>>,
  modes: InquiryFieldModes,
  categories: readonly InquiryCategoryOption[],
  upload: InquiryUpload | null,
): FormCheck {
  const errors: FieldError[] = [];
  const fail = (field: InquiryFormField, message: string) => errors.push({ field, message });
  const text = (field: string) => normalizeText(input[field] ?? '');

  const asked = (field: keyof InquiryFieldModes) => modeOf(modes, field) !== 'hidden';
  const required = (field: keyof InquiryFieldModes) => modeOf(modes, field) === 'required';

  let name: string | null = null;
  if (asked('name')) {
    const value = text('name').replace(/\s+/g, ' ');
    if (!value) {
      if (required('name')) fail('name', 'お名前を入力してください。');
    } else if (charCount(value) > NAME_MAX) fail('name', `お名前は${NAME_MAX}文字以内で入力してください。`);
    else name = value;
  }

  let nameKana: string | null = null;
  if (asked('nameKana')) {
    // Half-width katakana (ｶﾀｶﾅ) becomes full-width.
    const value = text('nameKana').normalize('NFKC').replace(/\s+/g, ' ');
    if (!value) {
      if (required('nameKana')) fail('nameKana', 'お名前（ふりがな）を入力してください。');
    } else if (charCount(value) > NAME_MAX)
      fail('nameKana', `お名前（ふりがな）は${NAME_MAX}文字以内で入力してください。`);
    else if (!kanaPattern.test(value))
      fail('nameKana', 'お名前（ふりがな）は、ひらがなまたはカタカナで入力してください。');
    else nameKana = value;
  }

  let email: string | null = null;
  if (asked('email')) {
    const value = normalizeEmail(input.email ?? '');
    const confirm = normalizeEmail(input.emailConfirm ?? '');
    if (!value) {
      if (required('email')) fail('email', 'メールアドレスを入力してください。');
      else if (confirm)
        fail('email', 'メールアドレス（確認用）だけが入力されています。メールアドレスも入力してください。');
    } else if (value.length > EMAIL_MAX || !emailPattern.test(value)) {
      fail('email', 'メールアドレスの形式が正しくありません。yamada@example.jp のように入力してください。');
    } else if (!confirm) {
      fail('emailConfirm', '確認のため、メールアドレスをもう一度入力してください。');
    } else if (confirm !== value) {
      fail(
        'emailConfirm',
        'メールアドレス（確認用）がメールアドレスと一致しません。もう一度確認してください。',
      );
    } else email = value;
  }

  let phone: string | null = null;
  if (asked('phone')) {
    const value = normalizePhone(input.phone ?? '');
    const digits = value.replace(/\D/g, '');
    if (!value) {
      if (required('phone')) fail('phone', '電話番号を入力してください。');
    } else if (!/^\+?[\d\s()-]+$/.test(value) || digits.length < 10 || digits.length > 15) {
      fail('phone', '電話番号は、0246-00-1234 のように数字とハイフンで入力してください。');
    } else phone = value;
  }

  let address: string | null = null;
  if (asked('address')) {
    const value = text('address').replace(/\s*\n\s*/g, ' ');
    if (!value) {
      if (required('address')) fail('address', 'ご住所を入力してください。');
    } else if (charCount(value) > ADDRESS_MAX)
      fail('address', `ご住所は${ADDRESS_MAX}文字以内で入力してください。`);
    else address = value;
  }

  let categoryId: string | null = null;
  if (categories.length > 0) {
    const value = (input.categoryId ?? '').trim();
    if (!value)
      fail('categoryId', 'お問い合わせの分類を選んでください（分からない場合は「分からない・その他」）。');
    else if (value === OTHER_CATEGORY) categoryId = null;
    else if (categories.some((c) => c.id === value)) categoryId = value;
    else fail('categoryId', 'お問い合わせの分類を一覧から選び直してください。');
  }

  const body = text('body');
  if (!body) fail('body', 'お問い合わせ内容を入力してください。');
  else if (charCount(body) > INQUIRY_BODY_MAX)
    fail(
      'body',
      `お問い合わせ内容は${INQUIRY_BODY_MAX.toLocaleString('ja-JP')}文字以内で入力してください（現在 ${charCount(body).toLocaleString('ja-JP')}文字）。`,
    );

  let attachment: CheckedAttachment | null = null;
  if (asked('attachment')) {
    if (!upload || upload.data.length === 0) {
      if (upload?.filename) fail('attachment', '添付ファイルが空です。別のファイルを選んでください。');
      else if (required('attachment')) fail('attachment', '添付ファイルを選んでください。');
    } else if (upload.tooLarge || upload.data.length > INQUIRY_ATTACHMENT_MAX_BYTES) {
      fail('attachment', `添付ファイルは${INQUIRY_ATTACHMENT_MAX_BYTES / 1024 / 1024}MB以内にしてください。`);
    } else {
      const filename = cleanFilename(upload.filename);
      const check = checkAttachment(filename, upload.declaredType, upload.data);
      if (check.ok) attachment = { filename, contentType: check.contentType, data: upload.data };
      else fail('attachment', check.reason);
    }
  }

  if (input.consent !== 'yes')
    fail('consent', '個人情報の取扱いに同意いただける場合は、チェックを入れてください。');

  if (errors.length > 0) {
    const order = (f: InquiryFormField) => inquiryFormFields.indexOf(f);
    errors.sort((a, b) => order(a.field) - order(b.field));
    return { ok: false, errors, attachment };
  }
  return { ok: true, values: { name, nameKana, email, phone, address, categoryId, body }, attachment };
}
