import type { Center, Faq } from '@madoguchi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import type { Actor, ServiceContext } from '../auth/actor.ts';
import { createFaq, deleteFaq, reviewFaq, updateFaq } from './faq.service.ts';

let t: TestApp;
let editor: Client;
let operator: Client;
let admin: Client;
let iwaki: Center;
let alkoo: Center;
const base = '/api/v1/centers/iwaki/faqs';

const departmentOf = (center: Center, name: string) => {
  const found = center.departments.find((d) => d.name === name);
  if (!found) throw new Error(`no department ${name}`);
  return found.id;
};
const categoryOf = (center: Center, axis: string, name: string) => {
  const found = center.categoryAxes.find((a) => a.key === axis)?.categories.find((c) => c.name === name);
  if (!found) throw new Error(`no category ${axis}:${name}`);
  return found.id;
};

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  operator = await loginAs(t.app, 'op02');
  admin = await loginAs(t.app, 'admin');
  iwaki = (await admin.get('/api/v1/centers/iwaki')).json();
  alkoo = (await admin.get('/api/v1/centers/alkoo')).json();
});
afterAll(async () => {
  await t?.close();
});

async function create(client: Client, body: Record<string, unknown>): Promise<Faq> {
  const response = await client.post(base, {
    question: '粗大ごみの出し方を教えてください',
    answer: '回答',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('creating, editing and publishing', () => {
  it('lets an FAQ editor create, edit, schedule and publish; the FAQ-ID is given in order', async () => {
    const created = await create(editor, {
      question: '粗大ごみはどうやって出せばよいですか',
      answer: '<p>事前に申込みが必要です。</p>',
      categoryIds: [categoryOf(iwaki, 'field', 'ごみ・環境'), categoryOf(iwaki, 'keyword', '粗大ごみ')],
      departmentId: departmentOf(iwaki, 'ごみ減量推進課'),
      keywords: ['粗大ごみ'],
      altPhrasings: ['大きいごみの捨て方'],
    });
    expect(created.faqId).toMatch(/^FAQ-\d{6}$/);
    expect(created).toMatchObject({ version: 1, published: false, publicationState: 'draft' });
    expect(created.updatedBy?.name).toBe('中村 恵子');
    const next = await create(editor, {});
    expect(Number(next.faqId.slice(4))).toBe(Number(created.faqId.slice(4)) + 1);

    const start = new Date(t.clock.now.getTime() + 3 * 86_400_000);
    const scheduled = await editor.patch(`${base}/${created.faqId}`, {
      version: 1,
      published: true,
      publishStart: start.toISOString(),
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ version: 2, publicationState: 'scheduled' });
    expect(scheduled.json().categoryIds).toHaveLength(2);

    const now = await editor.patch(`${base}/${created.faqId}`, { version: 2, publishStart: null });
    expect(now.json()).toMatchObject({ version: 3, published: true, publicationState: 'published' });
    const read = (await editor.get(`${base}/${created.faqId}`)).json();
    expect(read.keywords).toEqual(['粗大ごみ']);
    expect(read.answer).toBe('<p>事前に申込みが必要です。</p>');
  });

  it('refuses operators every change (403) and changes nothing', async () => {
    const faq = await create(editor, { faqId: 'OP-0001' });
    expect((await operator.post(base, { question: 'q', answer: 'a' })).statusCode).toBe(403);
    const patch = await operator.patch(`${base}/OP-0001`, { version: 1, published: true });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('forbidden');
    expect((await operator.delete(`${base}/OP-0001`)).statusCode).toBe(403);
    expect((await operator.post(`${base}/OP-0001/review`)).statusCode).toBe(403);
    expect((await operator.post(`${base}/OP-0001/revisions/1/restore`)).statusCode).toBe(403);
    const after = (await operator.get(`${base}/OP-0001`)).json();
    expect(after).toMatchObject({ version: faq.version, published: false });
  });

  it('enforces the editor right in the service itself, for callers other than HTTP', async () => {
    const operatorActor: Actor = {
      userId: null,
      loginId: 'op-service-test',
      displayName: 'サービス試験',
      systemAdmin: false,
      memberships: [{ centerId: iwaki.id, roles: ['operator', 'supervisor'], departmentId: null }],
    };
    const ctx: ServiceContext = {
      database: t.database,
      config: t.config,
      actor: operatorActor,
      meta: { ip: null, userAgent: null },
      now: () => new Date(),
    };
    const refused = async (p: Promise<unknown>) => {
      const error = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('forbidden');
    };
    await refused(createFaq(ctx, 'iwaki', { question: 'q', answer: 'a' }));
    await refused(updateFaq(ctx, 'iwaki', 'OP-0001', { version: 1, question: 'x' }));
    await refused(deleteFaq(ctx, 'iwaki', 'OP-0001'));
    await refused(reviewFaq(ctx, 'iwaki', 'OP-0001'));
    const editorCtx = {
      ...ctx,
      actor: {
        ...operatorActor,
        memberships: [{ centerId: iwaki.id, roles: ['faq_editor' as const], departmentId: null }],
      },
    };
    const made = await createFaq(editorCtx, 'iwaki', { question: 'サービスから', answer: 'a' });
    expect(made.version).toBe(1);
  });

  it('refuses a stale version with 409 and a Japanese message', async () => {
    await create(editor, { faqId: 'VC-0001' });
    const first = await editor.patch(`${base}/VC-0001`, { version: 1, question: '一人目の変更' });
    expect(first.statusCode).toBe(200);
    const second = await admin.patch(`${base}/VC-0001`, { version: 1, question: '二人目の変更' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(second.json().error.message).toContain('他の人が先に更新しました');
    expect((await editor.get(`${base}/VC-0001`)).json().question).toBe('一人目の変更');
  });

  it('checks references: related FAQ-IDs, categories and departments must be the centre’s', async () => {
    await create(editor, { faqId: 'REF-0001' });
    const related = await editor.post(base, {
      question: 'q',
      answer: 'a',
      relatedFaqIds: ['REF-0001', 'NONE-9'],
    });
    expect(related.statusCode).toBe(400);
    expect(related.json().error.field).toBe('relatedFaqIds.1');
    const alkooCategory = alkoo.categoryAxes[0]?.categories[0]?.id;
    const category = await editor.post(base, { question: 'q', answer: 'a', categoryIds: [alkooCategory] });
    expect(category.json().error.field).toBe('categoryIds.0');
    const department = await editor.post(base, {
      question: 'q',
      answer: 'a',
      departmentId: alkoo.departments[0]?.id,
    });
    expect(department.json().error.field).toBe('departmentId');
    const self = await editor.patch(`${base}/REF-0001`, { version: 1, relatedFaqIds: ['REF-0001'] });
    expect(self.json().error.field).toBe('relatedFaqIds.0');
    const ok = await create(editor, { relatedFaqIds: ['REF-0001'] });
    expect(ok.relatedFaqIds).toEqual(['REF-0001']);
    const window = await editor.post(base, {
      question: 'q',
      answer: 'a',
      publishStart: '2027-04-01T00:00:00+09:00',
      publishEnd: '2027-03-01T00:00:00+09:00',
    });
    expect(window.json().error.field).toBe('publishEnd');
  });

  it('writes the audit row with the change', async () => {
    const faq = await create(editor, {});
    const rows = await t.database.query<{ action: string; detail: { faqId: string } }>(
      "select action, detail from audit_events where target_type = 'faq' and target_id = $1",
      [faq.id],
    );
    expect(rows).toEqual([{ action: 'faq.create', detail: expect.objectContaining({ faqId: faq.faqId }) }]);
  });
});

describe('sanitising answers', () => {
  it('strips scripts, event handlers and javascript: links, keeping the allowed markup', async () => {
    const faq = await create(editor, {
      answer:
        '<p onclick="steal()">受付は<strong>市民課</strong>です<script>alert(1)</script></p>' +
        '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">ここ</a>' +
        '<a href="https://www.city.example.jp/" target="_blank">市のページ</a><style>p{}</style>',
    });
    expect(faq.answer).toBe(
      '<p>受付は<strong>市民課</strong>です</p>ここ<a href="https://www.city.example.jp/">市のページ</a>',
    );
    const onlyScript = await editor.post(base, { question: 'q', answer: '<script>alert(1)</script>' });
    expect(onlyScript.statusCode).toBe(400);
    expect(onlyScript.json().error.field).toBe('answer');
    const plain = await create(editor, { answer: '一行目\n二行目\n\n<次の段落> & 記号' });
    expect(plain.answer).toBe('<p>一行目<br>二行目</p><p>&lt;次の段落&gt; &amp; 記号</p>');
    const rows = await t.database.query<{ answer_text: string }>(
      'select answer_text from faqs where id = $1',
      [plain.id],
    );
    expect(rows[0]?.answer_text).toBe('一行目\n二行目\n<次の段落> & 記号');
  });
});

describe('revisions', () => {
  it('keeps who, when and what changed, and restores an earlier revision, also after deletion', async () => {
    await create(editor, { faqId: 'RV-0001', question: '元の質問', keywords: ['最初'] });
    await editor.patch(`${base}/RV-0001`, { version: 1, question: '直した質問' });
    await editor.patch(`${base}/RV-0001`, { version: 2, keywords: ['二番目'] });
    const revisions = (await operator.get(`${base}/RV-0001/revisions`)).json();
    expect(revisions.map((r: { revision: number; action: string }) => [r.revision, r.action])).toEqual([
      [3, 'update'],
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(revisions[1].changes).toEqual({ question: { from: '元の質問', to: '直した質問' } });
    expect(revisions[0].changes).toEqual({ keywords: { from: ['最初'], to: ['二番目'] } });
    expect(revisions[0].actor.name).toBe('中村 恵子');

    expect((await editor.delete(`${base}/RV-0001`)).statusCode).toBe(204);
    expect((await editor.get(`${base}/RV-0001`)).statusCode).toBe(404);
    const listed = (await editor.get(`${base}?limit=500`))
      .json()
      .items.map((i: { faqId: string }) => i.faqId);
    expect(listed).not.toContain('RV-0001');
    const deleted = (await editor.get(`${base}?deleted=true`))
      .json()
      .items.map((i: { faqId: string }) => i.faqId);
    expect(deleted).toContain('RV-0001');
    expect((await operator.get(`${base}?deleted=true`)).statusCode).toBe(403);
    const reuse = await editor.post(base, { faqId: 'RV-0001', question: 'q', answer: 'a' });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().error.field).toBe('faqId');

    const afterDelete = (await editor.get(`${base}/RV-0001/revisions`)).json();
    expect(afterDelete[0]).toMatchObject({
      revision: 4,
      action: 'delete',
      changes: { deleted: { from: false, to: true } },
    });
    const restored = await editor.post(`${base}/RV-0001/revisions/2/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ question: '直した質問', keywords: ['最初'], version: 5 });
    const latest = (await editor.get(`${base}/RV-0001/revisions`)).json()[0];
    expect(latest).toMatchObject({ revision: 5, action: 'restore', restoredFrom: 2 });
    expect(latest.changes).toEqual({
      keywords: { from: ['二番目'], to: ['最初'] },
      deleted: { from: true, to: false },
    });
    expect((await operator.get(`${base}/RV-0001`)).statusCode).toBe(200);
    expect((await editor.post(`${base}/RV-0001/revisions/99/restore`)).statusCode).toBe(404);
  });

  it('writes no revision for a save that changes nothing', async () => {
    await create(editor, { faqId: 'RV-0002' });
    const same = await editor.patch(`${base}/RV-0002`, {
      version: 1,
      question: '粗大ごみの出し方を教えてください',
    });
    expect(same.json().version).toBe(1);
    expect((await editor.get(`${base}/RV-0002/revisions`)).json()).toHaveLength(1);
  });
});

describe('publication by the clock', () => {
  it('starts inclusive and ends exclusive, in the record, the list filter and the public condition', async () => {
    const start = new Date('2027-04-01T00:00:00+09:00');
    const end = new Date('2027-05-01T00:00:00+09:00');
    await create(editor, {
      faqId: 'PUB-0001',
      published: true,
      publishStart: '2027-04-01T00:00:00+09:00',
      publishEnd: '2027-05-01T00:00:00+09:00',
    });
    const stateAt = async (at: Date) => {
      t.clock.now = at;
      const client = await loginAs(t.app, 'faq01');
      const one = (await client.get(`${base}/PUB-0001`)).json().publicationState;
      for (const state of ['draft', 'scheduled', 'published', 'expired']) {
        const list = (await client.get(`${base}?state=${state}&limit=500`)).json();
        const inList = list.items.some((i: { faqId: string }) => i.faqId === 'PUB-0001');
        expect(inList, `${state} at ${at.toISOString()}`).toBe(state === one);
      }
      return one;
    };
    try {
      expect(await stateAt(new Date(start.getTime() - 1))).toBe('scheduled');
      expect(await stateAt(start)).toBe('published');
      expect(await stateAt(new Date(end.getTime() - 1))).toBe('published');
      expect(await stateAt(end)).toBe('expired');
    } finally {
      t.clock.now = new Date();
    }
    await editor.patch(`${base}/PUB-0001`, { version: 1, published: false });
    expect(await stateAt(start)).toBe('draft');
    t.clock.now = new Date();
  });
});

describe('yearly review', () => {
  it('lists FAQs not reviewed (or, never reviewed, not created) for 12 months, until reviewed', async () => {
    const created = new Date('2027-06-15T10:00:00+09:00');
    t.clock.now = created;
    try {
      const client = await loginAs(t.app, 'faq01');
      const response = await client.post(base, { faqId: 'RD-0001', question: '点検', answer: 'a' });
      expect(response.statusCode).toBe(201);
      const due = async (at: Date) => {
        t.clock.now = at;
        const c = await loginAs(t.app, 'faq01');
        const list = (await c.get(`${base}?reviewDue=true&limit=500`)).json();
        return list.items.some((i: { faqId: string }) => i.faqId === 'RD-0001');
      };
      expect(await due(new Date('2028-06-15T09:59:00+09:00'))).toBe(false);
      expect(await due(new Date('2028-06-15T10:01:00+09:00'))).toBe(true);
      const reviewer = await loginAs(t.app, 'faq01');
      const reviewed = await reviewer.post(`${base}/RD-0001/review`);
      expect(reviewed.json()).toMatchObject({ version: 2, lastReviewedBy: { name: '中村 恵子' } });
      expect(reviewed.json().lastReviewedAt).toBe(t.clock.now.toISOString());
      expect(await due(new Date('2028-06-16T10:00:00+09:00'))).toBe(false);
      const revisions = (await (await loginAs(t.app, 'faq01')).get(`${base}/RD-0001/revisions`)).json();
      expect(revisions[0].action).toBe('review');
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe('department staff', () => {
  it('see and comment on their own department’s FAQs only', async () => {
    const shimin = departmentOf(iwaki, '市民課');
    const gomi = departmentOf(iwaki, 'ごみ減量推進課');
    await create(editor, { faqId: 'DS-0001', departmentId: shimin, question: '住民票の写し' });
    await create(editor, { faqId: 'DS-0002', departmentId: gomi });
    await create(editor, { faqId: 'DS-0003' });
    const staff = await loginAs(t.app, 'dept-shimin');
    const list = (await staff.get(`${base}?limit=500`)).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { departmentId: string }) => i.departmentId === shimin)).toBe(true);
    expect(list.items.map((i: { faqId: string }) => i.faqId)).toContain('DS-0001');
    const asked = (await staff.get(`${base}?departmentId=${gomi}`)).json();
    expect(asked.total).toBe(0);
    expect((await staff.get(`${base}/DS-0001`)).statusCode).toBe(200);
    expect((await staff.get(`${base}/DS-0002`)).statusCode).toBe(403);
    expect((await staff.get(`${base}/DS-0003`)).statusCode).toBe(403);
    expect((await staff.get(`${base}/DS-0002/comments`)).statusCode).toBe(403);

    const own = await staff.post(`${base}/DS-0001/comments`, { body: '手数料が変わります（4月から）' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().author.name).toBe('小林 和也');
    expect((await staff.post(`${base}/DS-0002/comments`, { body: '他課' })).statusCode).toBe(403);
    const gomiStaff = await loginAs(t.app, 'dept-gomi');
    expect((await gomiStaff.post(`${base}/DS-0002/comments`, { body: '確認しました' })).statusCode).toBe(201);
    expect((await operator.post(`${base}/DS-0001/comments`, { body: 'x' })).statusCode).toBe(403);
    // The test clock stands still: move it so that the comments' order is the order they were written in.
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    const supervisor = await loginAs(t.app, 'sv01');
    expect((await supervisor.post(`${base}/DS-0001/comments`, { body: '了解' })).statusCode).toBe(201);
    const comments = (await operator.get(`${base}/DS-0001/comments`)).json();
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['手数料が変わります（4月から）', '了解']);
  });
});

describe('tenant boundary', () => {
  it('keeps an FAQ of alkoo out of reach through iwaki', async () => {
    const made = await admin.post('/api/v1/centers/alkoo/faqs', {
      faqId: 'ALK-0001',
      question: 'ポイントが反映されません',
      answer: 'アプリを再起動してください。',
    });
    expect(made.statusCode).toBe(201);
    expect((await admin.get(`${base}/ALK-0001`)).statusCode).toBe(404);
    expect((await admin.patch(`${base}/ALK-0001`, { version: 1, question: 'x' })).statusCode).toBe(404);
    expect((await admin.delete(`${base}/ALK-0001`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/ALK-0001/revisions`)).statusCode).toBe(404);
    expect((await admin.post(`${base}/ALK-0001/revisions/1/restore`)).statusCode).toBe(404);
    expect((await admin.post(`${base}/ALK-0001/uses`, {})).statusCode).toBe(404);
    const related = await admin.post(base, { question: 'q', answer: 'a', relatedFaqIds: ['ALK-0001'] });
    expect(related.json().error.field).toBe('relatedFaqIds.0');
    const iwakiList = (await admin.get(`${base}?limit=500`))
      .json()
      .items.map((i: { faqId: string }) => i.faqId);
    expect(iwakiList).not.toContain('ALK-0001');
    // Same FAQ-ID in two centres is fine: the ID is unique per centre.
    expect((await admin.post(base, { faqId: 'ALK-0001', question: 'q', answer: 'a' })).statusCode).toBe(201);
    const alkooOp = await loginAs(t.app, 'alkoo-op01');
    expect((await alkooOp.get(`${base}/ALK-0001`)).statusCode).toBe(403);
    expect((await alkooOp.get('/api/v1/centers/alkoo/faqs/ALK-0001')).json().question).toBe(
      'ポイントが反映されません',
    );
  });
});
