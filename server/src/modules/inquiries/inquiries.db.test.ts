// The inquiry service on both engines: one transaction for inquiry, attachment and auto-reply; receipt
// numbers per centre and Japan-time day under concurrent submissions; one inquiry per form however often it
// is sent; the console's list (masked), detail and downloads (audited), status changes and mail retry.
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  inquiries,
  inquiryAttachments,
  inquiryCounters,
  outgoingMails,
} from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { type InquirySubmission, submitInquiry } from './inquiries.service.ts';
import { mailWaitingReasons } from './mail-state.ts';

let t: TestApp;
let iwakiId: string;
let operator: Client;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

beforeAll(async () => {
  t = await createTestApp();
  const center = await findCenterBySlug(t.database.db, 'iwaki');
  if (!center) throw new Error('demo centre missing');
  iwakiId = center.id;
  operator = await loginAs(t.app, 'op02');
});
afterAll(async () => {
  await t?.close();
});

/** A citizen's context: nobody signed in, the clock at `at`. */
function citizen(at: Date): ServiceContext {
  return {
    database: t.database,
    config: t.config,
    actor: null,
    meta: { ip: null, userAgent: null },
    now: () => at,
  };
}

function submission(overrides: Partial<InquirySubmission> = {}): InquirySubmission {
  const values = {
    name: '山田 太郎',
    nameKana: 'やまだ たろう',
    email: 'taro.yamada@example.jp',
    phone: '090-1234-5678',
    address: null,
    categoryId: null,
    body: '粗大ごみの出し方を教えてください。',
  };
  return {
    centerId: iwakiId,
    values,
    attachment: null,
    raw: { ...values, emailConfirm: values.email, consent: 'yes', categoryId: 'other' },
    submissionToken: null,
    ...overrides,
  };
}

async function countWhere(receiptPrefix: string) {
  const rows = await t.database.db
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(and(eq(inquiries.centerId, iwakiId), like(inquiries.receiptNumber, `${receiptPrefix}%`)));
  return rows.length;
}

describe('submitting an inquiry', () => {
  it('writes the inquiry with its raw fields, the attachment and the pending auto-reply together', async () => {
    const at = new Date('2030-05-01T01:00:00Z');
    const raw = { name: '山田　太郎', email: 'ｔａｒｏ@example.jp', extra: '想定外の項目', consent: 'yes' };
    const saved = await submitInquiry(
      citizen(at),
      submission({ raw, attachment: { filename: '写真.png', contentType: 'image/png', data: png } }),
    );
    expect(saved).toMatchObject({ receiptNumber: 'W20300501-0001', duplicate: false });
    const [row] = await t.database.db.select().from(inquiries).where(eq(inquiries.id, saved.id));
    expect(row).toMatchObject({ status: 'new', channel: 'web', name: '山田 太郎', raw });
    const files = await t.database.db
      .select()
      .from(inquiryAttachments)
      .where(eq(inquiryAttachments.inquiryId, saved.id));
    expect(files.map((f) => [f.filename, f.size, Buffer.from(f.data).equals(png)])).toEqual([
      ['写真.png', png.length, true],
    ]);
    const [mail] = await t.database.db
      .select()
      .from(outgoingMails)
      .where(eq(outgoingMails.inquiryId, saved.id));
    expect(mail).toMatchObject({
      id: saved.mailId,
      status: 'pending',
      toAddress: 'taro.yamada@example.jp',
      attempts: 0,
      // The demo centre's mail settings are switched off: the reason is there before any job runs.
      lastError: mailWaitingReasons.disabled,
    });
    expect(mail?.subject).toBe(
      '【いわき市総合コールセンター（デモ）】お問い合わせを受け付けました（受付番号 W20300501-0001）',
    );
    expect(mail?.bodyText).toContain('受付日時：2030年5月1日 10時00分');
    expect(mail?.bodyText).toContain('0246-00-1000');
    // Never the inquiry's text or the name: the address may be someone else's.
    expect(mail?.bodyText).not.toContain('粗大ごみ');
    expect(mail?.bodyText).not.toContain('山田');
  });

  it('writes no mail when no e-mail address was given', async () => {
    const saved = await submitInquiry(
      citizen(new Date('2030-05-01T02:00:00Z')),
      submission({ values: { ...submission().values, email: null } }),
    );
    expect(saved.mailId).toBeNull();
    expect(saved.receiptNumber).toBe('W20300501-0002');
  });

  it('leaves nothing behind when a step after the inquiry’s insert fails', async () => {
    // A real failure inside the transaction, after the counter, the inquiry and the attachment were written.
    await t.database.exec(`
      create function test_fail_mail() returns trigger language plpgsql as $$
      begin raise exception 'simulated mail table failure'; end $$;
      create trigger test_fail_mail before insert on outgoing_mails for each row execute function test_fail_mail();`);
    try {
      const at = new Date('2030-06-01T01:00:00Z');
      const failure = await submitInquiry(
        citizen(at),
        submission({ attachment: { filename: 'a.png', contentType: 'image/png', data: png } }),
      ).catch((error: unknown) => error as Error & { cause?: Error });
      expect(String(failure instanceof Error ? failure.cause?.message : failure)).toContain(
        'simulated mail table failure',
      );
      expect(await countWhere('W20300601')).toBe(0);
      const counters = await t.database.db
        .select()
        .from(inquiryCounters)
        .where(and(eq(inquiryCounters.centerId, iwakiId), eq(inquiryCounters.day, '2030-06-01')));
      expect(counters).toEqual([]);
      const [orphans] = await t.database.query<{ n: number }>(
        `select count(*)::int as n from inquiry_attachments a
          where not exists (select 1 from inquiries i where i.id = a.inquiry_id)`,
      );
      expect(orphans?.n).toBe(0);
    } finally {
      await t.database.exec('drop trigger test_fail_mail on outgoing_mails; drop function test_fail_mail();');
    }
    // The number not used is handed out next.
    const next = await submitInquiry(citizen(new Date('2030-06-01T02:00:00Z')), submission());
    expect(next.receiptNumber).toBe('W20300601-0001');
  });

  it('numbers concurrent submissions consecutively and uniquely, per Japan-time day', async () => {
    const at = new Date('2031-03-03T01:00:00Z');
    const saved = await Promise.all(
      Array.from({ length: 20 }, () => submitInquiry(citizen(at), submission())),
    );
    const numbers = saved.map((s) => s.receiptNumber).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `W20310303-${String(i + 1).padStart(4, '0')}`),
    );
    // 15:30 UTC is already the next day in Japan.
    const late = await submitInquiry(citizen(new Date('2031-03-03T15:30:00Z')), submission());
    expect(late.receiptNumber).toBe('W20310304-0001');
  });

  it('makes one inquiry of a form sent twice, one after the other or at once', async () => {
    const at = new Date('2031-04-04T01:00:00Z');
    const first = await submitInquiry(citizen(at), submission({ submissionToken: 'token-sequential-0001' }));
    const again = await submitInquiry(citizen(at), submission({ submissionToken: 'token-sequential-0001' }));
    expect(again).toMatchObject({
      id: first.id,
      receiptNumber: first.receiptNumber,
      mailId: first.mailId,
      duplicate: true,
    });
    const together = await Promise.all([
      submitInquiry(citizen(at), submission({ submissionToken: 'token-together-0002' })),
      submitInquiry(citizen(at), submission({ submissionToken: 'token-together-0002' })),
      submitInquiry(citizen(at), submission({ submissionToken: 'token-together-0002' })),
    ]);
    expect(new Set(together.map((s) => s.id)).size).toBe(1);
    expect(together.filter((s) => !s.duplicate)).toHaveLength(1);
    expect(await countWhere('W20310404')).toBe(2);
  });
});

describe('the console’s web inquiries', () => {
  let receipt: string;
  let inquiryId: string;
  let attachmentId: string;
  beforeAll(async () => {
    const saved = await submitInquiry(
      citizen(new Date('2032-01-05T00:30:00Z')),
      submission({ attachment: { filename: '現場写真.png', contentType: 'image/png', data: png } }),
    );
    receipt = saved.receiptNumber;
    inquiryId = saved.id;
    const [file] = await t.database.db
      .select()
      .from(inquiryAttachments)
      .where(eq(inquiryAttachments.inquiryId, saved.id));
    attachmentId = file?.id ?? '';
  });

  async function auditOf(action: string, targetId: string) {
    return t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
  }

  it('lists inquiries newest first with the contact data masked, filtered by status or receipt number', async () => {
    const response = await operator.get(`/api/v1/centers/iwaki/inquiries?receipt=${receipt}`);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json();
    expect(list.items).toEqual([
      expect.objectContaining({
        receiptNumber: receipt,
        status: 'new',
        maskedName: '山田 ＊＊',
        maskedEmail: 't＊＊＊@example.jp',
        maskedPhone: '＊＊＊-＊＊＊＊-5678',
        hasAttachment: true,
        mailState: 'pending',
      }),
    ]);
    expect(response.body).not.toContain('taro.yamada');
    const all = (await operator.get('/api/v1/centers/iwaki/inquiries?limit=200')).json();
    const times = all.items.map((i: { receivedAt: string }) => i.receivedAt);
    expect(times).toEqual([...times].sort().reverse());
    // The demo centre's inquiries are there too (seeded through the same service).
    expect(all.items.some((i: { maskedName: string }) => i.maskedName === '佐藤 ＊＊')).toBe(true);
    const closed = (await operator.get('/api/v1/centers/iwaki/inquiries?status=closed')).json();
    expect(closed.items.every((i: { status: string }) => i.status === 'closed')).toBe(true);
    expect(closed.counts.closed).toBe(closed.total);
    // Nobody was shown personal data in full, so nothing is in the access log yet.
    expect(await auditOf('inquiry.view', inquiryId)).toEqual([]);
  });

  it('shows one inquiry in full and records who looked; downloads are recorded too', async () => {
    const response = await operator.get(`/api/v1/centers/iwaki/inquiries/${receipt}`);
    expect(response.statusCode, response.body).toBe(200);
    const inquiry = response.json();
    expect(inquiry).toMatchObject({
      receiptNumber: receipt,
      name: '山田 太郎',
      email: 'taro.yamada@example.jp',
      body: '粗大ごみの出し方を教えてください。',
      raw: expect.objectContaining({ consent: 'yes' }),
      attachments: [
        { id: attachmentId, filename: '現場写真.png', contentType: 'image/png', size: png.length },
      ],
      mails: [expect.objectContaining({ status: 'pending', lastError: mailWaitingReasons.disabled })],
    });
    const views = await auditOf('inquiry.view', inquiryId);
    expect(views).toEqual([expect.objectContaining({ category: 'view', actorLoginId: 'op02' })]);

    const file = await operator.get(`/api/v1/centers/iwaki/inquiries/${receipt}/attachments/${attachmentId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(file.rawPayload.equals(png)).toBe(true);
    expect(await auditOf('inquiry.attachment.download', attachmentId)).toEqual([
      expect.objectContaining({ category: 'view', actorLoginId: 'op02' }),
    ]);
  });

  it('moves the status 未対応 → 対応中 → 完了 with an audit row each, and refuses going back to 未対応', async () => {
    const path = `/api/v1/centers/iwaki/inquiries/${receipt}`;
    expect((await operator.patch(path, { status: 'in_progress' })).json().status).toBe('in_progress');
    expect((await operator.patch(path, { status: 'closed' })).json().status).toBe('closed');
    const back = await operator.patch(path, { status: 'new' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toBe('状態を「完了」から「未対応」には変更できません。');
    const changes = await auditOf('inquiry.status', inquiryId);
    expect(changes.map((c) => c.detail)).toEqual([
      { receiptNumber: receipt, from: 'new', to: 'in_progress' },
      { receiptNumber: receipt, from: 'in_progress', to: 'closed' },
    ]);
  });

  it('puts a failed auto-reply back in the queue, recorded', async () => {
    const [mail] = await t.database.db
      .select()
      .from(outgoingMails)
      .where(eq(outgoingMails.inquiryId, inquiryId));
    await t.database.db
      .update(outgoingMails)
      .set({ status: 'failed', lastError: 'テスト用の失敗' })
      .where(eq(outgoingMails.id, mail?.id ?? ''));
    const retried = await operator.post(`/api/v1/centers/iwaki/inquiries/${receipt}/mails/${mail?.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', lastError: mailWaitingReasons.disabled });
    expect(await auditOf('inquiry.mail.retry', mail?.id ?? '')).toHaveLength(1);
  });

  it('keeps inquiries from FAQ editors, department staff and other centres', async () => {
    for (const login of ['faq01', 'dept-shimin', 'alkoo-op01']) {
      const client = await loginAs(t.app, login);
      expect((await client.get('/api/v1/centers/iwaki/inquiries')).statusCode, login).toBe(403);
      expect((await client.get(`/api/v1/centers/iwaki/inquiries/${receipt}`)).statusCode, login).toBe(403);
    }
    // A member of both centres asking for iwaki's inquiry under the other centre: not found there.
    const admin = await loginAs(t.app, 'admin');
    expect((await admin.get(`/api/v1/centers/alkoo/inquiries/${receipt}`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/centers/alkoo/inquiries')).json().items).toEqual([]);
    const [count] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'inquiry.view'), eq(auditEvents.targetId, inquiryId)));
    expect(count?.n).toBe(1);
  });
});
