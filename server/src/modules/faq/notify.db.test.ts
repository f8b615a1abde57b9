import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withinTransaction } from '../../platform/db/database.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { createFaq, updateFaq } from './faq.service.ts';
import { type FaqChanged, listenFaqChanged, notifyFaqChanged } from './notify.ts';

let t: TestApp;
let editor: Client;
let iwakiId: string;
let received: FaqChanged[] = [];
let stop: () => Promise<void>;
const base = '/api/v1/centers/iwaki/faqs';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  iwakiId = (await findCenterBySlug(t.database.db, 'iwaki'))!.id;
  stop = await listenFaqChanged(t.database, (change) => received.push(change));
});
afterAll(async () => {
  await stop?.();
  await t?.close();
});

/** Waits for notifications to arrive (PostgreSQL delivers them on another connection), then takes them. */
async function settle(expected: number): Promise<FaqChanged[]> {
  const deadline = Date.now() + 2000;
  while (received.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // A little longer, so that a second, unwanted notification would be seen too.
  await new Promise((r) => setTimeout(r, 150));
  const taken = received;
  received = [];
  return taken;
}

const editorContext = (ctx: Partial<ServiceContext> = {}): ServiceContext => ({
  database: t.database,
  config: t.config,
  actor: {
    userId: null,
    loginId: 'notify-test',
    displayName: '通知試験',
    systemAdmin: false,
    memberships: [{ centerId: iwakiId, roles: ['faq_editor'], departmentId: null }],
  },
  meta: { ip: null, userAgent: null },
  now: () => new Date(),
  ...ctx,
});

describe('change notification for search', () => {
  it('fires once per committed change, naming the centre and the FAQ', async () => {
    await settle(0);
    const created = await editor.post(base, { faqId: 'NT-0001', question: '通知', answer: 'a' });
    expect(await settle(1)).toEqual([{ centerId: iwakiId, faqIds: [created.json().id] }]);
    await editor.patch(`${base}/NT-0001`, { version: 1, question: '通知（改）' });
    expect(await settle(1)).toHaveLength(1);
    await editor.post(`${base}/NT-0001/review`);
    expect(await settle(1)).toHaveLength(1);
    await editor.delete(`${base}/NT-0001`);
    expect(await settle(1)).toHaveLength(1);
    await editor.post(`${base}/NT-0001/revisions/1/restore`);
    expect(await settle(1)).toEqual([{ centerId: iwakiId, faqIds: [created.json().id] }]);
  });

  it('stays silent for reads, refused changes and rolled-back transactions', async () => {
    await settle(0);
    await editor.get(`${base}/NT-0001`);
    expect((await editor.patch(`${base}/NT-0001`, { version: 1, question: '古い版' })).statusCode).toBe(409);
    const operator = await loginAs(t.app, 'op02');
    await operator.post(base, { question: 'q', answer: 'a' });
    await expect(
      t.database.transaction(async (tx) => {
        const ctx = editorContext({ database: withinTransaction(t.database, tx) });
        await createFaq(ctx, 'iwaki', { faqId: 'NT-ROLLBACK', question: 'q', answer: 'a' });
        throw new Error('import failed half-way');
      }),
    ).rejects.toThrow('import failed half-way');
    expect(await settle(0)).toEqual([]);
    expect((await editor.get(`${base}/NT-ROLLBACK`)).statusCode).toBe(404);
  });

  it('delivers the changes of a caller’s transaction (an import) at its commit', async () => {
    await settle(0);
    const ids = await t.database.transaction(async (tx) => {
      const ctx = editorContext({ database: withinTransaction(t.database, tx) });
      const a = await createFaq(
        ctx,
        'iwaki',
        { faqId: 'NT-0002', question: 'q', answer: 'a' },
        { action: 'import' },
      );
      const b = await createFaq(
        ctx,
        'iwaki',
        { faqId: 'NT-0003', question: 'q', answer: 'a' },
        { action: 'import' },
      );
      await updateFaq(ctx, 'iwaki', 'NT-0002', { version: 1, question: 'q2' }, { action: 'import' });
      // Nothing is delivered before the commit.
      await new Promise((r) => setTimeout(r, 150));
      expect(received).toEqual([]);
      return [a.id, b.id];
    });
    const got = await settle(2);
    expect(got.flatMap((c) => c.faqIds).sort()).toEqual([...ids].sort());
    const revisions = (await editor.get(`${base}/NT-0002/revisions`)).json();
    expect(revisions.map((r: { action: string }) => r.action)).toEqual(['import', 'import']);
  });

  it('splits a large set into notifications that fit PostgreSQL’s payload limit', async () => {
    await settle(0);
    const many = Array.from(
      { length: 250 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    await t.database.transaction((tx) => notifyFaqChanged(tx, iwakiId, many));
    const got = await settle(3);
    expect(got.map((c) => c.faqIds.length)).toEqual([100, 100, 50]);
    expect(got.flatMap((c) => c.faqIds)).toEqual(many);
  });
});
