// The inquiry form through HTTP (app.inject) as a browser without JavaScript uses it: errors next to the
// fields with everything typed kept, the confirmation, the receipt by POST/redirect/GET, no double inquiry,
// the attachment carried through the steps, spam protection (honeypot, minimum fill time, rate limit, size),
// the centre's field settings and a switched-off form.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inquiries, inquiryAttachments, outgoingMails } from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { hiddenFields, multipartForm } from '../inquiries/inquiry-test-helpers.ts';
import { invalidatePublicSites } from './site.ts';

let t: TestApp;
let admin: Client;
let iwakiId: string;
let gomiId: string;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

beforeAll(async () => {
  t = await createTestApp({ env: { INQUIRY_RATE_LIMIT_PER_HOUR: '3' } });
  admin = await loginAs(t.app, 'admin');
  const center = await findCenterBySlug(t.database.db, 'iwaki');
  if (!center) throw new Error('demo centre missing');
  iwakiId = center.id;
  const detail = (await admin.get('/api/v1/centers/iwaki')).json();
  gomiId = detail.categoryAxes[0].categories.find((c: { name: string }) => c.name === 'ごみ・環境').id;
});
afterAll(async () => {
  await t?.close();
});

let ipCounter = 0;
/** Each test its own client address, so that the rate limit only meets the test about it. */
const nextIp = () => `10.1.0.${++ipCounter}`;

function tick(seconds = 5) {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
}

async function openForm(ip: string, slug = 'iwaki') {
  const response = await t.app.inject({ method: 'GET', url: `/c/${slug}/inquiry`, remoteAddress: ip });
  return { response, token: hiddenFields(response.body).token ?? '' };
}

function post(
  path: string,
  fields: Record<string, string>,
  ip: string,
  file?: { filename: string; type: string; data: Buffer },
) {
  const form = multipartForm(
    fields,
    file ? { field: 'attachment', filename: file.filename, contentType: file.type, data: file.data } : null,
  );
  return t.app.inject({
    method: 'POST',
    url: path,
    payload: form.body,
    headers: form.headers,
    remoteAddress: ip,
  });
}

const typed = {
  homepage: '',
  name: '高橋 春子',
  nameKana: 'やまだ はなこ',
  email: 'hanako@example.jp',
  emailConfirm: 'hanako@example.jp',
  phone: '090-0000-1234',
  categoryId: '',
  body: '粗大ごみの出し方を教えてください。<script>alert(1)</script>\r\nソファーです。',
  consent: 'yes',
};

async function inquiriesNamed(name: string) {
  return t.database.db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.centerId, iwakiId), eq(inquiries.name, name)));
}

describe('the inquiry form', () => {
  it('shows the form with the centre’s fields, a token, a honeypot and no caching', async () => {
    const { response, token } = await openForm(nextIp());
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<meta name="robots" content="noindex">');
    expect(token).toMatch(/^\d+\.[\w-]+\.[\w-]{43}$/);
    expect(response.body).toContain('enctype="multipart/form-data"');
    expect(response.body).toContain(
      '<label for="inq-name">お名前<span class="inq-badge inq-badge--required">必須</span></label>',
    );
    expect(response.body).toContain(
      '<label for="inq-phone">電話番号<span class="inq-badge">任意</span></label>',
    );
    // The default settings hide the address.
    expect(response.body).not.toContain('name="address"');
    expect(response.body).toContain(`<option value="${gomiId}">ごみ・環境</option>`);
    expect(response.body).toContain('<option value="other">分からない・その他</option>');
    expect(response.body).toMatch(/class="hp-field" aria-hidden="true">.*name="homepage".*tabindex="-1"/);
    expect(response.body).toContain('4,000文字まで入力できます。');
    expect(response.body).toContain('個人情報の取扱い');
    const script = await t.app.inject({ method: 'GET', url: '/c/iwaki/inquiry/form.js' });
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it('shows each error next to its field, with a summary linking to it, and keeps everything typed', async () => {
    const ip = nextIp();
    const { token } = await openForm(ip);
    tick();
    const response = await post(
      '/c/iwaki/inquiry/confirm',
      { ...typed, token, name: '', email: 'hanako@example', categoryId: gomiId, consent: '' },
      ip,
    );
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toContain('<title>エラー：お問い合わせ | いわき市総合コールセンター（デモ）</title>');
    expect(body).toMatch(
      /<section class="inq-error-summary" aria-labelledby="inq-errors-title" tabindex="-1" autofocus>/,
    );
    expect(body).toContain('入力内容に3件の誤りがあります');
    expect(body).toContain('<li><a href="#inq-name">お名前を入力してください。</a></li>');
    expect(body).toContain('<a href="#inq-email">');
    expect(body).toContain('<a href="#inq-consent">');
    // The message sits by its field, which points to it and is marked invalid.
    expect(body).toContain(
      '<p class="inq-error" id="inq-name-error"><span class="visually-hidden">エラー：</span>お名前を入力してください。</p>',
    );
    expect(body).toMatch(
      /<input type="text" id="inq-name" name="name" aria-describedby="inq-name-hint inq-name-error" aria-invalid="true"/,
    );
    expect(body).toMatch(
      /id="inq-email" name="email" aria-describedby="inq-email-hint inq-email-error" aria-invalid="true"[^>]*value="hanako@example"/,
    );
    // Everything typed is still there, escaped.
    expect(body).toContain('value="やまだ はなこ"');
    expect(body).toContain('value="090-0000-1234"');
    expect(body).toContain(`<option value="${gomiId}" selected>ごみ・環境</option>`);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(hiddenFields(body).token).toBe(token);
  });

  it('goes form → confirmation → send → receipt, carrying the attachment, and saves once however often it is sent', async () => {
    const ip = nextIp();
    const { token } = await openForm(ip);
    tick();
    const confirm = await post('/c/iwaki/inquiry/confirm', { ...typed, token, categoryId: gomiId }, ip, {
      filename: '粗大ごみ.png',
      type: 'image/png',
      data: png,
    });
    expect(confirm.statusCode, confirm.body.slice(0, 500)).toBe(200);
    expect(confirm.body).toContain('<h1>入力内容の確認</h1>');
    expect(confirm.body).toContain('<dt>お名前</dt><dd>高橋 春子</dd>');
    expect(confirm.body).toContain('<dt>お問い合わせの分類</dt><dd>ごみ・環境</dd>');
    expect(confirm.body).toContain('<dt>添付ファイル</dt><dd>粗大ごみ.png（72バイト）</dd>');
    expect(confirm.body).toContain('formaction="/c/iwaki/inquiry"');
    const hidden = hiddenFields(confirm.body);
    expect(hidden).toMatchObject({
      token,
      name: '高橋 春子',
      carriedName: '粗大ごみ.png',
      carriedType: 'image/png',
    });
    expect(Buffer.from(hidden.carriedData ?? '', 'base64').equals(png)).toBe(true);
    expect(await inquiriesNamed('高橋 春子')).toEqual([]);

    // 「入力画面に戻る」: the form again, as it was, the file still attached.
    const back = await post('/c/iwaki/inquiry', hidden, ip);
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('value="高橋 春子"');
    expect(back.body).toContain('添付済み：粗大ごみ.png（72バイト）');
    expect(hiddenFields(back.body).carriedData).toBe(hidden.carriedData);

    const sent = await post('/c/iwaki/inquiry/send', hidden, ip);
    expect(sent.statusCode).toBe(303);
    const location = sent.headers.location as string;
    expect(location).toMatch(/^\/c\/iwaki\/inquiry\/receipt\/[\w-]{16,64}$/);
    // No personal data in the address.
    expect(location).not.toMatch(/hanako|高橋/);
    const saved = await inquiriesNamed('高橋 春子');
    expect(saved).toHaveLength(1);
    const inquiry = saved[0];
    expect(inquiry).toMatchObject({ email: 'hanako@example.jp', categoryId: gomiId, phone: '090-0000-1234' });
    expect(inquiry?.body).toBe('粗大ごみの出し方を教えてください。<script>alert(1)</script>\nソファーです。');
    expect(inquiry?.raw).toMatchObject({
      name: '高橋 春子',
      emailConfirm: 'hanako@example.jp',
      consent: 'yes',
      categoryId: gomiId,
      attachment: { filename: '粗大ごみ.png', size: png.length, contentType: 'image/png' },
    });
    const files = await t.database.db
      .select()
      .from(inquiryAttachments)
      .where(eq(inquiryAttachments.inquiryId, inquiry?.id ?? ''));
    expect(files.map((f) => Buffer.from(f.data).equals(png))).toEqual([true]);
    const mails = await t.database.db
      .select()
      .from(outgoingMails)
      .where(eq(outgoingMails.inquiryId, inquiry?.id ?? ''));
    expect(mails.map((m) => [m.toAddress, m.status])).toEqual([['hanako@example.jp', 'pending']]);

    const receipt = await t.app.inject({ method: 'GET', url: location, remoteAddress: ip });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['cache-control']).toBe('no-store');
    expect(receipt.body).toContain(`<p class="inq-receipt__number">${inquiry?.receiptNumber}</p>`);
    expect(receipt.body).toContain('受付確認のメールを自動でお送りします');
    expect(receipt.body).not.toContain('高橋');

    // The browser sends the POST again (reload, back and 送信する): the same receipt, nothing new.
    const again = await post('/c/iwaki/inquiry/send', hidden, ip);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(location);
    expect(await inquiriesNamed('高橋 春子')).toHaveLength(1);
    // A day later the receipt page is gone (the number stays with the citizen).
    tick(25 * 60 * 60);
    const gone = await t.app.inject({ method: 'GET', url: location });
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('受付完了の画面は表示できません');
  });

  it('asks a submission faster than a person to confirm again, keeping what was typed', async () => {
    const ip = nextIp();
    const { token } = await openForm(ip);
    const quick = await post(
      '/c/iwaki/inquiry/confirm',
      { ...typed, token, name: '早押し 太郎', categoryId: gomiId },
      ip,
    );
    expect(quick.statusCode).toBe(200);
    expect(quick.body).toContain('<h1>お問い合わせ</h1>');
    expect(quick.body).toContain('もう一度ボタンを押してください（入力内容はそのまま残っています）');
    expect(quick.body).toContain('value="早押し 太郎"');
    // A token issued now: the wait starts again.
    const renewed = hiddenFields(quick.body).token ?? '';
    expect(renewed.split('.')[0]).toBe(String(t.clock.now.getTime()));
    // Straight to 送信 without the form's wait: no inquiry either.
    const direct = await post(
      '/c/iwaki/inquiry/send',
      { ...typed, token: renewed, name: '早押し 太郎', categoryId: gomiId },
      ip,
    );
    expect(direct.statusCode).toBe(200);
    expect(await inquiriesNamed('早押し 太郎')).toEqual([]);
    tick();
    const confirm = await post(
      '/c/iwaki/inquiry/confirm',
      { ...typed, token: renewed, name: '早押し 太郎', categoryId: gomiId },
      ip,
    );
    expect(confirm.body).toContain('<h1>入力内容の確認</h1>');
    // A forged token gets the same friendly treatment and never an inquiry.
    const forged = await post(
      '/c/iwaki/inquiry/send',
      {
        ...typed,
        token: '1.abcdefghijklmnopqrstuvwx.0000000000000000000000000000000000000000000',
        name: '偽造 太郎',
        categoryId: gomiId,
      },
      ip,
    );
    expect(forged.body).toContain('フォームの情報を確認できませんでした');
    expect(await inquiriesNamed('偽造 太郎')).toEqual([]);
  });

  it('turns away a filled honeypot with a clear page and saves nothing', async () => {
    const ip = nextIp();
    const { token } = await openForm(ip);
    tick();
    const response = await post(
      '/c/iwaki/inquiry/send',
      { ...typed, token, homepage: 'https://spam.example', name: 'ボット', categoryId: gomiId },
      ip,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<h1>送信できませんでした</h1>');
    expect(response.body).toContain('自動送信と判断される入力がありました');
    expect(response.body).toContain('0246-00-1000');
    expect(await inquiriesNamed('ボット')).toEqual([]);
  });

  it('limits sends per client address and says so on a page', async () => {
    const ip = nextIp();
    for (let i = 1; i <= 3; i++) {
      const { token } = await openForm(ip);
      tick();
      const sent = await post(
        '/c/iwaki/inquiry/send',
        { ...typed, token, name: `連投 ${i}`, categoryId: gomiId },
        ip,
      );
      expect(sent.statusCode, `send ${i}`).toBe(303);
    }
    const { token } = await openForm(ip);
    tick();
    const refused = await post(
      '/c/iwaki/inquiry/send',
      { ...typed, token, name: '連投 4', categoryId: gomiId },
      ip,
    );
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('短い時間に多くの送信がありました');
    expect(await inquiriesNamed('連投 4')).toEqual([]);
    // Another address is not affected.
    const other = nextIp();
    const fresh = await openForm(other);
    tick();
    expect(
      (
        await post(
          '/c/iwaki/inquiry/send',
          { ...typed, token: fresh.token, name: '別の人', categoryId: gomiId },
          other,
        )
      ).statusCode,
    ).toBe(303);
  });

  it('refuses a file over the limit next to the attachment field, keeping the rest', async () => {
    const ip = nextIp();
    const { token } = await openForm(ip);
    tick();
    const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024, 1)]);
    const response = await post('/c/iwaki/inquiry/confirm', { ...typed, token, categoryId: gomiId }, ip, {
      filename: 'big.png',
      type: 'image/png',
      data: big,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="inq-attachment-error"');
    expect(response.body).toContain('添付ファイルは5MB以内にしてください。');
    expect(response.body).toContain('value="高橋 春子"');
  });

  it('asks the fields the centre chose, and explains other ways when the form is switched off', async () => {
    const ip = nextIp();
    // Signed in afresh: the test clock has moved past the earlier session's lifetime.
    admin = await loginAs(t.app, 'admin');
    const patched = await admin.patch('/api/v1/centers/iwaki/public-settings', {
      inquiryFields: {
        name: 'optional',
        nameKana: 'hidden',
        email: 'hidden',
        phone: 'required',
        address: 'required',
        attachment: 'hidden',
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    invalidatePublicSites(t.database, null);
    try {
      const { response, token } = await openForm(ip);
      expect(response.body).not.toContain('name="email"');
      expect(response.body).not.toContain('name="attachment"');
      expect(response.body).toContain(
        '<label for="inq-address">ご住所<span class="inq-badge inq-badge--required">必須</span></label>',
      );
      tick();
      const missing = await post(
        '/c/iwaki/inquiry/confirm',
        { token, body: '道路の穴', categoryId: 'other', consent: 'yes' },
        ip,
      );
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('<a href="#inq-phone">電話番号を入力してください。</a>');
      expect(missing.body).toContain('<a href="#inq-address">ご住所を入力してください。</a>');
      expect(missing.body).not.toContain('href="#inq-name"');
    } finally {
      await admin.patch('/api/v1/centers/iwaki/public-settings', {
        inquiryFields: {
          name: 'required',
          nameKana: 'optional',
          email: 'required',
          phone: 'optional',
          address: 'hidden',
          attachment: 'optional',
        },
      });
    }

    expect(
      (await admin.patch('/api/v1/centers/iwaki/public-settings', { inquiryEnabled: false })).statusCode,
    ).toBe(200);
    invalidatePublicSites(t.database, null);
    try {
      const off = await t.app.inject({ method: 'GET', url: '/c/iwaki/inquiry', remoteAddress: ip });
      expect(off.statusCode).toBe(200);
      expect(off.body).toContain('このページからのお問い合わせは受け付けていません');
      expect(off.body).toContain('<a href="tel:0246001000">0246-00-1000</a>');
      expect(off.body).not.toContain('<form class="inq-form"');
      const post1 = await post(
        '/c/iwaki/inquiry/send',
        { ...typed, token: 'x', name: '停止中', categoryId: 'other' },
        ip,
      );
      expect(post1.body).toContain('受け付けていません');
      expect(await inquiriesNamed('停止中')).toEqual([]);
    } finally {
      await admin.patch('/api/v1/centers/iwaki/public-settings', { inquiryEnabled: true });
      invalidatePublicSites(t.database, null);
    }
  });

  it('answers unknown centres and receipts with the not-found page', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/c/nowhere/inquiry' })).statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/c/iwaki/inquiry/receipt/abcdefghijklmnopqrstuvwx',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('受付完了の画面は表示できません');
  });
});
