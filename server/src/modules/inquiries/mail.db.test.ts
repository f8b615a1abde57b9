// The auto-reply against a real SMTP server on loopback (smtp-server): the Japanese subject and body arrive
// intact; the job retries while the server is down and sends once it is up; after the last retry the mail is
// failed with a Japanese reason; the sweep sends what was never queued; settings keep the password encrypted
// and a test mail reports the SMTP problem in Japanese.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineContext } from '../../main.ts';
import { centerMailSettings, outgoingMails } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type JobRunner, startJobs } from '../../platform/jobs/index.ts';
import { decryptSecret } from '../../platform/mail/index.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { demoMailSettings } from './demo-inquiries.ts';
import { submitInquiry } from './inquiries.service.ts';
import { freePort, parseMail, startTestSmtpServer, type TestSmtpServer } from './inquiry-test-helpers.ts';
import { mailJobDefinitions } from './mail.jobs.ts';
import { deliverMail, queueMail } from './mail-delivery.ts';
import { updateMailSettings } from './mail-settings.service.ts';
import { mailWaitingReasons } from './mail-state.ts';

const key = randomBytes(32).toString('base64');
let t: TestApp;
let admin: Client;
let cli: ServiceContext;
let iwakiId: string;
let smtp: TestSmtpServer;

beforeAll(async () => {
  t = await createTestApp({ env: { MAIL_CREDENTIALS_KEY: key } });
  cli = commandLineContext(t.database, t.config);
  const center = await findCenterBySlug(t.database.db, 'iwaki');
  if (!center) throw new Error('demo centre missing');
  iwakiId = center.id;
  admin = await loginAs(t.app, 'admin');
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

/** The demo centre sending through 127.0.0.1:`port` without TLS (a relay on the same host). */
async function sendThrough(port: number, enabled = true) {
  await updateMailSettings(cli, 'iwaki', {
    ...demoMailSettings,
    enabled,
    smtpHost: '127.0.0.1',
    smtpPort: port,
    smtpSecurity: 'none',
    fromName: 'いわき市総合コールセンター',
    replyTo: 'reply@example.jp',
  });
}

async function newInquiry(email: string, at = new Date()) {
  const values = {
    name: '山田 太郎',
    nameKana: null,
    email,
    phone: null,
    address: null,
    categoryId: null,
    body: '市民税の納付書を再発行してほしい。',
  };
  const saved = await submitInquiry(
    { ...cli, actor: null, now: () => at },
    { centerId: iwakiId, values, attachment: null, raw: values, submissionToken: null },
  );
  if (!saved.mailId) throw new Error('no mail written');
  return { ...saved, mailId: saved.mailId };
}

async function mailRow(id: string) {
  const [row] = await t.database.db.select().from(outgoingMails).where(eq(outgoingMails.id, id));
  if (!row) throw new Error('mail missing');
  return row;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const deps = () => ({ database: t.database, config: t.config, now: () => new Date() });

describe('the auto-reply over SMTP', () => {
  it('waits, with the reason, while the centre’s sending is switched off', async () => {
    const mail = await newInquiry('waiting@example.jp');
    expect(await deliverMail(deps(), mail.mailId, { finalAttempt: false })).toEqual({
      state: 'waiting',
      reason: mailWaitingReasons.disabled,
    });
    expect(await mailRow(mail.mailId)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: mailWaitingReasons.disabled,
    });
  });

  it('arrives with the Japanese subject and body intact (UTF-8, encoded headers)', async () => {
    await sendThrough(smtp.port);
    const mail = await newInquiry('hanako@example.jp', new Date('2026-11-22T05:05:00Z'));
    const outcome = await deliverMail(deps(), mail.mailId, { finalAttempt: false });
    expect(outcome.state).toBe('sent');
    const received = await smtp.waitFor((m) => m.to.includes('hanako@example.jp'));
    expect(received.from).toBe('callcenter@example.jp');
    const parsed = parseMail(received.raw);
    // The header itself is 7-bit: MIME encoded words carrying UTF-8.
    expect(parsed.headers.subject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    const head = received.raw.slice(0, received.raw.indexOf('\r\n\r\n'));
    expect([...head].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(parsed.subject).toBe(
      `【いわき市総合コールセンター（デモ）】お問い合わせを受け付けました（受付番号 ${mail.receiptNumber}）`,
    );
    expect(parsed.from).toBe('いわき市総合コールセンター <callcenter@example.jp>');
    expect(parsed.headers['reply-to']).toBe('reply@example.jp');
    expect(parsed.headers['auto-submitted']).toBe('auto-replied');
    expect(parsed.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(parsed.text).toContain(`受付番号：${mail.receiptNumber}`);
    expect(parsed.text).toContain('受付日時：2026年11月22日 14時05分');
    expect(parsed.text).toContain('代表電話：0246-00-1000');
    expect(parsed.text).toContain('受付時間：月〜金 8:30〜19:00／土・日・祝日 8:30〜17:00');
    expect(parsed.text).not.toContain('納付書');
    expect(await mailRow(mail.mailId)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      messageId: parsed.headers['message-id'],
    });
    // Sent once: a second run finds nothing to do.
    expect(await deliverMail(deps(), mail.mailId, { finalAttempt: false })).toEqual({ state: 'skipped' });
  });
});

describe('the mail jobs', () => {
  let jobs: JobRunner;
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    // Short delays so that the retries happen within the test; the production default is 8 retries from 60 s.
    jobs = await startJobs(
      t.database,
      mailJobDefinitions({
        database: t.database,
        config: t.config,
        retryLimit: 2,
        retryDelaySeconds: 1,
        jobs: () => runner,
      }),
      { work: true, pollingIntervalSeconds: 0.5, stopTimeoutSeconds: 5 },
    );
    runner = jobs;
  });
  afterAll(async () => {
    await jobs?.stop();
  });

  it('retries while the SMTP server is down and sends once it is up (pending → sent)', async () => {
    const port = await freePort();
    await sendThrough(port);
    const mail = await newInquiry('retry@example.jp');
    expect(await queueMail(jobs, mail.mailId)).toBe(true);
    // The same mail is not queued twice while its job waits or runs.
    expect(await queueMail(jobs, mail.mailId)).toBe(false);
    const failedOnce = await until(
      () => mailRow(mail.mailId),
      (row) => row.attempts >= 1,
    );
    expect(failedOnce.status).toBe('pending');
    expect(failedOnce.lastError).toContain(`SMTPサーバー 127.0.0.1:${port} に接続できません`);
    expect(failedOnce.lastError).toContain('自動で再送します');
    const late = await startTestSmtpServer(port);
    try {
      const sent = await until(
        () => mailRow(mail.mailId),
        (row) => row.status !== 'pending',
      );
      expect(sent).toMatchObject({ status: 'sent', lastError: null });
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      const received = await late.waitFor((m) => m.to.includes('retry@example.jp'));
      expect(parseMail(received.raw).subject).toContain(mail.receiptNumber);
    } finally {
      await late.close();
    }
  });

  it('marks the mail failed, with the reason in Japanese, after the last retry', async () => {
    const port = await freePort();
    await sendThrough(port);
    const mail = await newInquiry('never@example.jp');
    await queueMail(jobs, mail.mailId);
    const failed = await until(
      () => mailRow(mail.mailId),
      (row) => row.status !== 'pending',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.lastError).toBe(
      `SMTPサーバー 127.0.0.1:${port} に接続できません（接続が拒否されました）。サーバー名・ポート番号と、サーバーが動いているかを確認してください。`,
    );
    // The console shows it so.
    const inquiry = (await admin.get(`/api/v1/centers/iwaki/inquiries/${mail.receiptNumber}`)).json();
    expect(inquiry.mails[0]).toMatchObject({ status: 'failed', attempts: 3, lastError: failed.lastError });
  });

  it('sends, through the sweep, a pending mail that was never queued', async () => {
    await sendThrough(smtp.port);
    const mail = await newInquiry('sweep@example.jp', new Date(Date.now() - 5 * 60_000));
    const sweep = mailJobDefinitions({ database: t.database, config: t.config, jobs: () => jobs }).find(
      (d) => d.name === 'mail.sweep',
    );
    const result = (await sweep?.handler(
      {},
      { jobId: 'test', attempt: 1, signal: new AbortController().signal },
    )) as {
      queued: number;
    };
    expect(result.queued).toBeGreaterThanOrEqual(1);
    await until(
      () => mailRow(mail.mailId),
      (row) => row.status === 'sent',
    );
    await smtp.waitFor((m) => m.to.includes('sweep@example.jp'));
  });
});

describe('mail settings', () => {
  const settingsPath = '/api/v1/centers/iwaki/mail-settings';

  it('stores the SMTP password encrypted and never returns it', async () => {
    const body = {
      ...demoMailSettings,
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpSecurity: 'none',
      smtpUser: 'relay',
    };
    const saved = await admin.request('PUT', settingsPath, { ...body, smtpPassword: 'S3cret-パスワード' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      hasPassword: true,
      smtpUser: 'relay',
      credentialsKeyConfigured: true,
    });
    expect(saved.body).not.toContain('S3cret');
    const [row] = await t.database.db
      .select()
      .from(centerMailSettings)
      .where(eq(centerMailSettings.centerId, iwakiId));
    expect(row?.smtpPasswordEncrypted?.startsWith('v1:')).toBe(true);
    expect(row?.smtpPasswordEncrypted).not.toContain('S3cret');
    expect(decryptSecret(Buffer.from(key, 'base64'), row?.smtpPasswordEncrypted ?? '')).toBe(
      'S3cret-パスワード',
    );
    // Left out (or empty): kept. null: removed.
    expect((await admin.request('PUT', settingsPath, { ...body, smtpPassword: '' })).json().hasPassword).toBe(
      true,
    );
    expect((await admin.request('PUT', settingsPath, body)).json().hasPassword).toBe(true);
    expect(
      (await admin.request('PUT', settingsPath, { ...body, smtpPassword: null })).json().hasPassword,
    ).toBe(false);
    const got = await admin.get(settingsPath);
    expect(got.json()).not.toHaveProperty('smtpPassword');
  });

  it('refuses to store a password without MAIL_CREDENTIALS_KEY, saying so in Japanese next to the field', async () => {
    const withoutKey = { ...cli, config: { ...t.config, MAIL_CREDENTIALS_KEY: undefined } };
    const error = await updateMailSettings(withoutKey, 'iwaki', {
      ...demoMailSettings,
      smtpPassword: 'secret',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation_failed', field: 'smtpPassword' });
    expect((error as Error).message).toContain('MAIL_CREDENTIALS_KEY（32バイトの鍵）が必要です');
  });

  it('names bad fields in Japanese', async () => {
    const response = await admin.request('PUT', settingsPath, {
      ...demoMailSettings,
      fromAddress: 'not-an-address',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'fromAddress' });
    expect(response.json().error.message).toContain(
      '送信元アドレスは name@example.jp の形式で入力してください',
    );
  });

  it('sends a test mail, and reports the SMTP problem in Japanese when it cannot', async () => {
    await sendThrough(smtp.port, false);
    const ok = await admin.post(`${settingsPath}/test`, { to: 'admin@example.jp' });
    expect(ok.json()).toMatchObject({ ok: true, message: 'admin@example.jp にテストメールを送信しました。' });
    const received = await smtp.waitFor((m) => m.to.includes('admin@example.jp'));
    const parsed = parseMail(received.raw);
    expect(parsed.subject).toBe('【いわき市総合コールセンター（デモ）】テストメール');
    expect(parsed.text).toContain('のメール設定から送信したテストメールです。');
    expect(parsed.headers['auto-submitted']).toBe('auto-generated');

    const down = await freePort();
    await sendThrough(down, false);
    const failed = await admin.post(`${settingsPath}/test`, { to: 'admin@example.jp' });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({ ok: false });
    expect(failed.json().message).toBe(
      `テストメールを送信できませんでした。SMTPサーバー 127.0.0.1:${down} に接続できません（接続が拒否されました）。サーバー名・ポート番号と、サーバーが動いているかを確認してください。`,
    );
  });

  it('is for the centre’s administrators only', async () => {
    for (const login of ['manager', 'op01', 'sv01']) {
      const client = await loginAs(t.app, login);
      expect((await client.get(settingsPath)).statusCode, login).toBe(403);
    }
  });
});
