import {
  defaultInquiryFieldModes,
  INQUIRY_ATTACHMENT_MAX_BYTES,
  type InquiryFieldModes,
} from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import { checkInquiryForm, OTHER_CATEGORY } from './inquiry-form.ts';

const categories = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'ごみ・環境' },
  { id: '22222222-2222-4222-8222-222222222222', name: '税金' },
];
const valid = {
  name: '山田　太郎',
  nameKana: 'ﾔﾏﾀﾞ たろう',
  email: 'ｙａｍａｄａ＠example.jp',
  emailConfirm: 'yamada@example.jp',
  phone: '０９０ー１２３４ー５６７８',
  categoryId: categories[0]?.id ?? '',
  body: '粗大ごみの出し方を教えてください。\r\nソファーです。\r\n',
  consent: 'yes',
};
const modes = { ...defaultInquiryFieldModes };
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);

describe('checkInquiryForm', () => {
  it('accepts a complete form and normalises what Japanese keyboards produce', () => {
    const result = checkInquiryForm(valid, modes, categories, null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values).toEqual({
      name: '山田 太郎',
      nameKana: 'ヤマダ たろう',
      email: 'yamada@example.jp',
      phone: '090-1234-5678',
      address: null,
      categoryId: categories[0]?.id,
      body: '粗大ごみの出し方を教えてください。\nソファーです。',
    });
  });

  it('reports every missing required field with a Japanese message, in page order', () => {
    const result = checkInquiryForm({}, modes, categories, null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['name', 'email', 'categoryId', 'body', 'consent']);
    expect(result.errors[0]?.message).toBe('お名前を入力してください。');
    expect(result.errors.find((e) => e.field === 'consent')?.message).toContain('個人情報の取扱い');
  });

  it('follows the centre’s choice of required, optional and hidden fields', () => {
    const custom: InquiryFieldModes = {
      name: 'optional',
      nameKana: 'hidden',
      email: 'hidden',
      phone: 'required',
      address: 'required',
      attachment: 'hidden',
    };
    const result = checkInquiryForm(
      { body: '質問', consent: 'yes', categoryId: OTHER_CATEGORY, nameKana: 'x' },
      custom,
      categories,
      null,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['phone', 'address']);
    const ok = checkInquiryForm(
      {
        body: '質問',
        consent: 'yes',
        categoryId: OTHER_CATEGORY,
        phone: '0246-00-1234',
        address: 'いわき市平',
        email: 'a@b.jp',
        nameKana: 'x',
      },
      custom,
      categories,
      { filename: 'a.png', declaredType: 'image/png', data: png },
    );
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    // Hidden fields are not saved even when posted; 「分からない・その他」 is no category.
    expect(ok.values).toMatchObject({ email: null, nameKana: null, categoryId: null, name: null });
    expect(ok.attachment).toBeNull();
  });

  it('checks formats, the confirmation address, lengths and the category', () => {
    const result = checkInquiryForm(
      {
        ...valid,
        nameKana: '山田',
        email: 'yamada@example',
        phone: '12-34',
        categoryId: '33333333-3333-4333-8333-333333333333',
        body: 'あ'.repeat(4001),
      },
      modes,
      categories,
      null,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
    expect(byField.nameKana).toContain('ひらがなまたはカタカナ');
    expect(byField.email).toContain('形式が正しくありません');
    expect(byField.phone).toContain('数字とハイフン');
    expect(byField.categoryId).toContain('選び直して');
    expect(byField.body).toBe('お問い合わせ内容は4,000文字以内で入力してください（現在 4,001文字）。');
    const mismatch = checkInquiryForm(
      { ...valid, emailConfirm: 'yamada@example.com' },
      modes,
      categories,
      null,
    );
    expect(mismatch.ok ? [] : mismatch.errors.map((e) => e.field)).toEqual(['emailConfirm']);
    // 4000 characters exactly is fine, emoji counted as one.
    expect(checkInquiryForm({ ...valid, body: `${'あ'.repeat(3999)}😀` }, modes, categories, null).ok).toBe(
      true,
    );
  });

  it('checks the attachment by size and content, and hands back a good file even when other fields fail', () => {
    const tooBig = checkInquiryForm(valid, modes, categories, {
      filename: 'big.png',
      declaredType: 'image/png',
      data: Buffer.alloc(INQUIRY_ATTACHMENT_MAX_BYTES),
      tooLarge: true,
    });
    expect(tooBig.ok ? '' : tooBig.errors[0]?.message).toBe('添付ファイルは5MB以内にしてください。');
    const fake = checkInquiryForm(valid, modes, categories, {
      filename: 'photo.png',
      declaredType: 'image/png',
      data: Buffer.from('<html>not a png</html>'),
    });
    expect(fake.ok ? '' : fake.errors[0]?.message).toContain('.png の形式ではありません');
    const exe = checkInquiryForm(valid, modes, categories, {
      filename: 'tool.exe',
      declaredType: 'application/octet-stream',
      data: Buffer.from('MZ'),
    });
    expect(exe.ok ? '' : exe.errors[0]?.field).toBe('attachment');
    const kept = checkInquiryForm({ ...valid, body: '' }, modes, categories, {
      filename: '../../写真.png',
      declaredType: 'image/png',
      data: png,
    });
    expect(kept.ok).toBe(false);
    expect(kept.attachment).toMatchObject({ filename: '写真.png', contentType: 'image/png' });
  });
});
