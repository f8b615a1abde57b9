// Deleting a category, a category axis or a department that FAQs use: each FAQ that changes gets a revision
// by the person who deleted, and the search index stops filtering by what is gone.
import type { FaqRevision } from '@madoguchi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { createSearchService, type SearchCenter, type SearchService } from '../search/search.service.ts';

let t: TestApp;
let manager: Client;
let admin: Client;
let editor: Client;
let search: SearchService;
let iwaki: SearchCenter;
const center = '/api/v1/centers/iwaki';
const faqs = `${center}/faqs`;
let axisId: string;
let categoryA: string;
let categoryB: string;

beforeAll(async () => {
  t = await createTestApp();
  manager = await loginAs(t.app, 'manager');
  admin = await loginAs(t.app, 'admin');
  editor = await loginAs(t.app, 'faq01');
  const row = (await findCenterBySlug(t.database.db, 'iwaki'))!;
  iwaki = { id: row.id, searchLearning: row.searchLearning };
  search = createSearchService({ database: t.database });

  const axis = await manager.post(`${center}/category-axes`, { key: 'rr_axis', name: '試験の分類軸' });
  expect(axis.statusCode, axis.body).toBe(201);
  axisId = axis.json().id;
  const add = async (name: string) => {
    const made = await manager.post(`${center}/category-axes/${axisId}/categories`, { name });
    expect(made.statusCode, made.body).toBe(201);
    return made.json().id as string;
  };
  categoryA = await add('試験分類A');
  categoryB = await add('試験分類B');
  const faq = async (faqId: string, categoryIds: string[]) => {
    const made = await editor.post(faqs, {
      faqId,
      question: `ぽこぺん広場の${faqId}について`,
      answer: '<p>ぽこぺん広場は毎日開いています。</p>',
      categoryIds,
    });
    expect(made.statusCode, made.body).toBe(201);
  };
  await faq('RR-0001', [categoryA, categoryB]);
  await faq('RR-0002', [categoryA]);
  await faq('RR-0003', [categoryB]);
  expect((await editor.delete(`${faqs}/RR-0002`)).statusCode).toBe(204);
});
afterAll(async () => {
  await search?.stop();
  await t?.close();
});

const revisionsOf = async (faqId: string): Promise<FaqRevision[]> => {
  const response = await editor.get(`${faqs}/${faqId}/revisions`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** FAQ-IDs the process's index finds for ぽこぺん within one category. */
const foundIn = async (categoryId: string) =>
  (await search.search(iwaki, 'ぽこぺん広場', { limit: 20, categoryId })).hits.map((h) => h.faqId).sort();

/** Waits for the change notification and the index update; fails if `probe` does not hold within `ms`. */
async function settles(probe: () => Promise<boolean>, ms = 2000) {
  const started = performance.now();
  for (;;) {
    await search.settled();
    if (await probe()) return;
    if (performance.now() - started > ms) throw new Error(`search index not updated within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('deleting a category that FAQs use', () => {
  it('writes a revision by the deleter for each FAQ that lost it, deleted FAQs too', async () => {
    expect(await foundIn(categoryA)).toEqual(['RR-0001']);
    const deleted = await manager.delete(`${center}/categories/${categoryA}`);
    expect(deleted.statusCode, deleted.body).toBe(204);

    const [latest, first] = await revisionsOf('RR-0001');
    expect(first?.revision).toBe(1);
    expect(latest).toMatchObject({
      revision: 2,
      action: 'update',
      actor: { name: '鈴木 美咲' },
      changes: { categoryIds: { from: [categoryA, categoryB], to: [categoryB] } },
    });
    expect(Object.keys(latest?.changes ?? {})).toEqual(['categoryIds']);
    const faq = (await editor.get(`${faqs}/RR-0001`)).json();
    expect(faq).toMatchObject({ version: 2, categoryIds: [categoryB], updatedBy: { name: '鈴木 美咲' } });

    const [gone] = await revisionsOf('RR-0002');
    expect(gone).toMatchObject({
      revision: 3,
      action: 'update',
      changes: { categoryIds: { from: [categoryA], to: [] } },
    });
    expect(await revisionsOf('RR-0003')).toHaveLength(1);

    const audit = await t.database.query<{ detail: { faqId: string; cause: { type: string } } }>(
      "select detail from audit_events where action = 'faq.update' and detail->'cause'->>'type' = 'category' order by detail->>'faqId'",
    );
    expect(audit.map((a) => a.detail.faqId)).toEqual(['RR-0001', 'RR-0002']);
  });

  it('tells the search index: a search filtered by the deleted category no longer finds the FAQ', async () => {
    await settles(async () => (await foundIn(categoryA)).length === 0);
    expect(await foundIn(categoryB)).toEqual(['RR-0001', 'RR-0003']);
  });

  it('does the same for every category of a deleted axis', async () => {
    const deleted = await manager.delete(`${center}/category-axes/${axisId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    for (const faqId of ['RR-0001', 'RR-0003']) {
      const [latest] = await revisionsOf(faqId);
      expect(latest).toMatchObject({
        action: 'update',
        actor: { name: '鈴木 美咲' },
        changes: { categoryIds: { to: [] } },
      });
    }
    await settles(async () => (await foundIn(categoryB)).length === 0);
  });

  it('leaves FAQs of another centre alone and 404s a category of another centre', async () => {
    const alkoo = (await admin.get('/api/v1/centers/alkoo')).json();
    const foreign = alkoo.categoryAxes[0].categories[0].id as string;
    expect((await admin.delete(`${center}/categories/${foreign}`)).statusCode).toBe(404);
    const kept = (await admin.get('/api/v1/centers/alkoo')).json();
    expect(kept.categoryAxes[0].categories[0].id).toBe(foreign);
  });
});

describe('deleting a department that FAQs name', () => {
  let departmentId: string;
  const hours = {
    mon: { opens: '08:30', closes: '17:15' },
    tue: null,
    wed: null,
    thu: null,
    fri: null,
    sat: null,
    sun: null,
    holiday: null,
  };

  it('is refused while a live FAQ names it, saying which; nothing changes', async () => {
    const made = await admin.post(`${center}/departments`, { name: '試験廃止課', officeHours: hours });
    expect(made.statusCode, made.body).toBe(201);
    departmentId = made.json().id;
    const faq = await editor.post(faqs, {
      faqId: 'RR-0004',
      question: '試験廃止課の窓口はどこですか',
      answer: '<p>本庁舎1階です。</p>',
      departmentId,
    });
    expect(faq.statusCode, faq.body).toBe(201);
    const refused = await admin.delete(`${center}/departments/${departmentId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      '所管課「試験廃止課」はFAQ 1件の所管課です（FAQ-ID: RR-0004）。FAQの所管課を変更してから削除してください。',
    );
    expect(await revisionsOf('RR-0004')).toHaveLength(1);
    const departments = (await admin.get(center)).json().departments as { id: string }[];
    expect(departments.map((d) => d.id)).toContain(departmentId);
  });

  it('goes once only deleted FAQs name it; they lose it with a revision', async () => {
    expect((await editor.delete(`${faqs}/RR-0004`)).statusCode).toBe(204);
    const deleted = await admin.delete(`${center}/departments/${departmentId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const [latest] = await revisionsOf('RR-0004');
    expect(latest).toMatchObject({
      revision: 3,
      action: 'update',
      changes: { departmentId: { from: departmentId, to: null } },
    });
    expect(latest?.actor?.name).toBeTruthy();
    // Restoring brings the FAQ back without the department that no longer exists.
    const restored = await editor.post(`${faqs}/RR-0004/revisions/1/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().departmentId).toBeNull();
  });
});
