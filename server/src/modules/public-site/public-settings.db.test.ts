// Public settings: what an admin and a manager change, who is refused, the audit trail, and the notification
// that lets every process's public site follow within a second. On PostgreSQL a second `Database` handle on
// the same database stands for a second process (it LISTENs on its own connection), as in
// search-propagation.db.test.ts; PGlite is owned by one process, where a second listener shares the handle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withinTransaction } from '../../platform/db/database.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { openOtherProcessHandle } from '../../testing/test-database.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import {
  listenPublicSettingsChanged,
  notifyPublicSettingsChanged,
  PUBLIC_SETTINGS_CHANGED_CHANNEL,
  type PublicSettingsChanged,
} from './public-settings.repository.ts';
import { setPublicNotice, updatePublicSettings } from './public-settings.service.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
let supervisor: Client;
let iwakiId: string;
let alkooId: string;
let second: Database | null = null;
let received: PublicSettingsChanged[] = [];
let receivedElsewhere: PublicSettingsChanged[] = [];
const stops: (() => Promise<void>)[] = [];
const settingsUrl = '/api/v1/centers/iwaki/public-settings';
const noticeUrl = '/api/v1/centers/iwaki/public-notice';

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin');
  manager = await loginAs(t.app, 'manager');
  supervisor = await loginAs(t.app, 'sv01');
  iwakiId = (await findCenterBySlug(t.database.db, 'iwaki'))!.id;
  alkooId = (await findCenterBySlug(t.database.db, 'alkoo'))!.id;
  second = await openOtherProcessHandle(t.database, 'madoguchi-public-b', 1);
  stops.push(await listenPublicSettingsChanged(t.database, (c) => received.push(c)));
  stops.push(await listenPublicSettingsChanged(second ?? t.database, (c) => receivedElsewhere.push(c)));
});
afterAll(async () => {
  for (const stop of stops) await stop();
  await second?.close();
  await t?.close();
});

/** Waits for notifications to arrive, then a little longer so that an unwanted second one would show. */
async function settle(expected: number): Promise<PublicSettingsChanged[]> {
  const deadline = Date.now() + 2000;
  while (received.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 150));
  const taken = received;
  received = [];
  return taken;
}

const put = (client: Client, url: string, body: unknown) => client.request('PUT', url, body);

async function auditActions(centerId: string): Promise<{ action: string; detail: unknown }[]> {
  return t.database.query(
    "select action, detail from audit_events where center_id = $1 and action like 'public_settings.%' order by id",
    [centerId],
  );
}

describe('public settings', () => {
  it('gives a centre that never saved any the defaults', async () => {
    const created = await admin.post('/api/v1/centers', { slug: 'fresh', name: '新しいセンター' });
    expect(created.statusCode).toBe(201);
    const got = await admin.get('/api/v1/centers/fresh/public-settings');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({
      notice: { text: '', level: 'info', updatedAt: null },
      introduction: '',
      relatedContacts: [],
      publicHost: null,
      inquiryEnabled: true,
      inquiryIntro: '',
      inquiryFields: {
        name: 'required',
        nameKana: 'optional',
        email: 'required',
        phone: 'optional',
        address: 'hidden',
        attachment: 'optional',
      },
    });
  });

  it('lets the admin change the homepage, contacts and form, audited with what changed', async () => {
    await settle(0);
    const contacts = [
      {
        name: '子育てコールセンター',
        phone: '0246-00-8000',
        hours: '平日 9:00〜17:00',
        url: 'https://example.lg.jp/kosodate',
      },
      { name: '税のコールセンター', phone: '0246-00-8100' },
    ];
    const changed = await admin.patch(settingsUrl, {
      introduction: '市の総合窓口です。\n\nお気軽にお問い合わせください。',
      relatedContacts: contacts,
      inquiryIntro: '回答には数日かかることがあります。',
      inquiryFields: {
        name: 'optional',
        nameKana: 'hidden',
        email: 'required',
        phone: 'optional',
        address: 'hidden',
        attachment: 'hidden',
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const body = changed.json();
    expect(body.introduction).toBe('市の総合窓口です。\n\nお気軽にお問い合わせください。');
    expect(body.relatedContacts[1]).toEqual({
      name: '税のコールセンター',
      phone: '0246-00-8100',
      hours: '',
      url: '',
      note: '',
    });
    expect(body.inquiryFields.attachment).toBe('hidden');
    expect((await admin.get(settingsUrl)).json()).toEqual(body);
    // Only what was sent changes.
    const second = await admin.patch(settingsUrl, { inquiryEnabled: false });
    expect(second.json()).toMatchObject({ inquiryEnabled: false, introduction: body.introduction });
    const audit = await auditActions(iwakiId);
    expect(audit.map((a) => a.action)).toEqual(['public_settings.update', 'public_settings.update']);
    expect(audit[1]?.detail).toEqual({ changes: { inquiryEnabled: { from: true, to: false } } });
    expect(await settle(2)).toEqual([{ centerId: iwakiId }, { centerId: iwakiId }]);
  });

  it('names the field in Japanese when a value is wrong, and changes nothing', async () => {
    const before = (await admin.get(settingsUrl)).json();
    const badContact = await admin.patch(settingsUrl, { relatedContacts: [{ name: '', phone: '1' }] });
    expect(badContact.statusCode).toBe(400);
    expect(badContact.json().error).toMatchObject({
      code: 'validation_failed',
      field: 'relatedContacts.0.name',
    });
    expect(badContact.json().error.message).toContain('名称を入力してください');
    const badHost = await admin.patch(settingsUrl, { publicHost: 'faq example' });
    expect(badHost.json().error).toMatchObject({ code: 'validation_failed', field: 'publicHost' });
    expect(badHost.json().error.message).toContain('ホスト名');
    expect((await admin.get(settingsUrl)).json()).toEqual(before);
    expect(await settle(0)).toEqual([]);
  });

  it('keeps a public host to one centre: 409 naming the field, in Japanese', async () => {
    const set = await admin.patch(settingsUrl, { publicHost: 'FAQ.Iwaki.example.lg.jp' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().publicHost).toBe('faq.iwaki.example.lg.jp');
    // Saving the same host again for the same centre is no conflict.
    expect((await admin.patch(settingsUrl, { publicHost: 'faq.iwaki.example.lg.jp' })).statusCode).toBe(200);
    const taken = await admin.patch('/api/v1/centers/alkoo/public-settings', {
      publicHost: 'faq.iwaki.example.lg.jp',
      introduction: '入らないはずの紹介文',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'conflict', field: 'publicHost' });
    expect(taken.json().error.message).toContain('公開ホスト名「faq.iwaki.example.lg.jp」は他のセンター');
    const alkoo = (await admin.get('/api/v1/centers/alkoo/public-settings')).json();
    expect(alkoo.introduction).not.toBe('入らないはずの紹介文');
    expect(await auditActions(alkooId)).toEqual([]);
    // An empty host gives it up; then the other centre may take it.
    expect((await admin.patch(settingsUrl, { publicHost: '' })).json().publicHost).toBeNull();
    const now = await admin.patch('/api/v1/centers/alkoo/public-settings', {
      publicHost: 'faq.iwaki.example.lg.jp',
    });
    expect(now.statusCode).toBe(200);
    await settle(4);
  });

  it('refuses the installation’s own host name', async () => {
    const ctx: ServiceContext = {
      database: t.database,
      config: { ...t.config, PUBLIC_URL: 'https://madoguchi.example.lg.jp' },
      actor: {
        userId: null,
        loginId: 'host-test',
        displayName: 'ホスト試験',
        systemAdmin: true,
        memberships: [],
      },
      meta: { ip: null, userAgent: null },
      now: () => new Date(),
    };
    const refused = updatePublicSettings(ctx, 'iwaki', { publicHost: 'Madoguchi.example.lg.jp' });
    await expect(refused).rejects.toMatchObject({ code: 'validation_failed', field: 'publicHost' });
    await expect(refused).rejects.toThrow('このシステム自体のホスト名');
  });

  it('lets managers and supervisors set and clear the notice banner quickly, without touching the rest', async () => {
    await settle(0);
    t.clock.now = new Date('2026-10-12T09:30:00+09:00');
    const set = await put(manager, noticeUrl, {
      text: '災害対応のため、回答までお時間をいただいています',
      level: 'urgent',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().notice).toEqual({
      text: '災害対応のため、回答までお時間をいただいています',
      level: 'urgent',
      updatedAt: '2026-10-12T00:30:00.000Z',
    });
    expect(set.json().inquiryEnabled).toBe(false);
    // The admin's next save leaves the notice alone.
    const saved = await admin.patch(settingsUrl, { inquiryEnabled: true });
    expect(saved.json().notice.level).toBe('urgent');
    const [row] = await t.database.query<{ login_id: string }>(
      `select u.login_id from center_public_settings s join users u on u.id = s.notice_updated_by
        where s.center_id = $1`,
      [iwakiId],
    );
    expect(row?.login_id).toBe('manager');
    t.clock.now = new Date('2026-10-13T08:00:00+09:00');
    const cleared = await put(supervisor, noticeUrl, { text: '' });
    expect(cleared.json().notice).toEqual({ text: '', level: 'info', updatedAt: '2026-10-12T23:00:00.000Z' });
    const audit = (await auditActions(iwakiId)).slice(-3);
    expect(audit.map((a) => a.action)).toEqual([
      'public_settings.notice_set',
      'public_settings.update',
      'public_settings.notice_clear',
    ]);
    expect(audit[0]?.detail).toEqual({
      from: { text: '', level: 'info' },
      to: { text: '災害対応のため、回答までお時間をいただいています', level: 'urgent' },
    });
    expect(await settle(3)).toHaveLength(3);
    t.clock.now = new Date();
  });

  it('refuses the notice to operators and editors and a too long text, naming the field', async () => {
    const operator = await loginAs(t.app, 'op02');
    const refused = await put(operator, noticeUrl, { text: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('お知らせバナーを変更する権限がありません。');
    const tooLong = await put(manager, noticeUrl, { text: 'あ'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error).toMatchObject({ field: 'text' });
    expect(tooLong.json().error.message).toContain('500文字以内');
    // Another centre's manager-free operator cannot reach iwaki at all.
    const outsider = await loginAs(t.app, 'alkoo-op01');
    expect((await outsider.get(settingsUrl)).statusCode).toBe(403);
    expect(await settle(0)).toEqual([]);
  });
});

describe('change notification', () => {
  it('reaches a listener on another connection (another process) within a second of the commit', async () => {
    await settle(0);
    receivedElsewhere = [];
    const started = performance.now();
    await put(manager, noticeUrl, { text: '窓口の混雑のため、お待たせしています', level: 'warning' });
    while (receivedElsewhere.length === 0 && performance.now() - started < 1000)
      await new Promise((r) => setTimeout(r, 5));
    expect(receivedElsewhere).toEqual([{ centerId: iwakiId }]);
    expect(performance.now() - started).toBeLessThan(1000);
    await settle(1);
  });

  it('is delivered at commit and never for a rolled-back change', async () => {
    await settle(0);
    const ctx: ServiceContext = {
      database: t.database,
      config: t.config,
      actor: {
        userId: null,
        loginId: 'notify-test',
        displayName: '通知試験',
        systemAdmin: false,
        memberships: [{ centerId: iwakiId, roles: ['manager'], departmentId: null }],
      },
      meta: { ip: null, userAgent: null },
      now: () => new Date(),
    };
    await expect(
      t.database.transaction(async (tx) => {
        await setPublicNotice({ ...ctx, database: withinTransaction(t.database, tx) }, 'iwaki', {
          text: '取り消される',
        });
        await new Promise((r) => setTimeout(r, 100));
        expect(received).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await settle(0)).toEqual([]);
    expect((await manager.get(settingsUrl)).json().notice.text).not.toBe('取り消される');
  });

  it('ignores payloads on the channel that are not its own', async () => {
    await settle(0);
    await t.database.query('select pg_notify($1, $2)', [PUBLIC_SETTINGS_CHANGED_CHANNEL, 'not json']);
    await t.database.query('select pg_notify($1, $2)', [PUBLIC_SETTINGS_CHANGED_CHANNEL, '{"x":1}']);
    await t.database.transaction((tx) => notifyPublicSettingsChanged(tx, alkooId));
    expect(await settle(1)).toEqual([{ centerId: alkooId }]);
  });
});
